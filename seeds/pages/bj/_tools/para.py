"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re
from html.parser import HTMLParser

BLOCK = {"p","h1","h2","h3","h4","h5","h6","li","td","th","dt","dd","summary",
         "figcaption","pre","blockquote","button"}
CONTAINER = {"html","body","div","section","nav","article","aside","header","footer",
             "main","ul","ol","dl","table","thead","tbody","tfoot","tr","form","figure",
             "details","fieldset","address","hgroup","menu","caption"}
SKIP = {"script","style","template","noscript","head","title","svg"}
VOID = {"br","img","input","meta","link","hr","source","wbr","col","area","base","embed","track"}

def norm(s):
    return re.sub(r"\s+", " ", s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras = []          # dicts: nothing, space, labels
        self.stack = []          # (tag, label, skip)
        self.buf_n = []; self.buf_s = []; self.labels = set()

    def _label(self):
        for t, l, s in reversed(self.stack):
            if l is not None:
                return l
        return None

    def _skipping(self):
        return any(s for _, _, s in self.stack)

    def flush(self):
        n = norm("".join(self.buf_n)); s = norm("".join(self.buf_s))
        if n:
            self.paras.append({"nothing": n, "space": s, "labels": set(self.labels)})
        self.buf_n = []; self.buf_s = []; self.labels = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            if self._skipping():
                return
            if tag == "br":
                self.buf_n.append("\n"); self.buf_s.append("\n")
            elif tag == "hr":
                self.flush()
            else:
                self.buf_s.append(" ")
            return
        hidden = (tag in SKIP or "hidden" in a or a.get("aria-hidden") == "true"
                  or re.search(r"display\s*:\s*none", a.get("style") or "") is not None)
        if tag in BLOCK or tag in CONTAINER:
            if not self._skipping():
                self.flush()
        else:
            self.buf_s.append(" ")
        self.stack.append((tag, a.get("data-l"), hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        was_skipping = self._skipping()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if was_skipping and self._skipping():
            return
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        elif not was_skipping:
            self.buf_s.append(" ")

    def handle_data(self, data):
        if self._skipping():
            return
        if data.strip():
            self.labels.add(self._label())
        self.buf_n.append(data); self.buf_s.append(data)

    def close(self):
        super().close(); self.flush()

def extract_html(text):
    e = Extractor(); e.feed(text); e.close()
    return e.paras

def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if labelled:
            lab, line = line.split("|", 1)
            lab = lab.strip()
        t = norm(line)
        if t:
            out.append({"nothing": t, "space": t, "labels": {lab}})
    return out

def extract(path, labelled=False):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return extract_txt(text, labelled)
    return extract_html(text)
