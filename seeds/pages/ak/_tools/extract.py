#!/usr/bin/env python3
"""Paragraph extractor for the ak batch (stdlib only).

Paragraph rules (from the brief):
  * .txt: one non-empty line is one paragraph.
  * HTML: a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
    pre, blockquote, button) is a paragraph; a run of text standing directly in
    any other non-inline container (div, section, nav, center, ...) is a
    paragraph too.  Inline elements (a, span, strong, font, ...) do not break a
    paragraph; <br> keeps its lines in the same paragraph.
  * Text inside script/style/template/noscript, the <head>, and hidden
    elements (hidden attribute, display:none, visibility:hidden) is ignored.

Each paragraph is returned with two renderings of its text:
  nothing - tags removed with nothing
  space   - tags replaced by a space
both whitespace-collapsed.  When the source is annotated (data-l="label" on
elements, children inherit; a trailing "?" marks a judgement call), the label
of every text chunk is recorded so mixed paragraphs can be reported.
"""
import re
from html.parser import HTMLParser

BLOCK_PARAGRAPH = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
    "summary", "figcaption", "pre", "blockquote", "button",
}
INLINE = {
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code",
    "data", "dfn", "em", "font", "i", "img", "input", "kbd", "label", "mark",
    "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
    "tt", "u", "var", "wbr", "del", "ins", "picture", "source", "svg", "path",
    "use", "g", "circle", "rect", "polyline", "line",
}
SKIP = {"script", "style", "template", "noscript", "head", "title"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}
LABELS = {
    "credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
    "unsourced_rumour", "fabricated_author_bio",
}

_ws = re.compile(r"\s+")


def norm(s):
    return _ws.sub(" ", s).strip()


def _hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, suppressed)
        self.buf = []  # items: ("t", text, label) or ("b",)
        self.paras = []
        self.errors = []

    # --- state helpers -------------------------------------------------
    def _label(self):
        for _tag, lab, _sup in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _suppressed(self):
        return any(sup for _t, _l, sup in self.stack)

    def _flush(self):
        if not self.buf:
            return
        nothing = norm("".join(x[1] for x in self.buf if x[0] == "t"))
        space = norm("".join(x[1] if x[0] == "t" else " " for x in self.buf))
        labels = {x[2] for x in self.buf if x[0] == "t" and x[1].strip()}
        self.buf = []
        if not space:
            return
        self.paras.append({"nothing": nothing, "space": space,
                           "labels": labels, "line": self.getpos()[0]})

    # --- parser callbacks ------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        lab = dict(attrs).get("data-l")
        sup = tag in SKIP or _hidden(attrs)
        if tag in INLINE:
            if not self._suppressed():
                self.buf.append(("b",))
        else:
            self._flush()
        if tag not in VOID:
            self.stack.append((tag, lab, sup))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in INLINE:
            if not self._suppressed():
                self.buf.append(("b",))
        else:
            self._flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if tag in INLINE:
            if not self._suppressed():
                self.buf.append(("b",))
        else:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                if i != len(self.stack) - 1:
                    self.errors.append("line %d: </%s> closes open %s" % (
                        self.getpos()[0], tag,
                        [t for t, _l, _s in self.stack[i + 1:]]))
                del self.stack[i:]
                return
        self.errors.append("line %d: stray </%s>" % (self.getpos()[0], tag))

    def handle_data(self, data):
        if self._suppressed():
            return
        self.buf.append(("t", data, self._label()))

    def close(self):
        super().close()
        self._flush()


def extract_html(text):
    p = _Parser()
    p.feed(text)
    p.close()
    return p.paras, p.errors


def extract_txt(text, annotated=False):
    paras, errors = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if annotated:
            m = re.match(r"^([a-z_]+\??)\|\s?(.*)$", line)
            if not m:
                errors.append("line %d: no label prefix" % n)
                continue
            lab, body = m.group(1), m.group(2)
        else:
            lab, body = None, line
        t = norm(body)
        if t:
            paras.append({"nothing": t, "space": t,
                          "labels": {lab} if lab else set(), "line": n})
    return paras, errors


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


def split_label(raw):
    """'credible?' -> ('credible', False); 'credible' -> ('credible', True)"""
    if raw is None:
        return None, True
    if raw.endswith("?"):
        return raw[:-1], False
    return raw, True
