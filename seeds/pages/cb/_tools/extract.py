#!/usr/bin/env python3
"""Paragraph extractor for the blind batch (stdlib only).

A paragraph is:
  * one non-empty line of a .txt page;
  * an HTML block element (p, h1-h6, li, td/th, dt/dd, summary, figcaption,
    pre, blockquote, button);
  * a run of text standing directly in a container (div, section, nav, ...),
    where inline elements (span, a, strong, ...) do not break the run.
<br> keeps its lines in the same paragraph.  Text inside script, style,
template, noscript, head/title and hidden elements is ignored.

Each paragraph is returned as a dict with
  text          whitespace-normalised text, tags replaced by a space
  text_nothing  whitespace-normalised text, tags replaced by nothing
  label         (source pages only) the inherited data-l value
"""
import re
import sys
from html.parser import HTMLParser

INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "label", "del", "ins", "font", "img", "br", "wbr",
    "picture", "output", "meter", "progress", "big", "tt",
}
VOID = {
    "br", "img", "hr", "input", "meta", "link", "source", "wbr", "area",
    "col", "embed", "param", "track", "base", "keygen",
}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg",
        "textarea", "select", "iframe", "object", "canvas"}

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}

_ws = re.compile(r"\s+")


def norm(s):
    return _ws.sub(" ", s).strip()


def is_hidden(tag, attrs):
    if tag in SKIP:
        return True
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if tag == "input" and (attrs.get("type") or "").lower() == "hidden":
        return True
    return False


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # list of (tag, label, hidden)
        self.skip = 0
        self.paras = []
        self._reset()

    def _reset(self):
        self.buf_n = []
        self.buf_s = []
        self.buf_labels = []

    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def flush(self):
        ts = norm("".join(self.buf_s))
        tn = norm("".join(self.buf_n))
        if ts:
            labels = sorted(set(l for l in self.buf_labels), key=str)
            self.paras.append({"text": ts, "text_nothing": tn,
                               "labels": labels})
        self._reset()

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = {k.lower(): (v if v is not None else "") for k, v in attrs}
        if tag in VOID:
            if self.skip:
                return
            if tag in INLINE:
                self.buf_s.append(" ")
            else:
                self.flush()
            return
        label = a["data-l"] if "data-l" in a else self._label()
        hidden = is_hidden(tag, a)
        if not self.skip:
            if tag in INLINE:
                self.buf_s.append(" ")
            else:
                self.flush()
        self.stack.append((tag, label, hidden))
        if hidden:
            self.skip += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

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
        block = False
        while len(self.stack) > idx:
            t, _, hidden = self.stack.pop()
            if hidden:
                self.skip -= 1
            if t not in INLINE:
                block = True
        if self.skip:
            return
        if block:
            self.flush()
        else:
            self.buf_s.append(" ")

    def handle_data(self, data):
        if self.skip:
            return
        self.buf_n.append(data)
        self.buf_s.append(data)
        if data.strip():
            self.buf_labels.append(self._label())

    def close(self):
        super().close()
        self.flush()


def extract_html(src):
    p = Extractor()
    p.feed(src)
    p.close()
    return p.paras


def extract_txt(src, labelled=False):
    paras = []
    for line in src.splitlines():
        if not line.strip():
            continue
        label = None
        if labelled:
            if "| " not in line:
                raise ValueError("unlabelled source line: %r" % line)
            label, line = line.split("| ", 1)
            label = label.strip()
        t = norm(line)
        if t:
            paras.append({"text": t, "text_nothing": t,
                          "labels": [label] if labelled else [None]})
    return paras


def extract_file(path, labelled=False):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if path.endswith(".txt"):
        return extract_txt(src, labelled)
    return extract_html(src)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        lab = "_src" in path.replace("\\", "/").split("/")
        for i, p in enumerate(extract_file(path, lab)):
            print("%3d %-24s %s" % (i, ",".join(map(str, p["labels"])) if lab else "", p["text"]))
