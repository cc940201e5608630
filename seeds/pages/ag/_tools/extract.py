"""Paragraph extractor (standard library only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td, th, dt, dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, span chains inside a div ...).
  * <br> keeps its lines in the same paragraph.
  * Text inside script, style, template, noscript, head or hidden elements is
    not a paragraph.

Every tag that is not inline ends the current run of text, so a block element
and a container both start and finish a paragraph; inline tags (a, span,
strong, font, br ...) do not.

For each paragraph two texts are produced: tags removed with nothing
("joined") and tags replaced by a space ("spaced"); whitespace is collapsed in
both.  When the source carries data-l annotations the label is read too
(children inherit; a trailing "?" marks a judgement call).
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "b", "em", "i", "u", "s", "small", "big", "font",
          "time", "abbr", "code", "sup", "sub", "mark", "cite", "q", "img", "br",
          "wbr", "label", "data", "var", "kbd", "samp", "bdi", "bdo", "del", "ins",
          "tt", "strike", "input", "picture", "source", "svg", "path", "use",
          "circle", "rect", "g", "meter", "output", "dfn"}
SKIP = {"script", "style", "template", "noscript", "head", "title", "iframe",
        "textarea", "select", "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr", "param", "keygen"}
MARK = "\x00"   # stands for a tag boundary inside a paragraph
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


class Para:
    __slots__ = ("joined", "spaced", "label", "clear", "tag", "line")

    def __init__(self, joined, spaced, label, clear, tag, line):
        self.joined, self.spaced = joined, spaced
        self.label, self.clear, self.tag, self.line = label, clear, tag, line

    @property
    def text(self):
        return self.spaced

    def __repr__(self):
        return f"<{self.tag} {self.label}{'' if self.clear else '?'} {self.spaced[:60]!r}>"


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label_value_or_None, hidden)
        self.buf = []            # list of (text, label_value)
        self.paras = []
        self.errors = []
        self.skip_depth = 0
        self.block_tag = "run"
        self.start_line = 1

    # ---- helpers -------------------------------------------------------
    def cur_label(self):
        for _, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def hidden(self):
        return any(h for _, _, h in self.stack)

    def flush(self, next_tag="run"):
        if self.buf:
            raw = "".join(t for t, _ in self.buf)
            joined = norm(raw.replace(MARK, ""))
            spaced = norm(raw.replace(MARK, " "))
            if spaced:
                labs = {lab for t, lab in self.buf if t.replace(MARK, "").strip()}
                if len(labs) > 1:
                    self.errors.append(f"line {self.start_line}: mixed labels {labs} in {spaced[:70]!r}")
                lab = next(iter(labs)) if labs else None
                clear = True
                if lab is not None and lab.endswith("?"):
                    clear, lab = False, lab[:-1]
                self.paras.append(Para(joined, spaced, lab, clear, self.block_tag, self.start_line))
        self.buf = []
        self.block_tag = next_tag
        self.start_line = self.getpos()[0]

    # ---- parser callbacks ----------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = dict(attrs)
        if self.skip_depth or tag in SKIP:
            if tag not in VOID:
                self.skip_depth += 1
            return
        if tag in INLINE:
            if self.buf:
                self.buf.append((MARK, None))
            if tag in VOID:
                return
        else:
            self.flush(tag if tag in BLOCK else "run")
            if tag in VOID:
                return
        style = (a.get("style") or "").replace(" ", "").lower()
        hid = ("hidden" in a) or "display:none" in style or "visibility:hidden" in style
        self.stack.append((tag, a.get("data-l"), hid))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if self.skip_depth:
            return
        if tag in INLINE or tag in VOID:
            if tag in INLINE and self.buf:
                self.buf.append((MARK, None))
            elif tag not in INLINE:
                self.flush()
            return
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in VOID:
            return
        if tag in INLINE:
            if self.buf:
                self.buf.append((MARK, None))
        else:
            self.flush()
        # pop to the matching tag
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                if i != len(self.stack) - 1:
                    self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes unclosed "
                                       f"{[t for t, _, _ in self.stack[i + 1:]]}")
                del self.stack[i:]
                return
        self.errors.append(f"line {self.getpos()[0]}: stray </{tag}>")

    def handle_data(self, data):
        if self.skip_depth or self.hidden():
            return
        if not self.buf:
            if not data.strip():
                return
            self.start_line = self.getpos()[0]
        self.buf.append((data, self.cur_label()))

    def close(self):
        super().close()
        self.flush()
        if self.stack:
            self.errors.append(f"unclosed at end: {[t for t, _, _ in self.stack]}")


def extract_html(src):
    p = Extractor()
    p.feed(src)
    p.close()
    return p.paras, p.errors


LINE_LABEL = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(src, annotated=False):
    paras, errors = [], []
    for n, line in enumerate(src.splitlines(), 1):
        if not line.strip():
            continue
        lab, clear = None, True
        if annotated:
            m = LINE_LABEL.match(line)
            if not m:
                errors.append(f"line {n}: no label: {line[:60]!r}")
                continue
            lab, line = m.group(1), m.group(2)
            if lab.endswith("?"):
                clear, lab = False, lab[:-1]
            if not line.strip():
                errors.append(f"line {n}: label without text")
                continue
        t = norm(line)
        paras.append(Para(t, t, lab, clear, "line", n))
    return paras, errors


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if path.endswith(".txt"):
        return extract_txt(src, annotated)
    return extract_html(src)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        paras, errs = extract_file(path, annotated="/_src/" in path)
        for e in errs:
            print("ERROR", e)
        for i, p in enumerate(paras, 1):
            lab = (p.label or "-") + ("" if p.clear else "?")
            print(f"{i:3d} {p.tag:10s} {lab:24s} {p.spaced[:110]}")
