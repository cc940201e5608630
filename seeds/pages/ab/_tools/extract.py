#!/usr/bin/env python3
"""Paragraph extractor for the ab batch (stdlib only).

Rules (from the brief):
  * .txt: every non-empty line is one paragraph.
  * .html: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd, summary,
    figcaption, pre, blockquote, button) or a run of text standing directly in a
    container (div, section, nav, header, footer, aside, ...; chains of inline
    elements such as span/a/strong inside a container belong to the run).
  * <br> keeps its lines in the same paragraph.
  * text inside script/style/template/noscript/head or hidden elements is ignored.

Each paragraph is returned as a dict:
  text   -> text nodes joined with a space, whitespace collapsed
  text0  -> text nodes joined with nothing, whitespace collapsed
  labels -> set of data-l values seen on its text (source files only)
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "em", "b", "i", "u", "s", "small", "code", "time",
          "abbr", "cite", "q", "mark", "sup", "sub", "kbd", "var", "data", "label",
          "img", "br", "wbr", "bdi", "bdo", "del", "ins", "picture", "source",
          "input", "svg", "path", "circle", "rect", "g", "use", "dfn", "samp", "meter",
          "output", "big", "tt", "font"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "textarea",
        "select", "iframe", "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "path", "circle", "rect", "use"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    if (d.get("aria-hidden") or "").lower() == "true":
        return True
    st = (d.get("style") or "").replace(" ", "").lower()
    if "display:none" in st or "visibility:hidden" in st:
        return True
    if (d.get("type") or "").lower() == "hidden":
        return True
    return False


class ParaParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: [tag, label_or_None, skip_bool]
        self.chunks = []         # list of [text, label]
        self.paras = []
        self.last_was_data = False

    # helpers -------------------------------------------------------------
    def _skipping(self):
        return any(e[2] for e in self.stack)

    def _label(self):
        for e in reversed(self.stack):
            if e[1] is not None:
                return e[1]
        return None

    def flush(self):
        if self.chunks:
            t_space = norm(" ".join(c[0] for c in self.chunks))
            t_none = norm("".join(c[0] for c in self.chunks))
            if t_space:
                labels = {c[1] for c in self.chunks if c[0].strip()}
                self.paras.append({"text": t_space, "text0": t_none, "labels": labels})
        self.chunks = []
        self.last_was_data = False

    # parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        self.last_was_data = False
        if tag == "br":
            if not self._skipping():
                self.chunks.append(["\n", self._label()])
            return
        if tag not in INLINE and not self._skipping():
            self.flush()
        if tag in VOID:
            return
        label = dict(attrs).get("data-l")
        skip = tag in SKIP or is_hidden(attrs)
        self.stack.append([tag, label, skip])

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        self.last_was_data = False
        if tag in VOID:
            return
        # find matching open tag
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        skipping_before = self._skipping()
        if tag not in INLINE and not skipping_before:
            self.flush()
        del self.stack[idx:]

    def handle_data(self, data):
        if self._skipping():
            return
        if self.last_was_data and self.chunks:
            self.chunks[-1][0] += data
        else:
            self.chunks.append([data, self._label()])
        self.last_was_data = True

    def close(self):
        super().close()
        self.flush()


def extract_html(src):
    p = ParaParser()
    p.feed(src)
    p.close()
    return p.paras


LABELS = ["credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"]
TXT_LINE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(src, annotated=False):
    paras = []
    for line in src.splitlines():
        if not line.strip():
            continue
        if annotated:
            m = TXT_LINE.match(line)
            if not m:
                raise ValueError("unannotated line: %r" % line)
            lab, text = m.group(1), m.group(2)
            t = norm(text)
            paras.append({"text": t, "text0": t, "labels": {lab}})
        else:
            t = norm(line)
            paras.append({"text": t, "text0": t, "labels": set()})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if path.endswith(".txt"):
        return extract_txt(src, annotated)
    return extract_html(src)


if __name__ == "__main__":
    ann = "--src" in sys.argv
    for path in [a for a in sys.argv[1:] if not a.startswith("--")]:
        for i, p in enumerate(extract_file(path, ann), 1):
            lab = ",".join(sorted(x or "NONE" for x in p["labels"])) if ann else ""
            print("%s\t%3d\t%-24s %s" % (path.split("/")[-1], i, lab, p["text"]))
