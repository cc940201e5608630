"""Paragraph extractor for the cc batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, ... with inline children such
    as span/a/strong).  Any non-inline tag boundary ends the current run; a
    <br> keeps its lines in the same paragraph.
  * Text inside <head>, <script>, <style>, <template>, <noscript>, <svg> and
    hidden elements (hidden attribute, style display:none) is ignored.

Each paragraph carries two texts, whitespace-normalised:
  text_space   - the pieces between tags joined with a space
  text_nothing - the pieces between tags joined with nothing
and, when parsing annotated sources, the data-l label of its text.
"""
from html.parser import HTMLParser

INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "img", "br",
    "output", "meter", "progress",
}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}
SKIP = {"head", "script", "style", "template", "noscript", "svg", "title"}
LABELS = {
    "credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
    "unsourced_rumour", "fabricated_author_bio",
}


def norm(s):
    return " ".join(s.split())


def _hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    style = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label_or_None, skipping)
        self.pieces = []  # (text, label) ; text None means <br>
        self.paras = []
        self.errors = []

    # -- helpers
    def _skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def _label(self):
        for _tag, lab, _sk in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def flush(self):
        if not self.pieces:
            return
        raw_space = []
        raw_nothing = []
        labels = set()
        chunks = []
        for text, lab in self.pieces:
            if text is None:  # <br>
                raw_space.append(" ")
                continue
            raw_space.append(text)
            raw_nothing.append(text)
            if text.strip():
                labels.add(lab)
                chunks.append(norm(text))
        self.pieces = []
        ts = norm(" ".join(raw_space))
        tn = norm("".join(raw_nothing))
        if not ts:
            return
        self.paras.append({
            "text_space": ts,
            "text_nothing": tn,
            "chunks": chunks,
            "labels": labels,
        })

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "br":
            if not self._skipping():
                self.pieces.append((None, None))
            return
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        skipping = self._skipping() or tag in SKIP or _hidden(attrs)
        lab = dict(attrs).get("data-l")
        self.stack.append((tag, lab, skipping))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.errors.append("self-closing non-void <%s/>" % tag)
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        if not self.stack:
            self.errors.append("stray </%s>" % tag)
            return
        if self.stack[-1][0] != tag:
            self.errors.append("mismatched </%s> (open: %s) at %s" % (
                tag, "/".join(t for t, _l, _s in self.stack[-4:]), self.getpos()))
            names = [t for t, _l, _s in self.stack]
            if tag in names:
                while self.stack and self.stack[-1][0] != tag:
                    self.stack.pop()
                self.stack.pop()
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._skipping():
            return
        self.pieces.append((data, self._label()))

    def close(self):
        super().close()
        self.flush()
        if self.stack:
            self.errors.append("unclosed: " + "/".join(t for t, _l, _s in self.stack))


def extract_html(html):
    p = _Extractor()
    p.feed(html)
    p.close()
    return p.paras, p.errors


def extract_txt(text, annotated=False):
    paras, errors = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        labels = set()
        if annotated:
            if "| " not in line:
                errors.append("line %d has no label" % n)
                continue
            lab, line = line.split("| ", 1)
            labels.add(lab.strip())
            if not line.strip():
                errors.append("line %d empty after label" % n)
                continue
        t = norm(line)
        paras.append({"text_space": t, "text_nothing": t, "chunks": [t],
                      "labels": labels})
    return paras, errors


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)
