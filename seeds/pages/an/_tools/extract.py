"""Paragraph extractor (stdlib html.parser) following the brief's paragraph rules.

A paragraph is a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre,
blockquote, button), or a run of text standing directly in a container. Inline tags do not
break a paragraph; <br> keeps lines in one paragraph. Text in script/style/template/noscript,
<head>, and elements with the `hidden` attribute or inline display:none is ignored.
Each paragraph carries two texts: inline tags removed with nothing and with a space.
If annotations (data-l) are present, each paragraph also gets its inherited label.
"""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "em", "b", "i", "u", "small", "time", "label", "abbr",
          "code", "sup", "sub", "cite", "mark", "q", "s", "img", "br", "font", "bdi",
          "data", "var", "kbd", "wbr", "del", "ins", "amp-img"}
SKIP = {"script", "style", "template", "noscript", "head", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SEP = "\x00"


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skipping)
        self.buf = []            # (text, label)
        self.paras = []

    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def _skipping(self):
        return self.stack[-1][2] if self.stack else False

    def flush(self):
        if not self.buf:
            return
        raw = "".join(t for t, _ in self.buf)
        nothing = norm(raw.replace(SEP, ""))
        space = norm(raw.replace(SEP, " "))
        labels = {l for t, l in self.buf if t.replace(SEP, "").strip()}
        self.buf = []
        if space:
            self.paras.append({"nothing": nothing, "text": space, "labels": labels})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "br":
            if not self._skipping():
                self.buf.append(("\n", self._label()))
            return
        if tag not in INLINE:
            self.flush()
        elif not self._skipping():
            self.buf.append((SEP, self._label()))
        if tag in VOID:
            return
        label = a.get("data-l", self._label())
        style = (a.get("style") or "").replace(" ", "").lower()
        skipping = (self._skipping() or tag in SKIP or "hidden" in a
                    or "display:none" in style)
        self.stack.append((tag, label, skipping))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.handle_starttag(tag, attrs)
            return
        if tag not in INLINE:
            self.flush()
        elif not self._skipping():
            self.buf.append((SEP, self._label()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        elif not self._skipping():
            self.buf.append((SEP, self._label()))
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._skipping():
            return
        self.buf.append((data, self._label()))

    def close(self):
        super().close()
        self.flush()


def html_paragraphs(src):
    p = Extractor()
    p.feed(src)
    p.close()
    return p.paras


LABEL_RE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def txt_paragraphs(src, annotated=False):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        label = None
        if annotated:
            m = LABEL_RE.match(line)
            if not m:
                raise ValueError("unlabelled line: " + line)
            label, line = m.group(1), m.group(2)
        t = norm(line)
        if t:
            out.append({"nothing": t, "text": t, "labels": {label} if label else set()})
    return out


def paragraphs(path, annotated=False):
    src = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return txt_paragraphs(src, annotated)
    return html_paragraphs(src)
