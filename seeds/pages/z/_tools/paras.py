"""Paragraph extraction shared by build.py and check.py (stdlib html.parser only)."""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
CONTAINER = {"div", "section", "article", "aside", "header", "footer", "nav", "main",
             "body", "html", "form", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot",
             "tr", "figure", "details", "fieldset", "address", "menu", "caption"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "base",
        "col", "embed", "param", "track"}
SKIP = {"script", "style", "template", "head", "noscript", "svg", "title"}


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


class Seg:
    def __init__(self, label):
        self.label = label
        self.plain = []
        self.spaced = []
        self.nodes = [""]

    def text(self):
        return fold("".join(self.plain))


class Extractor(HTMLParser):
    def __init__(self, label_attr="data-l"):
        super().__init__(convert_charrefs=True)
        self.label_attr = label_attr
        self.stack = []  # dicts: tag, label, para(bool), hidden, seg
        self.out = []

    def _label(self):
        for f in reversed(self.stack):
            if f["label"] is not None:
                return f["label"]
        return None

    def _hidden(self):
        return any(f["hidden"] for f in self.stack)

    def _para(self):
        for f in reversed(self.stack):
            if f["para"]:
                return f
        return None

    def _close_seg(self, f):
        s = f["seg"]
        if s is not None and s.text():
            self.out.append(s)
        f["seg"] = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            if tag == "br":
                f = self._para()
                if f is not None and not self._hidden():
                    if f["seg"] is None:
                        f["seg"] = Seg(self._label())
                    f["seg"].plain.append("\n")
                    f["seg"].spaced.append("\n")
                    f["seg"].nodes.append("")
            return
        hidden = (tag in SKIP or "hidden" in a or a.get("aria-hidden") == "true"
                  or bool(re.search(r"display\s*:\s*none", a.get("style") or "")))
        para = tag in BLOCK or tag in CONTAINER
        if para:
            parent = self._para()
            if parent is not None:
                self._close_seg(parent)
        else:
            f = self._para()
            if f is not None and f["seg"] is not None:
                f["seg"].spaced.append(" ")
                f["seg"].nodes.append("")
        lab = a.get(self.label_attr)
        self.stack.append({"tag": tag, "label": lab, "para": para, "hidden": hidden, "seg": None})
        if lab is None:
            self.stack[-1]["label"] = None
        self.stack[-1]["ilabel"] = self._label()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                idx = i
                break
        if idx is None:
            return
        while len(self.stack) > idx:
            f = self.stack.pop()
            if f["para"]:
                self._close_seg(f)
            else:
                p = self._para()
                if p is not None and p["seg"] is not None:
                    p["seg"].spaced.append(" ")
                    p["seg"].nodes.append("")

    def handle_data(self, data):
        if self._hidden():
            return
        f = self._para()
        if f is None:
            return
        if f["seg"] is None:
            if not data.strip():
                return
            f["seg"] = Seg(self._label())
        s = f["seg"]
        s.plain.append(data)
        s.spaced.append(data)
        s.nodes[-1] += data

    def close(self):
        super().close()
        while self.stack:
            f = self.stack.pop()
            if f["para"]:
                self._close_seg(f)


def extract_html(html, label_attr="data-l"):
    e = Extractor(label_attr)
    e.feed(html)
    e.close()
    res = []
    for s in e.out:
        res.append({"label": s.label, "text": s.text(), "spaced": fold("".join(s.spaced)),
                    "nodes": [fold(n) for n in s.nodes if fold(n)],
                    "lines": [fold(x) for x in "".join(s.plain).split("\n") if fold(x)]})
    return res


def extract_txt(txt):
    res = []
    for line in txt.splitlines():
        if line.strip():
            t = fold(line)
            res.append({"label": None, "text": t, "spaced": t, "nodes": [t], "lines": [t]})
    return res
