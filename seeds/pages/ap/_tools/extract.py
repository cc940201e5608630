#!/usr/bin/env python3
"""Paragraph extractor for the ap batch (stdlib only).

Rules (from the brief):
  * .txt page: one non-empty line = one paragraph.
  * HTML: a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
    pre, blockquote, button) is a paragraph; a run of text standing directly in
    any other container (div, section, nav, ...) is a paragraph too.  Inline
    elements (a, span, strong, ...) do not break a paragraph; <br> does not
    break a paragraph.
  * Text in script/style/template/noscript, in <head>/<title>, and in hidden
    elements (hidden attribute, aria-hidden="true", display:none,
    visibility:hidden) is ignored.

Each paragraph is returned with two renderings: tags removed with nothing
("nospace") and tags replaced by a space ("space"); whitespace collapsed.
When the source carries data-l annotations, the label is returned too.
"""
import re
import sys
from html.parser import HTMLParser

LABELS = ("credible", "boilerplate", "promotional", "scraped_faq",
          "off_topic", "unsourced_rumour", "fabricated_author_bio")

INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "mark", "abbr",
          "cite", "code", "time", "sup", "sub", "label", "img", "br", "s", "q",
          "font", "bdi", "bdo", "data", "kbd", "var", "wbr", "dfn", "ins", "del",
          "samp", "big", "tt", "strike"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg",
        "iframe", "textarea", "select", "object", "math"}

_ws = re.compile(r"\s+")


def norm(s):
    return _ws.sub(" ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    if (d.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if d.get("type", "").lower() == "hidden":
        return True
    return False


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skip)
        self.paras = []
        self.chunks = []         # (text, label)

    # --- helpers -------------------------------------------------------
    def _label(self):
        for tag, lab, skip in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _skipping(self):
        return any(s for _, _, s in self.stack)

    def flush(self):
        if self.chunks:
            raw_ns = "".join(c for c, _ in self.chunks)
            raw_sp = " ".join(c for c, _ in self.chunks)
            text_ns, text_sp = norm(raw_ns), norm(raw_sp)
            if text_sp:
                labels = [l for c, l in self.chunks if c.strip()]
                lab = labels[0] if labels else None
                mixed = sorted(set(x for x in labels if x is not None))
                self.paras.append({"space": text_sp, "nospace": text_ns,
                                   "label": lab, "mixed": len(mixed) > 1,
                                   "labels": mixed})
        self.chunks = []

    # --- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in VOID:
            if tag == "hr" and not self._skipping():
                self.flush()
            return
        if tag not in INLINE and not self._skipping():
            self.flush()
        lab = dict(attrs).get("data-l")
        skip = tag in SKIP or is_hidden(attrs)
        self.stack.append((tag, lab, skip))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        was_skipping = self._skipping()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag not in INLINE and not was_skipping:
            self.flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self.chunks.append((data, self._label()))

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
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            m = LINE_RE.match(line)
            if not m:
                raise ValueError("unannotated line: %r" % line)
            lab, line = m.group(1), m.group(2)
        t = norm(line)
        if t:
            paras.append({"space": t, "nospace": t, "label": lab,
                          "mixed": False, "labels": [lab] if lab else []})
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
        for i, p in enumerate(extract_file(path, ann)):
            print("%3d [%s] %s" % (i, p["label"], p["space"][:110]))
