#!/usr/bin/env python3
"""Paragraph extractor for the ca batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is one paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, ... with inline children such
    as span, a, strong). Any non-inline tag boundary ends the current run.
  * <br> keeps its lines in the same paragraph.
  * Text inside script, style, template, noscript, head/title and hidden
    elements (hidden attribute, style display:none / visibility:hidden) is
    ignored.

Each paragraph is returned as a dict with:
  text      whitespace-normalised text, tags replaced with a space
  text_nothing  whitespace-normalised text, tags removed with nothing
  labels    set of data-l values seen on its text (source files only)
"""
import re
import sys
from html.parser import HTMLParser

INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del",
    "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var",
    "wbr", "picture", "source", "amp-img",
}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}
LABELS = {
    "credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
    "unsourced_rumour", "fabricated_author_bio",
}


def norm(s):
    return " ".join(s.split())


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
        self.stack = []  # entries: (tag, label, suppressed)
        self.paras = []
        self._reset_buf()

    def _reset_buf(self):
        self.buf_nothing = []
        self.buf_space = []
        self.buf_labels = set()

    def _flush(self):
        t_space = norm("".join(self.buf_space))
        t_nothing = norm("".join(self.buf_nothing))
        if t_space:
            self.paras.append({
                "text": t_space,
                "text_nothing": t_nothing,
                "labels": set(self.buf_labels),
            })
        self._reset_buf()

    def _cur(self):
        if self.stack:
            return self.stack[-1]
        return (None, None, False)

    def _open(self, tag, attrs):
        _, plabel, psup = self._cur()
        label = plabel
        for k, v in attrs:
            if k == "data-l":
                label = v
        sup = psup or tag in SKIP or is_hidden(attrs)
        return (tag, label, sup)

    def handle_starttag(self, tag, attrs):
        entry = self._open(tag, attrs)
        if tag not in INLINE:
            self._flush()
        else:
            self.buf_space.append(" ")
        if tag == "br":
            self.buf_space.append(" ")
        if tag in VOID:
            return
        self.stack.append(entry)

    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE:
            self._flush()
        else:
            self.buf_space.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop to the matching tag (tolerates sloppy nesting)
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        if tag not in INLINE:
            self._flush()
        else:
            self.buf_space.append(" ")
        del self.stack[idx:]

    def handle_data(self, data):
        tag, label, sup = self._cur()
        if sup:
            return
        self.buf_space.append(data)
        self.buf_nothing.append(data)
        if data.strip():
            self.buf_labels.add(label)

    def close(self):
        super().close()
        self._flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


TXT_LABEL = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(text, annotated=False):
    paras = []
    for line in text.splitlines():
        labels = set()
        if annotated:
            if not line.strip():
                continue
            m = TXT_LABEL.match(line)
            if not m:
                raise ValueError("unannotated line: %r" % line)
            labels = {m.group(1)}
            line = m.group(2)
        t = norm(line)
        if t:
            paras.append({"text": t, "text_nothing": t, "labels": labels})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated=annotated)
    return extract_html(text)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        for para in extract_file(path, annotated="/_src/" in path):
            lab = ",".join(sorted(l or "-" for l in para["labels"]))
            print("[%s] %s" % (lab, para["text"]))
