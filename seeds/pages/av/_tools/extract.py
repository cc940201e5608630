#!/usr/bin/env python3
"""Paragraph extractor for the av batch (stdlib only).

Paragraph rules (from the brief):
  * .txt  : one non-empty line = one paragraph (source lines are "label| text").
  * .html : block elements p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre,
            blockquote, button are paragraphs; a run of text standing directly in any
            other container (div, section, nav, span chains inside a div ...) is a
            paragraph too.  Inline elements (a, span, strong, em, ...) never break a
            run; <br> keeps its lines in the same paragraph.  Text inside script,
            style, template, noscript, svg, <head> or hidden elements (hidden attr,
            aria-hidden="true", inline display:none / visibility:hidden) is ignored.

Each paragraph is returned as a dict with two normalised texts:
  sp : tags replaced with a space
  ns : tags removed with nothing
and (for annotated sources) the label inherited from the nearest data-l ancestor.
"""
import re
import sys
from html.parser import HTMLParser

INLINE = {
    "a", "span", "strong", "em", "b", "i", "u", "small", "time", "abbr", "code",
    "sup", "sub", "mark", "label", "cite", "q", "s", "img", "kbd", "var", "dfn",
    "bdi", "bdo", "data", "ins", "del", "wbr", "font", "big", "tt", "amp-img",
    "picture", "source", "input",
}
SKIP = {"script", "style", "template", "noscript", "svg", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
BLOCK_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
              "summary", "figcaption", "pre", "blockquote", "button"}

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
        self.stack = []          # (tag, label, skip)
        self.paras = []
        self.sp = []
        self.ns = []
        self.buf_label = None
        self.buf_labels = set()
        self.buf_tag = None

    # -- helpers -------------------------------------------------------
    def cur_label(self):
        for tag, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def skipping(self):
        return any(s for _, _, s in self.stack)

    def owner(self):
        for tag, _, _ in reversed(self.stack):
            if tag not in INLINE:
                return tag
        return None

    def flush(self):
        sp, ns = norm("".join(self.sp)), norm("".join(self.ns))
        if sp:
            self.paras.append({
                "sp": sp, "ns": ns, "label": self.buf_label,
                "mixed": sorted(l for l in self.buf_labels if l) if len(self.buf_labels) > 1 else None,
                "tag": self.buf_tag,
            })
        self.sp, self.ns = [], []
        self.buf_label = None
        self.buf_labels = set()
        self.buf_tag = None

    # -- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        skip = tag in SKIP or is_hidden(attrs)
        lab = dict(attrs).get("data-l")
        if tag == "br":
            if not self.skipping():
                self.sp.append(" ")
            return
        if tag in INLINE:
            if not self.skipping():
                self.sp.append(" ")
        else:
            if not self.skipping():
                self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, lab, skip))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag == "br":
            if not self.skipping():
                self.sp.append(" ")
            return
        if tag in INLINE:
            if not self.skipping():
                self.sp.append(" ")
        elif not self.skipping():
            self.flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        # pop to the matching tag
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        was_skipping = self.skipping()
        if tag in INLINE and not was_skipping:
            self.sp.append(" ")
        elif not was_skipping:
            self.flush()
        del self.stack[idx:]

    def handle_data(self, data):
        if self.skipping():
            return
        if not data.strip():
            self.sp.append(data)
            self.ns.append(data)
            return
        lab = self.cur_label()
        if self.buf_tag is None:
            self.buf_tag = self.owner()
            self.buf_label = lab
        self.buf_labels.add(lab)
        self.sp.append(data)
        self.ns.append(data)

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated):
    paras = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label = None
        if annotated:
            label, _, line = line.partition("| ")
            label = label.strip()
        t = norm(line)
        if t:
            paras.append({"sp": t, "ns": t, "label": label, "mixed": None, "tag": "line"})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        for para in extract_file(path, annotated="/_src/" in path):
            print(f"[{para['label']}] <{para['tag']}> {para['sp']}")
