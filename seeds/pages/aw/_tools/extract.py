"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is: a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
pre, blockquote, button) or a run of text standing directly in a container.
<br> keeps lines in the same paragraph. Text inside script/style/template/noscript
or hidden elements is ignored. For .txt pages each non-empty line is a paragraph.

Each paragraph is returned as a dict with
  text_space : chunks joined with a space (tags replaced by a space)
  text_none  : chunks joined with nothing (tags removed)
  labels     : set of data-l values seen on its text (annotated sources only)
"""
import re
from html.parser import HTMLParser

INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
          "font", "i", "img", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
          "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "noscript", "head", "svg"}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    st = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in st or "visibility:hidden" in st


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skip)
        self.paras = []
        self.chunks = []
        self.labels = set()

    def _label(self):
        for tag, lab, skip in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _skipping(self):
        return any(s for _, _, s in self.stack)

    def flush(self):
        if self.chunks:
            sp = norm(" ".join(self.chunks))
            no = norm("".join(self.chunks))
            if sp:
                self.paras.append({"text_space": sp, "text_none": no,
                                   "labels": set(self.labels)})
        self.chunks = []
        self.labels = set()

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            if tag == "br":
                self.chunks.append("\n")
            return
        lab = dict(attrs).get("data-l")
        skip = tag in SKIP or is_hidden(attrs)
        self.stack.append((tag, lab, skip))

    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE:
            self.flush()
        if tag == "br":
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        # pop to the matching tag
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._skipping():
            return
        if not data.strip():
            if self.chunks:
                self.chunks.append(data)
            return
        self.chunks.append(data)
        self.labels.add(self._label())

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
        lab = None
        if annotated:
            lab, _, line = line.partition("| ")
            lab = lab.strip()
        t = norm(line)
        out.append({"text_space": t, "text_none": t, "labels": {lab}})
    return out


def extract(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    import sys
    for para in extract(sys.argv[1], annotated="_src" in sys.argv[1]):
        print(sorted(l or "-" for l in para["labels"]), para["text_space"][:110])
