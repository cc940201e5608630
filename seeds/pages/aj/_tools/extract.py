#!/usr/bin/env python3
"""Paragraph extractor (stdlib only) following the batch brief.

A paragraph is
  * one non-empty line of a .txt page;
  * an HTML block element (p, h1-h6, li, td/th, dt/dd, summary, figcaption, pre,
    blockquote, button);
  * a run of text standing directly in a container (div, section, nav, ...).
<br> keeps its lines in the same paragraph.  Text in script/style/template/noscript,
in <head>, or in hidden elements is ignored.

Each paragraph is returned as a dict with
  text      - tags replaced by a space, whitespace collapsed (the canonical text)
  text0     - tags replaced by nothing, whitespace collapsed
  label     - label from the nearest data-l ancestor in an annotated source (or None)
  clear     - False when that data-l value ends with '?'
  labels    - set of all labels seen inside the paragraph (for consistency checks)
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "em", "b", "i", "u", "small", "abbr", "time", "code",
          "sup", "sub", "mark", "label", "cite", "q", "s", "del", "ins", "img", "br",
          "wbr", "bdi", "bdo", "data", "var", "kbd", "font", "samp", "input"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "iframe",
        "object", "select", "textarea"}
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


class ParaParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: [tag, label(str|None), skip(bool)]
        self.paras = []
        self._reset_buf()

    def _reset_buf(self):
        self.buf_sp = []         # tags -> " "
        self.buf_no = []         # tags -> ""
        self.buf_labels = []     # raw labels of text pieces

    # ---- helpers
    def _skipping(self):
        return any(e[2] for e in self.stack)

    def _label(self):
        for e in reversed(self.stack):
            if e[1] is not None:
                return e[1]
        return None

    def flush(self):
        sp = norm("".join(self.buf_sp))
        no = norm("".join(self.buf_no))
        if sp:
            raws = [l for l in self.buf_labels if True]
            first = raws[0] if raws else None
            label = first.rstrip("?") if first else None
            clear = not (first or "").endswith("?")
            self.paras.append({
                "text": sp, "text0": no, "label": label, "clear": clear,
                "labels": {(l or "").rstrip("?") or None for l in raws},
            })
        self._reset_buf()

    # ---- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        d = dict(attrs)
        if self._skipping():
            if tag not in VOID:
                self.stack.append([tag, None, True])
            return
        skip = tag in SKIP or is_hidden(attrs)
        if tag in INLINE:
            if tag == "br":
                self.buf_sp.append("\n")
                self.buf_no.append("")
            else:
                self.buf_sp.append(" ")
                self.buf_no.append("")
            if skip and tag not in VOID:
                self.stack.append([tag, d.get("data-l"), True])
            elif tag not in VOID:
                self.stack.append([tag, d.get("data-l"), False])
            return
        # block or container or other: a boundary
        self.flush()
        if tag not in VOID:
            self.stack.append([tag, d.get("data-l"), skip])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        # find matching open element
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        was_skipping = self._skipping()
        closing = self.stack[idx:]
        del self.stack[idx:]
        if was_skipping and any(e[2] for e in closing) and not self._skipping():
            # leaving a skipped subtree: nothing buffered from inside it
            if tag not in INLINE:
                self.flush()
            return
        if was_skipping:
            return
        if tag in INLINE:
            self.buf_sp.append(" ")
            self.buf_no.append("")
        else:
            self.flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self.buf_sp.append(data)
        self.buf_no.append(data)
        if data.strip():
            self.buf_labels.append(self._label())

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = ParaParser()
    p.feed(text)
    p.close()
    return p.paras


LINE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(text, annotated=False):
    paras = []
    for raw in text.splitlines():
        label, clear = None, True
        line = raw
        if annotated:
            m = LINE.match(raw)
            if m:
                lab, line = m.group(1), m.group(2)
                clear = not lab.endswith("?")
                label = lab.rstrip("?")
            elif raw.strip():
                raise ValueError("unannotated line: %r" % raw)
        t = norm(line)
        if t:
            paras.append({"text": t, "text0": t, "label": label, "clear": clear,
                          "labels": {label}})
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
            print("%3d %-22s %s" % (i, (p["label"] or "-") + ("" if p["clear"] else "?"),
                                    p["text"][:110]))
