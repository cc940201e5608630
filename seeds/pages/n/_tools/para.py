"""Shared paragraph extractor (stdlib html.parser) used by build.py and check.py."""
import re
from html.parser import HTMLParser

BLOCK = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button "
            "div section article aside header footer nav main body html ul ol dl table thead "
            "tbody tfoot tr form figure details fieldset address caption legend menu hgroup dialog".split())
SKIP = {"script", "style", "template", "head", "svg", "noscript", "title"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}
LABELS = {"c": "credible", "b": "boilerplate", "p": "promotional", "f": "scraped_faq",
          "o": "off_topic", "r": "unsourced_rumour", "a": "fabricated_author_bio"}


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


class Para:
    def __init__(self, tag, label):
        self.tag, self.label, self.nodes = tag, label, []

    def text(self, sep=""):
        return fold(sep.join(self.nodes))


class Extractor(HTMLParser):
    def __init__(self, annotated=False):
        super().__init__(convert_charrefs=True)
        self.annotated = annotated
        self.stack = []  # (tag, label, invisible, para)
        self.paras = []

    def _hidden(self, tag, a):
        if tag in SKIP or "hidden" in a:
            return True
        if (a.get("aria-hidden") or "").lower() == "true":
            return True
        st = (a.get("style") or "").replace(" ", "").lower()
        return "display:none" in st

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "br":
            p = self._cur()
            if p is not None and not self._invisible():
                p.nodes.append("\u2028")
            return
        if tag in VOID:
            return
        parent_label = self.stack[-1][1] if self.stack else None
        label = a.get("data-l", parent_label)
        if self.annotated and "data-l" in a and a["data-l"] not in LABELS:
            raise ValueError("bad label %r" % a["data-l"])
        inv = (self.stack[-1][2] if self.stack else False) or self._hidden(tag, a)
        para = None
        if tag in BLOCK:
            para = Para(tag, label)
            self.paras.append(para)
        self.stack.append((tag, label, inv, para))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def _invisible(self):
        return bool(self.stack) and self.stack[-1][2]

    def _cur(self):
        for fr in reversed(self.stack):
            if fr[3] is not None:
                return fr[3]
        return None

    def handle_data(self, data):
        if self._invisible():
            return
        p = self._cur()
        if p is None:
            if data.strip():
                raise ValueError("text outside any block: %r" % data[:40])
            return
        p.nodes.append(data)


def html_paragraphs(src, annotated=False):
    ex = Extractor(annotated)
    ex.feed(src)
    ex.close()
    out = []
    for p in ex.paras:
        if p.text(""):
            out.append(p)
    return out


def txt_paragraphs(src, annotated=False):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        if annotated:
            m = re.match(r"^([a-z])\| ?(.*)$", line)
            if not m or m.group(1) not in LABELS:
                raise ValueError("unlabelled line: %r" % line[:60])
            p = Para("line", m.group(1))
            p.nodes.append(m.group(2))
        else:
            p = Para("line", None)
            p.nodes.append(line)
        out.append(p)
    return out
