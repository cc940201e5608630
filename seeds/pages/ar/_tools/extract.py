"""Paragraph extractor (stdlib html.parser) following BRIEF.md rules.

A paragraph is: a non-empty line of a .txt page; an HTML block element
(p, h1-h6, li, td/th, dt/dd, summary, figcaption, pre, blockquote, button);
or a run of text standing directly in a container. <br> keeps lines together.
Text in script/style/template/noscript/head and hidden elements is ignored.

Each paragraph is returned as a dict with:
  nosp  - text with tags removed with nothing (whitespace collapsed)
  sp    - text with tags replaced by a space (whitespace collapsed)
  label - label in effect at the first text chunk (source pages only)
  labels- set of labels seen inside the paragraph
"""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "time", "abbr", "cite",
          "code", "mark", "sup", "sub", "label", "img", "br", "q", "s", "del", "ins",
          "var", "kbd", "font", "bdi", "bdo", "wbr", "data", "meter", "output"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "select",
        "textarea", "iframe", "object", "canvas"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "base",
        "col", "embed", "param", "track"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    d = {k.lower(): (v or "") for k, v in attrs}
    if "hidden" in d:
        return True
    if d.get("aria-hidden", "").lower() == "true":
        return True
    style = d.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return False


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # [tag, label, skip]
        self.paras = []
        self.pieces = []
        self.first_label = None
        self.labels = set()
        self.skip = 0

    # --- helpers
    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def flush(self):
        nosp = norm("".join(self.pieces))
        sp = norm(" ".join(self.pieces))
        if sp:
            self.paras.append({"nosp": nosp, "sp": sp, "label": self.first_label,
                               "labels": set(self.labels)})
        self.pieces = []
        self.first_label = None
        self.labels = set()

    def _boundary(self, tag):
        if tag in INLINE:
            if self.pieces:
                self.pieces.append("")  # tag boundary marker
        else:
            self.flush()

    # --- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self.skip:
            if tag not in VOID:
                self.stack.append([tag, self._label(), True])
                self.skip += 1
            return
        hidden = tag in SKIP or is_hidden(attrs)
        if hidden and tag not in VOID:
            self.flush()
            self.stack.append([tag, self._label(), True])
            self.skip += 1
            return
        self._boundary(tag)
        if tag in VOID:
            return
        lab = dict(attrs).get("data-l") or self._label()
        self.stack.append([tag, lab, False])

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if self.skip:
            return
        self._boundary(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        while len(self.stack) > idx:
            t, lab, sk = self.stack.pop()
            if sk:
                self.skip -= 1
        if not self.skip:
            self._boundary(tag)

    def handle_data(self, data):
        if self.skip:
            return
        if data.strip():
            lab = self._label()
            if self.first_label is None:
                self.first_label = lab
            self.labels.add(lab)
        self.pieces.append(data)

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


TXT_LINE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(text, annotated=False):
    paras = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = None
        if annotated:
            m = TXT_LINE.match(line)
            if not m:
                raise ValueError("unlabelled line %d: %r" % (n, line))
            label, line = m.group(1), m.group(2)
        t = norm(line)
        if t:
            paras.append({"nosp": t, "sp": t, "label": label, "labels": {label}})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    import sys
    for path in sys.argv[1:]:
        for para in extract_file(path, annotated="/_src/" in path):
            print("%-24s %s" % (para["label"], para["sp"][:110]))
