"""Paragraph extractor (stdlib only) following BRIEF.md rules.

A paragraph is: one non-empty line of a .txt page; an HTML block element
(p, h1-h6, li, td/th, dt/dd, summary, figcaption, pre, blockquote, button);
or a run of text standing directly in a container.  <br> keeps lines in the
same paragraph.  Text in script/style/template/noscript/head or hidden
elements is ignored.  When run on annotated sources, each paragraph also
carries the label from the nearest data-l ancestor.
"""
import re
import sys
from html.parser import HTMLParser

INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "sup", "sub",
          "font", "abbr", "cite", "code", "mark", "time", "label", "br", "img",
          "s", "q", "kbd", "var", "wbr", "bdi", "bdo", "data", "del", "ins",
          "dfn", "samp", "tt", "big", "strike", "input", "meta", "link"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "area", "base",
        "col", "embed", "param", "source", "track"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "iframe",
        "select", "textarea"}
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skip)
        self.pieces = []         # (text, label)
        self.paras = []          # dicts

    # --- helpers
    def cur_label(self):
        return self.stack[-1][1] if self.stack else None

    def skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def flush(self):
        if not self.pieces:
            return
        a = norm("".join(t for t, _ in self.pieces))
        b = norm(" ".join(t for t, _ in self.pieces))
        labels = {l for t, l in self.pieces if t.strip()}
        self.pieces = []
        if b:
            self.paras.append({"text": b, "text_nospace": a,
                               "labels": labels})

    # --- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "br":
            if not self.skipping():
                self.pieces.append(("\n", self.cur_label()))
            return
        if tag not in INLINE:
            if not self.skipping():
                self.flush()
        if tag in VOID:
            return
        d = dict(attrs)
        label = d.get("data-l", self.cur_label())
        skip = self.skipping() or tag in SKIP or hidden(attrs)
        self.stack.append((tag, label, skip))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag == "br":
            if not self.skipping():
                self.pieces.append(("\n", self.cur_label()))
            return
        if tag not in INLINE and not self.skipping():
            self.flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        if tag not in INLINE and not self.skipping():
            self.flush()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag not in INLINE and not self.skipping():
            self.flush()

    def handle_data(self, data):
        if self.skipping():
            return
        self.pieces.append((data, self.cur_label()))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


LINE_RE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(text, annotated=False):
    paras = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if annotated:
            m = LINE_RE.match(line)
            if not m:
                raise ValueError("line %d has no label: %r" % (n, line))
            lab, body = m.group(1), m.group(2)
            if not body.strip():
                continue
            paras.append({"text": norm(body), "text_nospace": norm(body),
                          "labels": {lab}})
        else:
            paras.append({"text": norm(line), "text_nospace": norm(line),
                          "labels": set()})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        ann = "/_src/" in path
        for i, p in enumerate(extract_file(path, ann), 1):
            print("%3d [%s] %s" % (i, ",".join(sorted(x or "?" for x in p["labels"])), p["text"]))
