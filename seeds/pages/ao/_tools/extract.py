"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
pre, blockquote, button) or a run of text standing directly in a container.
Inline tags (span, a, strong, ...) do not break a run; <br> keeps lines together.
Text in script/style/template/noscript/head and hidden elements is skipped.
For annotated sources, each paragraph also gets the data-l label it inherits.
"""
import re
from html.parser import HTMLParser

INLINE = set("""a span strong b em i u small label time abbr code sup sub mark cite q s del ins
kbd var font bdi bdo data img br wbr picture source input select option textarea svg path
amp-img use""".split())
VOID = set("area base br col embed hr img input link meta param source track wbr amp-img".split())
SKIP = set("script style template noscript head title svg".split())
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Para:
    def __init__(self):
        self.nothing = []   # text with tags removed by nothing
        self.space = []     # text with tags replaced by a space
        self.labels = []    # raw label of each text fragment (source mode)

    def has_text(self):
        return bool(norm("".join(self.nothing)))


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, rawlabel, hidden/skip)
        self.paras = []
        self.cur = Para()

    # helpers
    def _label(self):
        for _, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _skipping(self):
        return any(h for _, _, h in self.stack)

    def _flush(self):
        if self.cur.has_text():
            labs = [l for l in self.cur.labels]
            self.paras.append({
                "nothing": norm("".join(self.cur.nothing)),
                "space": norm("".join(self.cur.space)),
                "labels": labs,
            })
        self.cur = Para()

    def _boundary(self, tag):
        if tag in INLINE:
            self.cur.space.append(" ")
        else:
            self._flush()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hidden = (tag in SKIP or "hidden" in a or
                  (a.get("aria-hidden") == "true") or
                  bool(re.search(r"display\s*:\s*none", a.get("style") or "")) or
                  (tag == "input" and (a.get("type") or "") == "hidden"))
        if not self._skipping():
            if tag == "br":
                # <br> keeps the lines in one paragraph; "nothing" variant drops the tag
                self.cur.space.append("\n")
            else:
                self._boundary(tag)
        if tag in VOID:
            return
        self.stack.append((tag, a.get("data-l"), hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        del self.stack[idx:]
        if not self._skipping():
            self._boundary(tag)

    def handle_data(self, data):
        if self._skipping():
            return
        self.cur.nothing.append(data)
        self.cur.space.append(data)
        if data.strip():
            self.cur.labels.append(self._label())

    def close(self):
        super().close()
        self._flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, line = line.split("|", 1)
            lab = lab.strip()
        t = norm(line)
        if t:
            out.append({"nothing": t, "space": t, "labels": [lab]})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)


def split_label(raw):
    """'credible?' -> ('credible', False)"""
    if raw is None:
        return None, True
    raw = raw.strip()
    clear = not raw.endswith("?")
    return raw.rstrip("?"), clear
