#!/usr/bin/env python3
"""Paragraph extractor (stdlib html.parser) following the brief's rules.
Returns a list of dicts: {"text": space-joined normalised text, "tight": text with
tags removed with nothing, "label": label from data-l (sources only) or None}."""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
CONTAINER = {"div", "section", "nav", "header", "footer", "article", "aside", "main",
             "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "form", "details",
             "body", "html", "figure", "fieldset", "menu", "address", "hgroup", "caption",
             "legend", "dialog", "amp-accordion", "amp-sidebar", "search", "center", "hr",
             "option", "select", "textarea", "label_block", "iframe", "video", "audio",
             "picture", "object", "title", "head"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "math"}
VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base",
        "col", "embed", "param", "track", "amp-img"}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, hidden)
        self.paras = []
        self.chunks = []  # (text, label)
        self.skip = 0

    def _cur(self):
        label, hidden = None, False
        for tag, lab, hid in self.stack:
            if lab is not None:
                label = lab
            hidden = hidden or hid
        return label, hidden

    def flush(self):
        chunks = self.chunks
        self.chunks = []
        spaced = norm(" ".join(t for t, _, _ in chunks))
        tight = norm("".join("" if br else t for t, _, br in chunks))
        if not spaced:
            return
        labels = {l for t, l, _ in chunks if t.strip()}
        self.paras.append({"text": spaced, "tight": tight,
                           "label": labels.pop() if len(labels) == 1 else (sorted(map(str, labels)) if labels else None)})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            if tag == "br":
                self.chunks.append(("\n", self._cur()[0], True))
            elif tag == "hr":
                self.flush()
            return
        if tag in SKIP:
            self.skip += 1
            self.stack.append((tag, None, True))
            return
        hidden = ("hidden" in a) or bool(re.search(r"display\s*:\s*none", a.get("style") or ""))
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        self.stack.append((tag, a.get("data-l"), hidden))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.chunks.append(("\n", self._cur()[0], True))
        elif tag in BLOCK or tag in CONTAINER:
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
        popped = self.stack[idx:]
        del self.stack[idx:]
        for t, _, _ in popped:
            if t in SKIP:
                self.skip -= 1
        if tag in BLOCK or tag in CONTAINER:
            self.flush()

    def handle_data(self, data):
        if self.skip:
            return
        label, hidden = self._cur()
        if hidden:
            return
        self.chunks.append((data, label, False))

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
        label = None
        if annotated:
            label, _, line = line.partition("| ")
            label = label.strip()
        t = norm(line)
        if t:
            out.append({"text": t, "tight": t, "label": label})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    import sys
    for p in extract_file(sys.argv[1], annotated="_src" in sys.argv[1]):
        print(f"[{p['label']}] {p['text']}")
