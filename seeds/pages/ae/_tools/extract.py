#!/usr/bin/env python3
"""Paragraph extractor (stdlib only) following the batch brief.

A paragraph is:
  * one non-empty line of a .txt page;
  * an HTML block element: p, h1-h6, li, td/th, dt/dd, summary, figcaption,
    pre, blockquote, button;
  * a run of text standing directly in a container (div, section, nav, custom
    elements, ... with inline children such as span/a/b/font).
A <br> keeps its lines in the same paragraph. Text in script/style/template/
noscript, the <head>, and hidden elements (hidden attribute, aria-hidden="true",
inline display:none / visibility:hidden) is ignored.

For annotated sources, each paragraph also carries the label found in the
nearest ancestor's data-l attribute (HTML) or the "label| " line prefix (txt).

Each paragraph is returned as a dict:
  text    - text with tag boundaries replaced by a space, whitespace collapsed
  text0   - text with tags removed with nothing, whitespace collapsed
  label   - raw label (may end in "?"), None if unlabelled, "MIXED:..." if the
            paragraph mixes labels
"""
import re
import sys
from html.parser import HTMLParser

PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt",
             "dd", "summary", "figcaption", "pre", "blockquote", "button"}
SKIP_TAGS = {"script", "style", "template", "noscript", "head", "title",
             "textarea", "select", "iframe", "object"}
INLINE_TAGS = {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data",
               "del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label",
               "mark", "q", "s", "samp", "small", "span", "strike", "strong",
               "sub", "sup", "time", "tt", "u", "var", "wbr", "br", "input",
               "picture", "source", "svg", "path", "use", "amp-img", "output",
               "meter", "progress", "amp-social-share", "amp-ad"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
             "meta", "param", "source", "track", "wbr"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def _is_hidden(tag, attrs):
    if tag in SKIP_TAGS:
        return True
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if tag == "input" and (attrs.get("type") or "").lower() == "hidden":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return False


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # entries: dict(tag, label, para, skip, container)
        self.ctx = [[]]      # paragraph contexts: lists of (text, label)
        self.paras = []
        self.skip = 0

    # -- helpers ---------------------------------------------------------
    def _label(self):
        for e in reversed(self.stack):
            if e["label"] is not None:
                return e["label"]
        return None

    def _flush(self):
        chunks = self.ctx[-1]
        self.ctx[-1] = []
        if not chunks:
            return
        t1 = norm(" ".join(c[0] for c in chunks))
        if not t1:
            return
        t0 = norm("".join(c[0] for c in chunks))
        labels = []
        for text, lab in chunks:
            if text.strip() and lab not in labels:
                labels.append(lab)
        if len(labels) == 1:
            label = labels[0]
        else:
            label = "MIXED:" + ",".join(str(x) for x in labels)
        self.paras.append({"text": t1, "text0": t0, "label": label})

    # -- parser callbacks --------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = {k.lower(): (v if v is not None else "") for k, v in attrs}
        if tag in VOID_TAGS:
            if self.skip:
                return
            if tag == "br":
                self.ctx[-1].append(("\n", None))
            elif tag not in INLINE_TAGS:      # hr, etc.
                self._flush()
            return
        hidden = _is_hidden(tag, a)
        entry = {"tag": tag, "label": a.get("data-l"), "para": False,
                 "skip": hidden, "container": False}
        if hidden:
            self.skip += 1
        elif not self.skip:
            if tag in PARA_TAGS:
                self._flush()
                self.ctx.append([])
                entry["para"] = True
            elif tag not in INLINE_TAGS:
                self._flush()
                entry["container"] = True
        self.stack.append(entry)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID_TAGS:
            return
        if not any(e["tag"] == tag for e in self.stack):
            return
        while self.stack:
            e = self.stack.pop()
            if e["skip"]:
                self.skip -= 1
            elif e["para"]:
                self._flush()
                self.ctx.pop()
            elif e["container"]:
                self._flush()
            if e["tag"] == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        self.ctx[-1].append((data, self._label()))

    def close(self):
        super().close()
        while len(self.ctx) > 1:
            self._flush()
            self.ctx.pop()
        self._flush()


def extract_html(source):
    p = _Extractor()
    p.feed(source)
    p.close()
    return p.paras


LINE_LABEL = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(source, annotated=False):
    paras = []
    for line in source.splitlines():
        label = None
        if annotated:
            if not line.strip():
                continue
            m = LINE_LABEL.match(line)
            if not m:
                label = "UNLABELLED"
                text = line
            else:
                label, text = m.group(1), m.group(2)
        else:
            text = line
        t = norm(text)
        if not t:
            continue
        paras.append({"text": t, "text0": t, "label": label})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    if path.endswith(".txt"):
        return extract_txt(src, annotated=annotated)
    return extract_html(src)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        for i, para in enumerate(extract_file(path, annotated="/_src/" in path)):
            print(f"{i:3d} [{para['label']}] {para['text']}")
