"""Paragraph extraction shared by build.py and check.py (standard library only).

A paragraph is the text owned by a block element (p, h1-h6, li, td, th, dt, dd, summary,
figcaption, pre, blockquote, button) or text standing directly in a container (div, section,
article, aside, header, footer, nav, main, ...) outside any child block.  Inline elements
(span, a, strong, ...) belong to their nearest block ancestor.  <br> separates lines inside one
paragraph.  Hidden elements and script/style/template/head are skipped.

Each paragraph is returned with two renderings: `plain` (tags stripped with nothing inserted,
as a browser renders inline markup) and `spaced` (a space inserted at every tag boundary),
both with white space folded, plus the list of <br> lines of the plain rendering.  When the
source carries annotations (data-l / data-c attributes), the effective label is returned too.
"""
import re
from html.parser import HTMLParser

INLINE = {
    "a", "span", "strong", "em", "b", "i", "u", "small", "time", "abbr", "cite", "code",
    "mark", "sub", "sup", "label", "s", "q", "data", "var", "kbd", "bdi", "bdo", "del", "ins",
    "font", "big", "tt", "output", "meter", "progress", "picture", "amp-img", "img", "br",
    "wbr", "input",
}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed",
        "param", "track", "base"}
SKIP = {"script", "style", "template", "head", "noscript", "svg", "title", "select",
        "textarea", "iframe", "object", "canvas"}

WS = re.compile(r"\s+")
BR = "\x00"  # internal marker for <br> (never occurs in source text)


def fold(s):
    return WS.sub(" ", s).strip()


def is_hidden(tag, attrs):
    a = dict(attrs)
    if "hidden" in a:
        return True
    if (a.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (a.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if tag in SKIP:
        return True
    return False


class _Block:
    __slots__ = ("tag", "label", "clear", "plain", "spaced")

    def __init__(self, tag, label, clear):
        self.tag = tag
        self.label = label
        self.clear = clear
        self.plain = []
        self.spaced = []


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, clear, hidden, is_block)
        self.blocks = []         # open _Block objects
        self.paras = []
        self.errors = []
        self.hidden_depth = 0
        self.annot_attrs = set()

    # -- helpers -------------------------------------------------------
    def _cur_label(self):
        for t in reversed(self.stack):
            if t[1] is not None:
                return t[1]
        return None

    def _cur_clear(self):
        for t in reversed(self.stack):
            if t[2] is not None:
                return t[2]
        return True

    def _flush(self, blk):
        plain = "".join(blk.plain)
        spaced = "".join(blk.spaced)
        lines = [fold(x) for x in plain.split(BR)]
        lines = [x for x in lines if x]
        p, s = fold(plain.replace(BR, " ")), fold(spaced.replace(BR, " "))
        if p:
            self.paras.append({"plain": p, "spaced": s, "lines": lines,
                               "label": blk.label, "clear": blk.clear, "tag": blk.tag})
        blk.plain, blk.spaced = [], []

    # -- parser callbacks ----------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in a:
            if k in ("data-l", "data-c"):
                self.annot_attrs.add(k)
        hidden = self.hidden_depth > 0 or is_hidden(tag, attrs)
        if tag in VOID:
            if not hidden and self.blocks:
                if tag == "br":
                    self.blocks[-1].plain.append(BR)
                    self.blocks[-1].spaced.append(BR)
                else:
                    self.blocks[-1].spaced.append(" ")
            return
        label = a.get("data-l")
        clear = None
        if "data-c" in a:
            clear = a.get("data-c") not in ("0", "false")
        is_block = tag not in INLINE
        self.stack.append((tag, label, clear, hidden, is_block))
        if hidden:
            self.hidden_depth += 1
            return
        if is_block:
            if self.blocks:
                self._flush(self.blocks[-1])
            self.blocks.append(_Block(tag, self._cur_label(), self._cur_clear()))
        else:
            if self.blocks:
                self.blocks[-1].spaced.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t[0] == tag for t in self.stack):
            self.errors.append(f"stray end tag </{tag}> at {self.getpos()}")
            return
        while self.stack:
            t = self.stack.pop()
            if t[0] != tag:
                self.errors.append(f"unclosed <{t[0]}> closed by </{tag}> at {self.getpos()}")
            if t[3]:
                self.hidden_depth -= 1
            elif t[4]:
                blk = self.blocks.pop()
                self._flush(blk)
                if self.blocks:
                    # text after a child block starts a new segment of the parent
                    pass
            else:
                if self.blocks:
                    self.blocks[-1].spaced.append(" ")
            if t[0] == tag:
                break

    def handle_data(self, data):
        if self.hidden_depth > 0 or not self.blocks:
            if self.hidden_depth == 0 and not self.blocks and data.strip():
                self.errors.append(f"text outside any block: {data.strip()[:40]!r}")
            return
        self.blocks[-1].plain.append(data)
        self.blocks[-1].spaced.append(data)

    def close(self):
        super().close()
        for t in self.stack:
            if t[0] not in ("html", "body"):
                self.errors.append(f"unclosed <{t[0]}> at end of document")
        while self.blocks:
            self._flush(self.blocks.pop())


def extract_html(text):
    ex = Extractor()
    ex.feed(text)
    ex.close()
    return ex.paras, ex.errors, ex.annot_attrs


def extract_txt(text, annotated=False):
    """Plain text: every non-empty line is one paragraph.  Annotated lines look like
    'label| text' or 'label?| text' (the ? marks clear=false)."""
    paras, errors = [], []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        label, clear, body = None, True, raw
        if annotated:
            m = re.match(r"^([a-z_]+)(\?)?\| ?(.*)$", raw)
            if not m:
                errors.append(f"line {n}: no label prefix: {raw[:50]!r}")
                continue
            label, clear, body = m.group(1), m.group(2) is None, m.group(3)
        t = fold(body)
        if t:
            paras.append({"plain": t, "spaced": t, "lines": [t], "label": label,
                          "clear": clear, "tag": "line"})
    return paras, errors


def strip_annotations_txt(text):
    out = []
    for raw in text.splitlines():
        m = re.match(r"^([a-z_]+)(\?)?\| ?(.*)$", raw)
        out.append(m.group(3) if m else raw)
    return "\n".join(out).rstrip("\n") + "\n"


ANNOT_RE = re.compile(r'\s+data-[lc]="[^"]*"')


def strip_annotations_html(text):
    return ANNOT_RE.sub("", text)
