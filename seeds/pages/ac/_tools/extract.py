"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
pre, blockquote, button) or a run of text standing directly in any other
non-inline container. <br> keeps lines in the same paragraph. Text inside
script/style/template/noscript/head and hidden elements is ignored.
Returns a list of dicts: {space, nothing, label, clear}. label is None on
published pages (no data-l annotations).
"""
import re
from html.parser import HTMLParser

INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
          "i", "img", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
          "strong", "sub", "sup", "time", "u", "var", "wbr", "amp-img", "del", "ins",
          "font", "picture", "source"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "noscript", "head", "svg"}
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skip)
        self.pieces = []         # (text_for_space, text_for_nothing, label)
        self.paras = []
        self.errors = []

    def _skipping(self):
        return any(s for _, _, s in self.stack)

    def _label(self):
        for _, l, _ in reversed(self.stack):
            if l is not None:
                return l
        return None

    def flush(self):
        if not self.pieces:
            return
        space = norm(" ".join(p[0] for p in self.pieces))
        nothing = norm("".join(p[1] for p in self.pieces))
        if space:
            labels = {p[2] for p in self.pieces if p[0].strip()}
            if len(labels) > 1:
                self.errors.append("mixed labels %s in paragraph: %s" % (labels, space[:80]))
            lab = sorted(labels, key=str)[0] if labels else None
            self.paras.append({"space": space, "nothing": nothing, "label": lab})
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in INLINE:
            self.flush()
        if tag == "br":
            if not self._skipping():
                self.pieces.append(("\n", "", self._label()))
            return
        if tag in VOID:
            return
        style = (a.get("style") or "").replace(" ", "").lower()
        skip = tag in SKIP or "hidden" in a or "display:none" in style
        self.stack.append((tag, a.get("data-l"), skip))

    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE:
            self.flush()
        if tag == "br" and not self._skipping():
            self.pieces.append(("\n", "", self._label()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._skipping():
            return
        if data.strip() or self.pieces:
            self.pieces.append((data, data, self._label()))

    def close(self):
        super().close()
        self.flush()


def finish(paras):
    out = []
    for p in paras:
        lab = p["label"]
        clear = True
        if lab is not None and lab.endswith("?"):
            lab, clear = lab[:-1], False
        out.append({"space": p["space"], "nothing": p["nothing"], "label": lab, "clear": clear})
    return out


def extract_html(text):
    e = Extractor()
    e.feed(text)
    e.close()
    return finish(e.paras), e.errors


def extract_txt(text, annotated=False):
    paras, errors = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        if annotated:
            if "|" not in line:
                errors.append("no label on line: " + line[:60])
                continue
            lab, body = line.split("|", 1)
            paras.append({"space": norm(body), "nothing": norm(body), "label": lab.strip()})
        else:
            paras.append({"space": norm(line), "nothing": norm(line), "label": None})
    return finish(paras), errors


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)
