"""Paragraph extractor for the blind batch (stdlib only).

A paragraph is: one non-empty line of a .txt page; an HTML block element
(p, h1-h6, li, td/th, dt/dd, summary, figcaption, pre, blockquote, button);
or a run of text standing directly in any other non-inline element (a container).
<br> and other inline tags keep text in the same paragraph.  Text inside
script/style/template/noscript/head and hidden elements is ignored.

Each paragraph is returned in two forms: `a` (tags removed with nothing) and
`b` (tags replaced by a space), both whitespace-normalised.  When the source is
annotated, each paragraph also gets the label from the nearest data-l ancestor.
"""
import re
from html.parser import HTMLParser

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BLOCK_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
              "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "sup", "sub", "time", "abbr",
          "cite", "code", "mark", "label", "q", "s", "del", "ins", "font", "bdi", "bdo",
          "data", "img", "br", "wbr", "kbd", "var", "samp", "dfn", "amp-img", "picture",
          "source", "input"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "iframe",
        "textarea", "select", "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # (tag, label, skip)
        self.cur = []        # text chunks (str, label) or None for an inline tag boundary
        self.paras = []

    def skipping(self):
        return any(s for _, _, s in self.stack)

    def label(self):
        for _, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def flush(self):
        chunks, self.cur = self.cur, []
        a = norm("".join(c[0] for c in chunks if c is not None))
        b = norm("".join(" " if c is None else c[0] for c in chunks))
        if not a and not b:
            return
        labels = sorted({c[1] or "<none>" for c in chunks if c is not None and c[0].strip()})
        self.paras.append({"a": a, "b": b, "labels": labels, "line": self.getpos()[0]})

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        skip = tag in SKIP or is_hidden(attrs)
        if not self.skipping():
            if tag in INLINE:
                self.cur.append(None)
            else:
                self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, attrs.get("data-l"), skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                break
        else:
            return
        del self.stack[i:]
        if not self.skipping():
            if tag in INLINE:
                self.cur.append(None)
            else:
                self.flush()

    def handle_data(self, data):
        if self.skipping():
            return
        self.cur.append((data, self.label()))

    def close(self):
        super().close()
        self.flush()


def html_paragraphs(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def txt_paragraphs(text, annotated):
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, sep, line = line.partition("| ")
            if not sep:
                raise ValueError(f"line {n}: no 'label| ' prefix")
            lab = lab.strip()
        t = norm(line)
        if t:
            out.append({"a": t, "b": t, "labels": [lab or "<none>"], "line": n})
    return out


def paragraphs(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return txt_paragraphs(text, annotated)
    return html_paragraphs(text)
