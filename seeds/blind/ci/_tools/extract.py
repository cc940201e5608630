#!/usr/bin/env python3
"""Paragraph extractor for the ci batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td/th, dt/dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, span chains inside a div ...).
  * <br> keeps its lines in the same paragraph.
  * Text inside script, style, template, noscript, head/title, svg, iframe
    and hidden elements (hidden attribute, aria-hidden="true",
    display:none / visibility:hidden) is not a paragraph.

Every paragraph is returned in two renderings: tags removed with nothing
("joined") and tags removed with a space ("spaced"); whitespace collapsed.
When parsing annotated sources, the inherited data-l label of each text run
is recorded too.
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
          "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
          "time", "u", "var", "label", "img", "wbr", "del", "ins", "font", "input",
          "picture", "source"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "iframe",
        "textarea", "select", "object", "canvas"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    if (d.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return False


class Para:
    __slots__ = ("chunks", "labels")

    def __init__(self):
        self.chunks = []  # list of text pieces; None = tag boundary
        self.labels = []

    def has_text(self):
        return any(c and c.strip() for c in self.chunks)


class Extractor(HTMLParser):
    def __init__(self, track_labels=False):
        super().__init__(convert_charrefs=True)
        self.track = track_labels
        self.stack = []  # (tag, label, skip)
        self.cur = Para()
        self.paras = []  # dicts

    # --- helpers
    def _label(self):
        for _tag, lab, _skip in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _skipping(self):
        return any(s for _t, _l, s in self.stack)

    def _flush(self):
        p = self.cur
        self.cur = Para()
        if not p.has_text():
            return
        joined = norm("".join(c for c in p.chunks if c))
        spaced = norm(" ".join(c if c else " " for c in p.chunks))
        labs = sorted(set(l for l in p.labels))
        self.paras.append({"joined": joined, "spaced": spaced, "labels": labs})

    def _boundary(self):
        self.cur.chunks.append(None)

    # --- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        skipping = self._skipping()
        if tag == "br":
            if not skipping:
                self.cur.chunks.append("\n")
            return
        lab = None
        if self.track:
            d = dict(attrs)
            if "data-l" in d:
                lab = d["data-l"]
        hide = tag in SKIP or is_hidden(attrs)
        if not skipping and not hide:
            if tag in INLINE:
                self._boundary()
            else:
                self._flush()
        elif hide and not skipping:
            # a hidden block still separates paragraphs around it
            if tag in INLINE:
                self._boundary()
            else:
                self._flush()
        if tag in VOID:
            return
        self.stack.append((tag, lab, hide))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        tag = tag.lower()
        if tag not in VOID and tag != "br":
            self.handle_endtag(tag)

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
        was_skipping = self._skipping()
        del self.stack[idx:]
        if was_skipping and self._skipping():
            return
        if tag in INLINE:
            self._boundary()
        else:
            self._flush()

    def handle_data(self, data):
        if self._skipping():
            return
        if not data:
            return
        self.cur.chunks.append(data)
        if data.strip():
            self.cur.labels.append(self._label())

    def close(self):
        super().close()
        self._flush()


def extract_html(text, track_labels=False):
    ex = Extractor(track_labels=track_labels)
    ex.feed(text)
    ex.close()
    return ex.paras


def extract_txt(text, track_labels=False):
    paras = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if track_labels:
            if "| " not in line:
                raise ValueError("source line without label: %r" % line)
            lab, line = line.split("| ", 1)
            lab = lab.strip()
        t = norm(line)
        if not t:
            continue
        paras.append({"joined": t, "spaced": t, "labels": [lab] if track_labels else []})
    return paras


def extract_file(path, track_labels=False):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if path.endswith(".txt"):
        return extract_txt(text, track_labels)
    return extract_html(text, track_labels)


if __name__ == "__main__":
    track = "--labels" in sys.argv
    for path in [a for a in sys.argv[1:] if not a.startswith("--")]:
        for p in extract_file(path, track):
            lab = ",".join(str(x) for x in p["labels"]) if track else ""
            print("%-22s %s" % (lab, p["spaced"]))
