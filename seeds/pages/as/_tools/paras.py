"""Paragraph extractor (stdlib html.parser) following BRIEF.md rules.

A paragraph is a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
pre, blockquote, button) or a run of text standing directly in any other
non-inline container. <br> keeps lines in one paragraph. Text in script, style,
template, noscript, head and hidden elements is ignored.
For each paragraph two texts are produced: tags removed with nothing, and with a space.
With with_labels=True, data-l annotations are honoured (children inherit).
"""
import re
from html.parser import HTMLParser

INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font",
          "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
          "time", "u", "var", "label", "img", "br", "wbr", "strike", "big", "tt", "ins", "del"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr", "param"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "iframe", "title"}
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    st = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in st or "visibility:hidden" in st


class Extractor(HTMLParser):
    def __init__(self, with_labels=False):
        super().__init__(convert_charrefs=True)
        self.with_labels = with_labels
        self.stack = []  # (tag, label, skip)
        self.paras = []
        self.cur_n, self.cur_s, self.cur_labels = [], [], set()

    def _label(self):
        for _, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def _skipping(self):
        return any(sk for _, _, sk in self.stack)

    def flush(self):
        tn, ts = norm("".join(self.cur_n)), norm(" ".join(self.cur_s))
        if tn:
            labs = self.cur_labels
            self.paras.append({"n": tn, "s": ts, "labels": sorted(labs, key=str)})
        self.cur_n, self.cur_s, self.cur_labels = [], [], set()

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            if not self._skipping():
                self.cur_s.append("\n")
            return
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        lab = dict(attrs).get("data-l") if self.with_labels else None
        skip = tag in SKIP or is_hidden(attrs)
        self.stack.append((tag, lab, skip))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.handle_starttag(tag, attrs)
            return
        if tag not in INLINE:
            self.flush()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag not in INLINE:
            self.flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self.cur_n.append(data)
        self.cur_s.append(data)
        if data.strip():
            self.cur_labels.add(self._label())

    def close(self):
        super().close()
        self.flush()


def extract_html(text, with_labels=False):
    p = Extractor(with_labels)
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, with_labels=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if with_labels:
            lab, _, body = line.partition("|")
            t = norm(body)
            out.append({"n": t, "s": t, "labels": [lab.strip()]})
        else:
            t = norm(line)
            out.append({"n": t, "s": t, "labels": []})
    return out


def extract(path, with_labels=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, with_labels)
    return extract_html(text, with_labels)
