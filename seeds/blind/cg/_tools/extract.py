"""Paragraph extractor for the cg batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is one paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, ...).  Inline elements
    (a, span, strong, em, font, br, ...) never split a paragraph; every other
    element starts or ends one.  <br> keeps its lines in the same paragraph.
  * Text inside script, style, template, noscript, head/title and hidden
    elements (hidden attribute, display:none, visibility:hidden) is ignored.

Each paragraph is returned in two renderings:
  a = tags removed with nothing,  b = tags replaced by a space,
both with whitespace collapsed.  With label_attr set (annotated sources) the
label of each piece of text is the nearest ancestor carrying that attribute.
"""
from html.parser import HTMLParser
import re

INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del",
    "dfn", "em", "font", "i", "img", "input", "ins", "kbd", "label", "mark",
    "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var", "wbr", "amp-img", "picture", "source",
}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg",
        "iframe", "textarea", "select", "object", "canvas"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def norm(s):
    return " ".join(s.split())


class Extractor(HTMLParser):
    def __init__(self, label_attr=None):
        super().__init__(convert_charrefs=True)
        self.label_attr = label_attr
        self.paras = []
        self.stack = []      # (tag, label or None)
        self.skip = 0        # >0 while inside a skipped/hidden element
        self.segs = [[]]     # segments of (text, label); segment break = inline tag edge

    # -- helpers -------------------------------------------------------
    def _label(self):
        for _tag, lab in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _mark(self):
        if self.segs[-1]:
            self.segs.append([])

    def _flush(self):
        pieces = [p for seg in self.segs for p in seg]
        a = norm("".join(t for t, _ in pieces))
        b = norm(" ".join("".join(t for t, _ in seg) for seg in self.segs))
        if a:
            labels = sorted({lab or "" for t, lab in pieces if t.strip()})
            self.paras.append({"a": a, "b": b, "labels": labels})
        self.segs = [[]]

    @staticmethod
    def _hidden(attrs):
        d = dict(attrs)
        if "hidden" in d:
            return True
        if d.get("type", "").lower() == "hidden":
            return True
        return bool(_HIDDEN_STYLE.search(d.get("style") or ""))

    # -- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self.skip:
            if tag not in VOID:
                self.skip += 1
            return
        if tag in SKIP or self._hidden(attrs):
            if tag not in VOID:
                self._flush()
                self.skip = 1
            return
        if tag in INLINE:
            self._mark()
        else:
            self._flush()
        if tag not in VOID:
            lab = dict(attrs).get(self.label_attr) if self.label_attr else None
            self.stack.append((tag, lab))

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag in INLINE:
            self._mark()
        else:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.skip:
            return
        self.segs[-1].append((data, self._label()))

    def close(self):
        super().close()
        self._flush()


def extract_html(text, label_attr=None):
    p = Extractor(label_attr)
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if labelled:
            lab, sep, body = line.partition("| ")
            if not sep:
                raise ValueError("unlabelled line: %r" % line)
            body = norm(body)
            out.append({"a": body, "b": body, "labels": [lab.strip()]})
        else:
            t = norm(line)
            out.append({"a": t, "b": t, "labels": []})
    return out


def extract_file(path, labelled=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, labelled)
    return extract_html(text, "data-l" if labelled else None)


if __name__ == "__main__":
    import sys, json
    for para in extract_file(sys.argv[1], labelled="--labels" in sys.argv):
        print(json.dumps(para, ensure_ascii=False))
