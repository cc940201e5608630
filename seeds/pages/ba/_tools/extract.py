"""Paragraph extractor (stdlib html.parser) following the brief's paragraph rules.
Also reads data-l annotations when present (source files)."""
import re
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
         "summary", "figcaption", "pre", "blockquote", "button"}
INLINE = {"a", "span", "strong", "b", "em", "i", "u", "small", "sup", "sub", "abbr",
          "time", "label", "mark", "code", "cite", "q", "s", "img", "br", "wbr", "font",
          "bdi", "bdo", "data", "var", "kbd", "ins", "del", "picture", "source"}
SKIP = {"script", "style", "template", "noscript", "title", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr", "param"}
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skip)
        self.buf = []
        self.paras = []

    def _cur(self):
        if self.stack:
            return self.stack[-1][1], self.stack[-1][2]
        return None, False

    def flush(self):
        if self.buf:
            nos = norm("".join(p for p, _ in self.buf))
            sp = norm(" ".join(p for p, _ in self.buf))
            if sp:
                labs = {l for p, l in self.buf if p.strip()}
                self.paras.append({"text": sp, "text_nospace": nos, "labels": labs})
        self.buf = []

    def _hidden(self, attrs):
        d = dict(attrs)
        if "hidden" in d:
            return True
        if (d.get("aria-hidden") or "").lower() == "true":
            return True
        st = (d.get("style") or "").replace(" ", "").lower()
        return "display:none" in st or "visibility:hidden" in st

    def handle_starttag(self, tag, attrs):
        lab, skip = self._cur()
        if tag in VOID:
            if tag not in INLINE:
                self.flush()
            return
        if tag not in INLINE:
            self.flush()
        d = dict(attrs)
        if d.get("data-l"):
            lab = d["data-l"]
        skip = skip or tag in SKIP or self._hidden(attrs)
        self.stack.append((tag, lab, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        if tag not in INLINE:
            self.flush()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        lab, skip = self._cur()
        if skip:
            return
        self.buf.append((data, lab))

    def close(self):
        super().close()
        self.flush()


def extract_html(src):
    e = Extractor()
    e.feed(src)
    e.close()
    return e.paras


def extract_txt(src, annotated=False):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, line = line.split("|", 1)
            lab = lab.strip()
        t = norm(line)
        if t:
            out.append({"text": t, "text_nospace": t, "labels": {lab} if lab else set()})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if path.endswith(".txt"):
        return extract_txt(src, annotated)
    return extract_html(src)
