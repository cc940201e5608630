"""Paragraph extractor for the bx batch (stdlib only).

Rules (from the brief):
  * .txt page: one paragraph per non-empty line.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, ... with inline elements such
    as span/a/strong chained inside it).
  * <br> keeps its lines in the same paragraph.
  * Text inside script, style, template, noscript (and head/title, svg) or in
    hidden elements (hidden attribute, inline display:none / visibility:hidden)
    is not a paragraph.

Each paragraph is returned with two renderings of its text:
  text  - tags replaced by a space, whitespace collapsed
  text0 - tags removed with nothing, whitespace collapsed
and, when the source is annotated, the data-l label(s) its text carries.
"""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
          "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
          "time", "u", "var", "del", "ins", "label", "img", "br", "wbr", "picture",
          "source", "input", "output", "meter", "progress", "font"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "iframe",
        "select", "textarea", "object", "canvas", "video", "audio"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
LABELS = ["credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"]

_ws = re.compile(r"\s+")


def norm(s):
    return _ws.sub(" ", s).strip()


def _hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    st = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in st or "visibility:hidden" in st


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: [tag, label, skip]
        self.pieces = []         # (space_text, nothing_text, label, is_data)
        self.paras = []

    # -- state helpers -------------------------------------------------
    def _skip(self):
        return bool(self.stack) and self.stack[-1][2]

    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def _flush(self):
        if not self.pieces:
            return
        sp = norm("".join(p[0] for p in self.pieces))
        no = norm("".join(p[1] for p in self.pieces))
        labels = [p[2] for p in self.pieces if p[3] and p[0].strip()]
        self.pieces = []
        if sp:
            self.paras.append({"text": sp, "text0": no, "labels": labels})

    # -- parser callbacks ----------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        parent_skip = self._skip()
        d = dict(attrs)
        label = d.get("data-l", self._label())
        skip = parent_skip or tag in SKIP or _hidden(attrs)
        if not parent_skip:
            if tag in INLINE:
                if tag == "br":
                    self.pieces.append(("\n", "", None, False))
                else:
                    self.pieces.append((" ", "", None, False))
            else:
                self._flush()
        if tag not in VOID:
            self.stack.append([tag, label, skip])

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if self._skip():
            return
        if tag in INLINE:
            self.pieces.append(("\n" if tag == "br" else " ", "", None, False))
        else:
            self._flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        was_skip = self.stack[idx][2]
        parent_skip = self.stack[idx - 1][2] if idx > 0 else False
        del self.stack[idx:]
        if was_skip and parent_skip:
            return
        if tag in INLINE:
            if not was_skip:
                self.pieces.append((" ", "", None, False))
        else:
            self._flush()

    def handle_data(self, data):
        if self._skip():
            return
        self.pieces.append((data, data, self._label(), True))

    def close(self):
        super().close()
        self._flush()


def _finish(paras):
    for p in paras:
        labs = p.pop("labels")
        uniq = sorted(set(l if l is not None else "<none>" for l in labs))
        p["raw_labels"] = uniq
        if len(uniq) == 1 and uniq[0] != "<none>":
            raw = uniq[0]
            p["label"] = raw.rstrip("?")
            p["clear"] = not raw.endswith("?")
        else:
            p["label"] = None
            p["clear"] = None
    return paras


def extract_html(html):
    ex = _Extractor()
    ex.feed(html)
    ex.close()
    return _finish(ex.paras)


_txt_label = re.compile(r"^([a-z_]+)(\??)\|\s?(.*)$")


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if annotated:
            m = _txt_label.match(line)
            if not m:
                out.append({"text": norm(line), "text0": norm(line), "label": None,
                            "clear": None, "raw_labels": ["<none>"]})
                continue
            body = norm(m.group(3))
            out.append({"text": body, "text0": body, "label": m.group(1),
                        "clear": m.group(2) != "?", "raw_labels": [m.group(1) + m.group(2)]})
        else:
            out.append({"text": norm(line), "text0": norm(line)})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        data = f.read()
    if path.endswith(".txt"):
        return extract_txt(data, annotated=annotated)
    return extract_html(data)


if __name__ == "__main__":
    import sys
    for p in extract_file(sys.argv[1], annotated=True):
        print(f"[{p.get('label')}{'' if p.get('clear', True) else '?'}] {p['text']}")
