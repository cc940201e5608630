#!/usr/bin/env python3
"""Paragraph extractor for the cj batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: each block element (p, h1-h6, li, td, th, dt, dd, summary,
    figcaption, pre, blockquote, button) is a paragraph, and every run of text
    standing directly in a container (div, section, nav, span chains in a div...)
    is a paragraph.  Inline tags (a, span, strong, em, br ...) do not split a
    paragraph; any other tag opening or closing ends the current run.
  * Text inside script, style, template, noscript, head, svg or hidden elements
    (hidden attribute, aria-hidden="true", inline display:none) is ignored.

Each paragraph is returned with two renderings of its text:
  * ``space``:   tags replaced by a space,
  * ``nothing``: tags removed with nothing,
both with whitespace collapsed.  When the source carries ``data-l`` annotations
(the _src copies), the label inherited by the paragraph's text is returned too.
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
          "font", "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span",
          "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins", "label",
          "amp-img", "picture", "source"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "title"}
NEUTRAL = {"meta", "link"}   # invisible, neither split nor join text
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}

LABELS = ("credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio")


def norm(s):
    return " ".join(s.split())


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    if (d.get("aria-hidden") or "").lower() == "true":
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: [tag, label, skip]
        self.paras = []          # dicts: space, nothing, label, labels
        self._sp = []
        self._no = []
        self._labels = []

    # -- state helpers
    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def _skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def _flush(self):
        sp, no = norm("".join(self._sp)), norm("".join(self._no))
        if sp:
            labs = [l for l in self._labels if l is not None]
            self.paras.append({"space": sp, "nothing": no,
                               "label": labs[0] if labs else None,
                               "labels": sorted(set(labs))})
        self._sp, self._no, self._labels = [], [], []

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in NEUTRAL:
            return
        parent_label = self._label()
        parent_skip = self._skipping()
        d = dict(attrs)
        label = d.get("data-l", parent_label)
        skip = parent_skip or tag in SKIP or is_hidden(attrs)
        if not parent_skip:
            if tag in INLINE:
                self._sp.append(" ")
            else:
                self._flush()
        if tag not in VOID:
            self.stack.append([tag, label, skip])

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in NEUTRAL:
            return
        if tag not in VOID:
            # XHTML-style self-closed non-void element: treat as open + close
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
            return
        if not self._skipping():
            if tag in INLINE:
                self._sp.append(" ")
            else:
                self._flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID or tag in NEUTRAL:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        was_skipping = self.stack[idx][2] and not (idx > 0 and self.stack[idx - 1][2])
        inner_skip = self._skipping()
        del self.stack[idx:]
        if not inner_skip or was_skipping:
            if tag in INLINE:
                self._sp.append(" ")
            else:
                self._flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self._sp.append(data)
        self._no.append(data)
        if data.strip():
            self._labels.append(self._label())

    def close(self):
        super().close()
        self._flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


TXT_RE = re.compile(r"^(%s)(\?)?\|\s?(.*)$" % "|".join(LABELS))


def extract_txt(text, annotated=False):
    paras = []
    for line in text.splitlines():
        label = None
        if annotated:
            if not line.strip():
                continue
            m = TXT_RE.match(line)
            if not m:
                raise ValueError("unannotated line: %r" % line)
            label = m.group(1) + (m.group(2) or "")
            line = m.group(3)
        t = norm(line)
        if t:
            paras.append({"space": t, "nothing": t, "label": label,
                          "labels": [label] if label else []})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        for i, para in enumerate(extract_file(path, annotated="/_src/" in path)):
            print("%s\t%03d\t%s\t%s" % (path.rsplit("/", 1)[-1], i, para["label"], para["space"]))
