#!/usr/bin/env python3
"""Paragraph extractor (stdlib only) following the brief's rules.

A paragraph is one non-empty line of a .txt page, or for HTML: a block element
(p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre, blockquote, button) or
a run of text standing directly in any other container. Inline tags (a, span,
b, ...) and <br> keep text in the same paragraph. Text in script/style/
template/noscript or hidden elements is ignored.

Each paragraph is returned as a dict with:
  text      - whitespace-normalised text, tags replaced by a space
  text_nosp - whitespace-normalised text, tags removed with nothing
  label     - data-l label (source files only), None otherwise
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
SKIP = {"script", "style", "template", "noscript", "head", "title"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area",
        "base", "col", "embed", "param", "track"}
INLINE = {"a", "span", "b", "strong", "em", "i", "u", "small", "time", "label",
          "abbr", "cite", "code", "mark", "sup", "sub", "s", "q", "var", "kbd",
          "data", "font", "bdi", "bdo", "del", "ins", "br", "wbr", "img"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: (tag, label, skipping)
        self.pieces = []         # list of (text, label) since last boundary
        self.paras = []
        self.errors = []

    # -- helpers
    def cur_label(self):
        for tag, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def skipping(self):
        return any(s for _, _, s in self.stack)

    def flush(self):
        if not self.pieces:
            return
        texts = [t for t, _ in self.pieces]
        sp = norm(" ".join(texts))
        nosp = norm("".join(texts))
        if sp:
            labels = {lab for t, lab in self.pieces if t.strip()}
            if len(labels) > 1:
                self.errors.append("mixed labels %r in paragraph: %s" % (labels, sp[:80]))
            label = sorted(labels, key=lambda x: str(x))[0] if labels else None
            self.paras.append({"text": sp, "text_nosp": nosp, "label": label,
                               "line": self.getpos()[0]})
        self.pieces = []

    def boundary(self, tag):
        if tag not in INLINE:
            self.flush()
        else:
            # inline tag boundary: piece separator (joined with "" or " ")
            self.pieces.append(("", None))

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        self.boundary(tag)
        if tag in VOID:
            return
        lab = dict(attrs).get("data-l")
        skip = tag in SKIP or is_hidden(attrs)
        self.stack.append((tag, lab, skip))

    def handle_startendtag(self, tag, attrs):
        self.boundary(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.boundary(tag)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return
        self.errors.append("stray end tag </%s> at line %d" % (tag, self.getpos()[0]))

    def handle_data(self, data):
        if self.skipping():
            return
        self.pieces.append((data, self.cur_label()))

    def close(self):
        super().close()
        self.flush()


def parse_label(value):
    """'boilerplate?' -> ('boilerplate', False)"""
    if value is None:
        return None, True
    v = value.strip()
    return v.rstrip("?"), not v.endswith("?")


def extract_html(source):
    p = Extractor()
    p.feed(source)
    p.close()
    for para in p.paras:
        lab, clear = parse_label(para["label"])
        para["label"], para["clear"] = lab, clear
    return p.paras, p.errors


def extract_txt(source, labelled=False):
    paras, errors = [], []
    for n, line in enumerate(source.splitlines(), 1):
        if not line.strip():
            continue
        label, clear = None, True
        if labelled:
            if "| " not in line:
                errors.append("line %d has no label: %s" % (n, line[:60]))
                continue
            raw, line = line.split("| ", 1)
            label, clear = parse_label(raw)
        t = norm(line)
        if t:
            paras.append({"text": t, "text_nosp": t, "label": label, "clear": clear, "line": n})
    return paras, errors


def extract_file(path, labelled=False):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if path.endswith(".txt"):
        return extract_txt(src, labelled)
    return extract_html(src)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        paras, errs = extract_file(path, labelled="/_src/" in path)
        for p in paras:
            print("%-22s %s" % (p["label"], p["text"][:110]))
        for e in errs:
            print("ERROR", e)
