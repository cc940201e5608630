"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is: a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre,
blockquote, button) or a run of text standing directly in a container. Inline tags (a, span,
strong, br ...) keep text in the same paragraph; any other tag boundary ends the current run.
Text in script/style/template/noscript/head/title/svg or hidden elements is ignored.
Each paragraph is returned as (text_nospace, text_space, labels) where text_nospace joins
across inline tag boundaries with nothing and text_space with a single space.
"""
import re
from html.parser import HTMLParser

INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img",
          "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
          "var", "wbr", "label", "font", "del", "ins"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "iframe", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skip)
        self.paras = []
        self.a = []  # nospace parts
        self.b = []  # space parts
        self.labels = set()

    def _skipping(self):
        return any(s for _, _, s in self.stack)

    def _label(self):
        for _, l, _ in reversed(self.stack):
            if l is not None:
                return l
        return None

    def flush(self):
        ta, tb = norm("".join(self.a)), norm("".join(self.b))
        if tb:
            self.paras.append((ta, tb, frozenset(self.labels)))
        self.a, self.b, self.labels = [], [], set()

    def _boundary(self, tag):
        if tag in INLINE:
            self.a.append("")
            self.b.append(" ")
        else:
            self.flush()

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        hidden = ("hidden" in d) or bool(re.search(r"display\s*:\s*none", d.get("style") or ""))
        skip = tag in SKIP or hidden
        if not self._skipping():
            self._boundary(tag)
        if tag in VOID:
            return
        self.stack.append((tag, d.get("data-l"), skip))

    def handle_startendtag(self, tag, attrs):
        if not self._skipping():
            self._boundary(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                was_skipping = self._skipping()
                del self.stack[i:]
                if not was_skipping:
                    self._boundary(tag)
                return

    def handle_data(self, data):
        if self._skipping():
            return
        if data.strip():
            self.labels.add(self._label())
        self.a.append(data)
        self.b.append(data)

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if labelled:
            lab, _, body = line.partition("| ")
            t = norm(body)
            out.append((t, t, frozenset([lab.strip()])))
        else:
            t = norm(line)
            out.append((t, t, frozenset()))
    return out


def extract_file(path, labelled=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, labelled)
    return extract_html(text)
