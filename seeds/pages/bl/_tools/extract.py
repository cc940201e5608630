"""Paragraph extractor (stdlib html.parser) following the brief's rules.
A paragraph: a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre,
blockquote, button) or a run of text directly inside a container. <br> keeps lines
together. script/style/template/noscript, <head> and hidden elements are skipped.
In source mode the nearest data-l attribute gives each text chunk its label."""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
CONTAINER = {"div", "section", "nav", "article", "header", "footer", "aside", "main",
             "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "form", "details",
             "figure", "dl", "body", "html", "fieldset", "address", "caption", "hr",
             "menu", "hgroup", "legend"}
SKIP = {"script", "style", "template", "noscript", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skip)
        self.chunks = []  # (text, label)
        self.paras = []

    def cur(self):
        if self.stack:
            return self.stack[-1][1], self.stack[-1][2]
        return None, False

    def flush(self):
        if not self.chunks:
            return
        nothing = norm("".join(c for c, _ in self.chunks))
        space = norm(" ".join(c for c, _ in self.chunks))
        labels = {l for c, l in self.chunks if c.strip()}
        if space:
            self.paras.append({"space": space, "nothing": nothing, "labels": labels})
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        label, skip = self.cur()
        if "data-l" in a:
            label = a["data-l"]
        style = (a.get("style") or "").replace(" ", "").lower()
        if (tag in SKIP or "hidden" in a or a.get("aria-hidden") == "true"
                or "display:none" in style):
            skip = True
        if tag == "br":
            if not skip:
                self.chunks.append(("\n", label))
            return
        if (tag in BLOCK or tag in CONTAINER) and not self.cur()[1]:
            self.flush()
        if tag not in VOID:
            self.stack.append((tag, label, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, _, skip = self.stack.pop()
            if t == tag:
                break
        if (tag in BLOCK or tag in CONTAINER) and not self.cur()[1]:
            self.flush()

    def handle_data(self, data):
        label, skip = self.cur()
        if not skip:
            self.chunks.append((data, label))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, source=False):
    paras = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if source:
            lab, _, body = line.partition("| ")
            labels = {lab.strip()}
        else:
            body, labels = line, set()
        t = norm(body)
        paras.append({"space": t, "nothing": t, "labels": labels})
    return paras


def extract(path, source=False):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return extract_txt(text, source)
    return extract_html(text)
