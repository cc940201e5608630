"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is: a non-empty line of a .txt page; an HTML block element
(p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre, blockquote, button);
or a run of text standing directly in any other non-inline container.
<br> keeps lines in the same paragraph. script/style/template/noscript,
head/title and hidden elements are skipped.

For annotated sources, data-l="label" is inherited by children; a trailing
'?' marks a judgement call.  Each paragraph is returned as a dict with
  text_space   - text with tags replaced by a space (whitespace collapsed)
  text_nothing - text with tags removed with nothing (whitespace collapsed)
  label        - inherited label (or None), labels - set of labels seen
"""
import re
from html.parser import HTMLParser

INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
          "i", "img", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
          "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "del", "ins"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg"}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skip)
        self.paras = []
        self.buf_space = []
        self.buf_nothing = []
        self.buf_labels = []
        self.leaks = []

    # helpers
    def cur_label(self):
        for t, l, s in reversed(self.stack):
            if l is not None:
                return l
        return None

    def skipping(self):
        return any(s for t, l, s in self.stack)

    def flush(self):
        ts, tn = norm("".join(self.buf_space)), norm("".join(self.buf_nothing))
        if ts:
            labs = [l for l in self.buf_labels if l is not None]
            self.paras.append({"text_space": ts, "text_nothing": tn,
                               "label": labs[0] if labs else None,
                               "labels": sorted(set(labs))})
        self.buf_space, self.buf_nothing, self.buf_labels = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.skipping():
            if tag not in INLINE:
                self.flush()
            else:
                self.buf_space.append(" ")
        if tag in VOID:
            return
        style = (a.get("style") or "").replace(" ", "").lower()
        hidden = ("hidden" in a or "display:none" in style or "visibility:hidden" in style
                  or tag in SKIP)
        self.stack.append((tag, a.get("data-l"), hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, l, s in self.stack):
            return
        was_skipping = self.skipping()
        while self.stack:
            t, l, s = self.stack.pop()
            if t == tag:
                break
        if not was_skipping:
            if tag not in INLINE:
                self.flush()
            else:
                self.buf_space.append(" ")

    def handle_data(self, data):
        if self.skipping():
            return
        self.buf_space.append(data)
        self.buf_nothing.append(data)
        if data.strip():
            self.buf_labels.append(self.cur_label())

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label = None
        if annotated:
            label, _, line = line.partition("| ")
            label = label.strip()
        t = norm(line)
        if t:
            out.append({"text_space": t, "text_nothing": t, "label": label,
                        "labels": [label] if label else []})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    import sys, json
    for p in extract_file(sys.argv[1], annotated="--src" in sys.argv):
        print(json.dumps(p, ensure_ascii=False))
