"""Paragraph extractor for the batch (stdlib only).

A paragraph is: one non-empty line of a .txt page; an HTML block element
(p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre, blockquote, button);
or a run of text standing directly in a container.  Inline elements (a, span,
b, strong, em, ...) do not break a run; <br> keeps lines in the same paragraph.
Text inside script/style/template/noscript/head/svg or hidden elements is ignored.
"""
import re
from html.parser import HTMLParser

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
INLINE = {"a", "span", "b", "strong", "em", "i", "u", "small", "sup", "sub", "code",
          "abbr", "time", "mark", "label", "cite", "q", "s", "img", "br", "wbr", "kbd",
          "var", "bdi", "bdo", "data", "del", "ins", "font"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, invisible)
        self.chunks = []  # (text, label)
        self.paras = []

    def _label(self):
        for tag, lab, inv in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _invisible(self):
        return any(inv for _, _, inv in self.stack)

    def flush(self):
        if not self.chunks:
            return
        nothing = norm("".join(c for c, _ in self.chunks))
        space = norm(" ".join(c for c, _ in self.chunks))
        labs = {l for c, l in self.chunks if c.strip()}
        self.chunks = []
        if space:
            self.paras.append({"nothing": nothing, "space": space, "labels": labs})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "br":
            self.chunks.append(("\n", self._label()))
            return
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        style = (a.get("style") or "").replace(" ", "").lower()
        inv = (tag in SKIP or "hidden" in a or "display:none" in style
               or "visibility:hidden" in style)
        self.stack.append((tag, a.get("data-l"), inv))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.chunks.append(("\n", self._label()))
            return
        if tag not in INLINE:
            self.flush()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._invisible():
            return
        self.chunks.append((data, self._label()))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = _P()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, _, line = line.partition("|")
            lab = lab.strip()
            line = line.strip()
        t = norm(line)
        if t:
            out.append({"nothing": t, "space": t, "labels": {lab} if lab else set()})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)
