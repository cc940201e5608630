"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is a block element (p, h1-h6, li, td/th, dt/dd, summary, figcaption,
pre, blockquote, button) or a run of text standing directly in any other
non-inline container. Every non-inline tag boundary ends the current run;
<br> keeps lines in the same paragraph. Text in script/style/template/noscript,
<head>, <svg> and hidden elements is skipped. <meta>/<link> inside the body
are invisible and do not end a run.
For annotated sources, data-l="label" is inherited by children.
"""
import re
from html.parser import HTMLParser

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
          "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
          "sub", "sup", "time", "u", "var", "wbr", "label", "del", "ins", "font",
          "input", "picture", "source"}
NOFLUSH = {"meta", "link"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr", "param"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "title"}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


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
        self.stack = []  # (tag, label, skip)
        self.paras = []  # dicts: nothing, space, labels
        self.buf_n, self.buf_s, self.buf_labels = [], [], []

    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def _skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def flush(self):
        n, s = norm("".join(self.buf_n)), norm("".join(self.buf_s))
        if s:
            self.paras.append({"nothing": n, "space": s,
                               "labels": sorted(set(l for l, t in self.buf_labels if t.strip()),
                                                key=str)})
        self.buf_n, self.buf_s, self.buf_labels = [], [], []

    def handle_starttag(self, tag, attrs):
        skip = self._skipping() or tag in SKIP or is_hidden(attrs)
        if not skip and tag not in NOFLUSH:
            if tag in INLINE:
                self.buf_s.append(" ")
            else:
                self.flush()
        if tag in VOID:
            return
        d = dict(attrs)
        label = d.get("data-l", self._label())
        self.stack.append((tag, label, skip))

    def handle_startendtag(self, tag, attrs):
        if not self._skipping() and tag not in NOFLUSH:
            if tag in INLINE:
                self.buf_s.append(" ")
            else:
                self.flush()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        skip_before = self.stack[idx][2] and (idx == 0 or not self.stack[idx - 1][2])
        del self.stack[idx:]
        if skip_before or self._skipping():
            return
        if tag in INLINE:
            self.buf_s.append(" ")
        else:
            self.flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self.buf_n.append(data)
        self.buf_s.append(data)
        self.buf_labels.append((self._label(), data))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if annotated:
            lab, _, body = line.partition("| ")
            out.append({"nothing": norm(body), "space": norm(body), "labels": [lab.strip()]})
        else:
            out.append({"nothing": norm(line), "space": norm(line), "labels": []})
    return out


def extract(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)
