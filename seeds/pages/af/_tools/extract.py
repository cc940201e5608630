"""Paragraph extractor (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is one paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td/th, dt/dd, summary,
    figcaption, pre, blockquote, button) or a run of text standing directly in a
    container (div, section, nav, article, ... and custom elements); inline elements
    (span, a, strong, em, time, ...) stay inside the surrounding paragraph.
  * <br> keeps its lines in the same paragraph.
  * Text inside script/style/template/noscript/head and hidden elements
    (hidden attribute, aria-hidden="true", style display:none / visibility:hidden)
    is not a paragraph.

When the source carries data-l="label" annotations (the _src/ files), every paragraph
also gets the label of its text (inherited from the nearest annotated ancestor).
"""
import re
from html.parser import HTMLParser

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}

BLOCK = set("""p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button
div section nav article aside header footer main ul ol dl table thead tbody tfoot tr caption
details figure form fieldset legend address hr body html dialog menu center""".split())
SKIP = set("script style template noscript head svg title iframe object select textarea".split())
VOID = set("area base br col embed hr img input link meta param source track wbr".split())
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def is_block(tag):
    return tag in BLOCK or "-" in tag


class Para:
    __slots__ = ("space", "nos", "label", "clear", "labels")

    def __init__(self, space, nos, labels):
        self.space = space      # text nodes joined with a space
        self.nos = nos          # text nodes joined with nothing
        self.labels = labels    # raw label values seen in the paragraph
        base = {l.rstrip("?") for l in labels}
        self.label = base.pop() if len(base) == 1 else None
        self.clear = bool(labels) and all(not l.endswith("?") for l in labels)

    def __repr__(self):
        return "Para(%r, %r)" % (self.label, self.space[:60])


class ParaExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # [tag, label, suppress]
        self.nodes = []      # (text, label)
        self.paras = []

    # --- helpers -----------------------------------------------------
    def _label(self):
        return self.stack[-1][1] if self.stack else None

    def _suppressed(self):
        return any(e[2] for e in self.stack)

    def flush(self):
        if not self.nodes:
            return
        texts = [t for t, _ in self.nodes]
        space = norm(" ".join(texts))
        nos = norm("".join(t for t in texts if t != "\n"))
        labels = {l for t, l in self.nodes if t.strip() and l is not None}
        unlabelled = any(t.strip() and l is None for t, l in self.nodes)
        self.nodes = []
        if space:
            self.paras.append((Para(space, nos, labels), unlabelled))

    @staticmethod
    def _hidden(tag, attrs):
        if tag in SKIP:
            return True
        if "hidden" in attrs:
            return True
        if (attrs.get("aria-hidden") or "").strip().lower() == "true":
            return True
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
        if tag == "input" and (attrs.get("type") or "").lower() == "hidden":
            return True
        return False

    # --- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        label = attrs.get("data-l") or self._label()
        if is_block(tag):
            self.flush()
        if tag == "br":
            if not self._suppressed():
                self.nodes.append(("\n", label))
            return
        if tag in VOID:
            return
        self.stack.append([tag, label, self._hidden(tag, attrs)])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                break
        else:
            return
        if is_block(tag) or any(is_block(e[0]) for e in self.stack[i:]):
            self.flush()
        del self.stack[i:]

    def handle_data(self, data):
        if self._suppressed():
            return
        self.nodes.append((data, self._label()))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    """Return list of (Para, has_unlabelled_text)."""
    p = ParaExtractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if annotated:
            if not line.strip():
                continue
            lab, sep, body = line.partition("| ")
            if not sep:
                raise ValueError("annotated line without 'label| ': %r" % line)
            s = norm(body)
            if s:
                out.append((Para(s, s, {lab.strip()}), False))
        else:
            s = norm(line)
            if s:
                out.append((Para(s, s, set()), False))
    return out


def extract_file(path, annotated=False):
    text = open(path, encoding="utf-8").read()
    if str(path).endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == "__main__":
    import sys
    for (p, u) in extract_file(sys.argv[1], annotated="_src" in sys.argv[1]):
        print("%-22s %s%s" % (p.label if p.label else "-", "" if p.clear else "? ", p.space))
