"""Paragraph extractor for the blind batch (Python 3 stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, custom elements ...).
    Inline elements (a, span, strong, em, time, br ...) do not break a run;
    <br> keeps its lines in the same paragraph.
  * Text inside <script>, <style>, <template>, <noscript>, <head> and hidden
    elements (hidden attribute, style display:none / visibility:hidden) is
    not a paragraph.

Each paragraph is returned as a dict:
  text       whitespace-normalised text, tags replaced by a space
  text_none  whitespace-normalised text, tags removed with nothing
  labels     set of data-l values on the text chunks (source files only)
"""
import re
from html.parser import HTMLParser

BLOCK_PARAS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th",
               "dt", "dd", "summary", "figcaption", "pre", "blockquote",
               "button"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code",
          "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
          "label", "mark", "q", "s", "samp", "small", "span", "strong",
          "sub", "sup", "time", "tt", "u", "var", "wbr"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "svg",
        "math", "iframe", "object", "textarea", "select"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr", "keygen"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, hidden)
        self.cur = []     # (data, label)
        self.paras = []

    # -- helpers -------------------------------------------------------
    def _hidden(self):
        return any(h for _, _, h in self.stack)

    def _label(self):
        for _, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def flush(self):
        if not self.cur:
            return
        chunks, self.cur = self.cur, []
        text = norm(" ".join(d for d, _ in chunks))
        if not text:
            return
        text_none = norm("".join(d for d, _ in chunks))
        labels = {lab for d, lab in chunks if d.strip()}
        self.paras.append({"text": text, "text_none": text_none,
                           "labels": labels})

    # -- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = dict(attrs)
        if tag in VOID:
            if tag not in INLINE:      # hr, input ... end a run
                self.flush()
            return
        hidden = (tag in SKIP or "hidden" in a
                  or bool(HIDDEN_STYLE.search(a.get("style") or "")))
        if tag not in INLINE:
            self.flush()
        self.stack.append((tag, a.get("data-l"), hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                popped = self.stack[i:]
                del self.stack[i:]
                if any(t not in INLINE for t, _, _ in popped):
                    self.flush()
                return
        # stray end tag: ignore

    def handle_data(self, data):
        if self._hidden():
            return
        self.cur.append((data, self._label()))

    def close(self):
        super().close()
        self.flush()


def extract_html(source):
    p = _Extractor()
    p.feed(source)
    p.close()
    return p.paras


LABEL_LINE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(source, annotated=False):
    out = []
    for line in source.splitlines():
        if not line.strip():
            continue
        labels = set()
        if annotated:
            m = LABEL_LINE.match(line)
            if not m:
                raise ValueError("unannotated line: %r" % line)
            labels = {m.group(1)}
            line = m.group(2)
        t = norm(line)
        out.append({"text": t, "text_none": t, "labels": labels})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    if path.endswith(".txt"):
        return extract_txt(src, annotated)
    return extract_html(src)


if __name__ == "__main__":
    import sys
    for path in sys.argv[1:]:
        for para in extract_file(path, annotated="/_src/" in path):
            lab = ",".join(sorted(para["labels"]))
            print("%-24s %s" % (lab, para["text"]))
