#!/usr/bin/env python3
"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is a p/h1-h6/li/td/th/dt/dd/summary/figcaption/pre/blockquote/button
element, or a run of text standing directly in any other non-inline container.
Inline tags (a, span, strong, br ...) never break a paragraph.  Text in script,
style, template, noscript and hidden elements is ignored.
For annotated sources, each paragraph also carries the nearest data-l label.
"""
import re
from html.parser import HTMLParser

INLINE = {"a", "span", "strong", "em", "b", "i", "u", "small", "time", "label",
          "abbr", "cite", "code", "sup", "sub", "mark", "br", "img", "s", "q",
          "wbr", "font", "del", "ins", "kbd", "var", "data", "bdi", "bdo",
          "picture", "source", "svg", "path", "use", "amp-img", "meter", "output"}
SKIP = {"script", "style", "template", "noscript", "title"}  # title: not a visible paragraph
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skipping)
        self.paras = []          # dicts: text, text_nosp, chunks, labels
        self.chunks = []         # (data, label)

    # ---- helpers
    def cur_label(self):
        for tag, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def skipping(self):
        return any(s for _, _, s in self.stack)

    def flush(self):
        real = [(d, l) for d, l in self.chunks if d.strip()]
        if real:
            text = norm(" ".join(d for d, _ in self.chunks))
            nosp = norm("".join(d for d, _ in self.chunks))
            self.paras.append({"text": text, "text_nosp": nosp,
                               "chunks": [norm(d) for d, _ in real],
                               "labels": sorted(set(l for _, l in real), key=str)})
        self.chunks = []

    # ---- parser callbacks
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            if tag == "br":
                self.chunks.append(("\n", self.cur_label()))
            return
        style = (a.get("style") or "").replace(" ", "").lower()
        hidden = tag in SKIP or "hidden" in a or "display:none" in style
        self.stack.append((tag, a.get("data-l"), hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.skipping():
            return
        self.chunks.append((data, self.cur_label()))

    def close(self):
        super().close()
        self.flush()


def extract_html(src):
    p = Extractor()
    p.feed(src)
    p.close()
    return p.paras


def extract_txt(src, annotated=False):
    paras = []
    for line in src.splitlines():
        if not line.strip():
            continue
        label = None
        if annotated:
            label, _, line = line.partition("| ")
            label = label.strip()
        t = norm(line)
        paras.append({"text": t, "text_nosp": t, "chunks": [t], "labels": [label]})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if path.endswith(".txt"):
        return extract_txt(src, annotated)
    return extract_html(src)


if __name__ == "__main__":
    import sys, json
    for para in extract_file(sys.argv[1], annotated="--src" in sys.argv):
        print(json.dumps({"labels": para["labels"], "text": para["text"]}, ensure_ascii=False))
