"""Paragraph extractor (stdlib html.parser) following the brief's rules.
extract(html) -> list of (text_nospace, text_space, label) ; label from data-l (None on published pages)."""
import re
from html.parser import HTMLParser

BLOCK = {"p","h1","h2","h3","h4","h5","h6","li","td","th","dt","dd","summary","figcaption","pre","blockquote","button"}
CONTAINER = {"div","section","nav","header","footer","main","article","aside","ul","ol","dl","table","thead","tbody","tfoot","tr",
             "form","figure","details","body","html","head","fieldset","address","hgroup","menu","label_block","dialog","caption","legend","option","select","textarea","hr","img","input"}
SKIP = {"script","style","template","noscript","title"}
VOID = {"br","img","input","meta","link","hr","source","wbr","area","base","col","embed","param","track"}

def ws(s):
    return re.sub(r"\s+", " ", s).strip()

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, hidden)
        self.skip = 0
        self.buf = []     # list of (kind, text, label) kind: 't' text, 'b' tag boundary
        self.out = []
    def cur_label(self):
        for t, l, h in reversed(self.stack):
            if l is not None:
                return l
        return None
    def hidden(self):
        return any(h for _, _, h in self.stack)
    def flush(self):
        if not self.buf:
            return
        labels = {l for k, t, l in self.buf if k == "t" and t.strip()}
        a = ws("".join(t for k, t, l in self.buf if k == "t" or k == "br"))
        b = ws(" ".join(t for k, t, l in self.buf))
        if a:
            lab = None
            if len(labels) > 1:
                lab = "MIXED:" + ",".join(sorted(str(x) for x in labels))
            elif labels:
                lab = labels.pop()
            self.out.append((a, b, lab))
        self.buf = []
    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "br":
            self.buf.append(("br", "\n", None))
            return
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        else:
            self.buf.append(("b", "", None))
        if tag in VOID:
            return
        hid = "hidden" in d or d.get("aria-hidden") == "true" or re.search(r"display\s*:\s*none", d.get("style") or "") is not None
        self.stack.append((tag, d.get("data-l"), hid))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and tag not in SKIP:
            self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in VOID:
            return
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        else:
            self.buf.append(("b", "", None))
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        if self.skip or self.hidden():
            return
        self.buf.append(("t", data, self.cur_label()))
    def close(self):
        super().close()
        self.flush()

def extract_html(html):
    p = P()
    p.feed(html)
    p.close()
    return p.out

def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if annotated:
            lab, _, t = line.partition("| ")
            t = ws(t)
            out.append((t, t, lab.strip()))
        else:
            t = ws(line)
            out.append((t, t, None))
    return out

def extract_file(path, annotated=False):
    s = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return extract_txt(s, annotated)
    return extract_html(s)
