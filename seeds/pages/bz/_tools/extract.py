"""Paragraph extractor for the bz batch (stdlib only).

Paragraph rules (from the brief):
  * .txt page: every non-empty line is one paragraph.
  * HTML page: a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
    pre, blockquote, button) is a paragraph; a run of text standing directly in any
    other non-inline container (div, section, nav, span chains inside a div ...) is a
    paragraph too.  Inline elements (a, span, strong, em, br ...) never split a
    paragraph; a <br> keeps its lines in the same paragraph.
  * Text inside <head>, <script>, <style>, <template>, <noscript> and hidden elements
    (hidden attribute, inline display:none / visibility:hidden) is not a paragraph.

Every paragraph is reported in two renderings: tags removed with nothing
(`nospace`) and tags removed with a space (`space`), both whitespace-normalised.
When parsing an annotated source, the `data-l` label of the nearest annotated
ancestor is recorded for every text piece.
"""
import re
from html.parser import HTMLParser

BLOCK_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
              "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "time", "abbr", "cite",
          "code", "mark", "sub", "sup", "label", "img", "br", "wbr", "s", "q", "font",
          "bdi", "bdo", "data", "var", "kbd", "del", "ins", "svg", "path", "use",
          "picture", "source", "g", "circle", "rect"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "path", "use", "circle", "rect"}
SKIP = {"head", "title", "script", "style", "template", "noscript"}
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}

_ws = re.compile(r"\s+")


def norm(s):
    return _ws.sub(" ", s).strip()


def _hidden(attrs):
    d = {k.lower(): (v or "") for k, v in attrs}
    if "hidden" in d:
        return True
    style = d.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: [tag, label, skip]
        self.pieces = []         # (text, label) of the current paragraph
        self.paras = []
        self.skipped_text = []   # visible-looking text found inside hidden elements

    # -- helpers -----------------------------------------------------------
    def _cur(self):
        if self.stack:
            return self.stack[-1][1], self.stack[-1][2]
        return None, False

    def flush(self):
        if not self.pieces:
            return
        texts = [t for t, _ in self.pieces]
        nospace = norm("".join(texts))
        space = norm(" ".join(texts))
        if space:
            labels = sorted({str(l) for t, l in self.pieces if t.strip()})
            self.paras.append({"nospace": nospace, "space": space, "labels": labels})
        self.pieces = []

    # -- parser callbacks ----------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        label, skip = self._cur()
        d = dict(attrs)
        if d.get("data-l"):
            label = d["data-l"]
        if tag in SKIP or _hidden(attrs):
            skip = True
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        self.stack.append([tag, label, skip])

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag not in INLINE:
            self.flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        else:
            return
        if tag not in INLINE:
            self.flush()

    def handle_data(self, data):
        label, skip = self._cur()
        if skip:
            tag = self.stack[-1][0] if self.stack else ""
            if data.strip() and tag not in SKIP:
                self.skipped_text.append(data.strip())
            return
        self.pieces.append((data, label))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = _Parser()
    p.feed(text)
    p.close()
    return p.paras, p.skipped_text


def extract_txt(text, annotated=False):
    paras = []
    for line in text.splitlines():
        label = None
        if annotated:
            if not line.strip():
                continue
            label, _, line = line.partition("|")
            label = label.strip()
            line = line[1:] if line.startswith(" ") else line
        t = norm(line)
        if t:
            paras.append({"nospace": t, "space": t, "labels": [label] if annotated else ["None"]})
    return paras, []


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)
