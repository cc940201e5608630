#!/usr/bin/env python3
"""Paragraph extractor (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, custom elements ...).
    Inline elements (a, span, strong ...) and <br> do not break a paragraph.
  * Text in script/style/template/noscript/head/svg or in hidden elements
    (hidden attribute, display:none, visibility:hidden) is ignored.

Each paragraph is returned as a dict with two renderings of its text:
  sp  - tags replaced by a space, whitespace collapsed
  nil - tags removed with nothing, whitespace collapsed
and, for annotated sources, the label taken from the nearest data-l.
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "title",
        "iframe", "textarea", "select", "math", "object"}
INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "mark", "abbr",
          "cite", "code", "time", "sup", "sub", "label", "s", "q", "font", "bdi",
          "bdo", "var", "kbd", "data", "del", "ins", "dfn", "samp", "big", "tt",
          "img", "br", "wbr", "picture", "source"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area",
        "base", "col", "embed", "param", "track", "keygen"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return False


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skip)
        self.paras = []
        self.sp = []
        self.nil = []
        self.labels = []
        self.errors = []

    # -- helpers -------------------------------------------------------
    def cur_label(self):
        return self.stack[-1][1] if self.stack else None

    def skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def flush(self):
        sp, nil = norm("".join(self.sp)), norm("".join(self.nil))
        if sp:
            labs = set(l for l in self.labels)
            label, clear = None, True
            if labs:
                bare = set(l.rstrip("?") if l else l for l in labs)
                if len(bare) > 1:
                    self.errors.append("mixed labels %r in paragraph: %s" % (sorted(map(str, labs)), sp[:80]))
                label = sorted(map(str, bare))[0] if None not in bare else None
                if None in bare:
                    self.errors.append("unlabelled text in paragraph: %s" % sp[:80])
                clear = not any(l and l.endswith("?") for l in labs)
            self.paras.append({"sp": sp, "nil": nil, "label": label, "clear": clear})
        self.sp, self.nil, self.labels = [], [], []

    def boundary(self):
        self.sp.append(" ")

    # -- parser callbacks ------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        parent_skip = self.skipping()
        label = dict(attrs).get("data-l", None)
        if label is None:
            label = self.cur_label()
        skip = parent_skip or tag in SKIP or is_hidden(attrs)
        if not skip:
            if tag in INLINE:
                self.boundary()
            else:
                self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, label, skip))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if not self.skipping():
            if tag in INLINE:
                self.boundary()
            elif tag not in VOID:
                self.flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, _, skip = self.stack.pop()
            if not skip:
                if t in INLINE:
                    self.boundary()
                else:
                    self.flush()
            if t == tag:
                break

    def handle_data(self, data):
        if self.skipping():
            return
        self.sp.append(data)
        self.nil.append(data)
        if data.strip():
            self.labels.append(self.cur_label())

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras, p.errors


def extract_txt(text, annotated=False):
    paras, errors = [], []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label, clear = None, True
        if annotated:
            if "| " not in line:
                errors.append("line %d has no label: %s" % (i, line[:60]))
                continue
            label, line = line.split("| ", 1)
            label = label.strip()
            clear = not label.endswith("?")
            label = label.rstrip("?")
        t = norm(line)
        if t:
            paras.append({"sp": t, "nil": t, "label": label, "clear": clear})
    return paras, errors


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        paras, errs = extract_file(path, annotated="/_src/" in path)
        for p in paras:
            print("%-22s %s" % ((p["label"] or "-") + ("" if p["clear"] else "?"), p["sp"]))
        for e in errs:
            print("ERROR:", e)
