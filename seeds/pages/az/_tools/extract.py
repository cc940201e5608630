"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re
from html.parser import HTMLParser

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
INLINE = {"a", "span", "b", "strong", "em", "i", "u", "small", "code", "abbr", "time",
          "mark", "sup", "sub", "label", "cite", "q", "s", "img", "br", "wbr", "input",
          "kbd", "var", "data", "del", "ins", "bdi", "bdo", "picture", "source"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "iframe"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skip)
        self.buf = []    # list of (text, label)
        self.paras = []

    def _skip(self):
        return bool(self.stack) and self.stack[-1][2]

    def _label(self):
        for t, l, s in reversed(self.stack):
            if l is not None:
                return l
        return None

    def flush(self):
        chunks = self.buf
        self.buf = []
        if not any(c[0].strip() for c in chunks):
            return
        texts = [c[0] for c in chunks]
        labels = {c[1] for c in chunks if c[0].strip()}
        self.paras.append({
            "space": norm(" ".join(texts)),
            "nospace": norm("".join(texts)),
            "chunks": [norm(t) for t in texts if t.strip()],
            "labels": labels,
        })

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hidden = ("hidden" in a or a.get("aria-hidden") == "true"
                  or re.search(r"display\s*:\s*none", a.get("style") or "") is not None)
        if tag not in INLINE and not self._skip():
            self.flush()
        if tag in VOID:
            return
        parent_skip = self._skip()
        self.stack.append((tag, a.get("data-l"), parent_skip or hidden or tag in SKIP))

    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE and not self._skip():
            self.flush()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        was_skip = self._skip()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag not in INLINE and not was_skip:
            self.flush()

    def handle_data(self, data):
        if self._skip():
            return
        self.buf.append((data, self._label()))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = _P()
    p.feed(text)
    p.close()
    return p.paras


LINE_RE = re.compile(r"^([a-z_]+\??)\|\s?(.*)$")


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        lab = None
        if annotated:
            if not line.strip():
                continue
            m = LINE_RE.match(line)
            if not m:
                raise ValueError("unannotated line: %r" % line)
            lab, line = m.group(1), m.group(2)
        if not line.strip():
            continue
        t = norm(line)
        out.append({"space": t, "nospace": t, "chunks": [t], "labels": {lab}})
    return out


def extract(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".txt"):
        return extract_txt(text, annotated)
    return extract_html(text)
