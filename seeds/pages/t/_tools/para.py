"""Paragraph extractor shared by build.py and check.py (stdlib html.parser only)."""
import re
from html.parser import HTMLParser

BLOCK = {"p","h1","h2","h3","h4","h5","h6","li","td","th","dt","dd","summary",
         "figcaption","pre","blockquote","button"}
CONTAINER = {"div","section","article","aside","header","footer","nav","main","form",
             "ul","ol","dl","table","tr","tbody","thead","tfoot","details","figure",
             "body","html","fieldset","caption"}
SKIP = {"script","style","template","head","title","noscript"}
VOID = {"br","img","input","meta","link","hr","source","wbr","col","area","base"}

BR = "\u2028"
def fold(s):
    s = re.sub(r"[ \t\r\n\f\v\u00a0]+", " ", s)
    return re.sub(r" *\u2028 *", BR, s).strip(" " + BR)

class Extractor(HTMLParser):
    def __init__(self, keep_label=False):
        super().__init__(convert_charrefs=True)
        self.stack = []        # (tag, label)
        self.skip = 0          # depth inside skipped/hidden
        self.paras = []        # dict(nospace, space, label)
        self.buf_n = []; self.buf_s = []; self.buf_label = None
        self.keep_label = keep_label
    def cur_label(self):
        for t, l in reversed(self.stack):
            if l is not None: return l
        return None
    def flush(self):
        n = "".join(self.buf_n); s = "".join(self.buf_s)
        if n.strip():
            self.paras.append({"nospace": n, "space": s, "label": self.buf_label})
        self.buf_n = []; self.buf_s = []; self.buf_label = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.skip:
            if tag not in VOID: self.skip += 1
            return
        hidden = ("hidden" in a or a.get("aria-hidden") == "true" or
                  re.search(r"display\s*:\s*none", a.get("style") or "") is not None)
        if tag in SKIP or hidden:
            if tag not in VOID: self.skip = 1
            return
        if tag == "br":
            self.buf_n.append(BR); self.buf_s.append(BR); return
        if tag in VOID:
            self.buf_s.append(" "); return
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        else:
            self.buf_s.append(" ")
        self.stack.append((tag, a.get("data-l")))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skip:
            self.handle_endtag(tag)
        elif tag not in VOID and self.skip:
            self.skip -= 1
    def handle_endtag(self, tag):
        if tag in VOID: return
        if self.skip:
            self.skip -= 1; return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack)-1, -1, -1):
            if self.stack[i][0] == tag: idx = i; break
        if idx is None: return
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        else:
            self.buf_s.append(" ")
        del self.stack[idx:]
    def handle_data(self, d):
        if self.skip or not self.stack: 
            if d.strip() and not self.skip and not self.stack:
                pass
            return
        if d.strip() and self.buf_label is None:
            self.buf_label = self.cur_label()
        elif d.strip() and self.keep_label and self.cur_label() != self.buf_label:
            raise ValueError("mixed labels in paragraph near: %r" % d[:60])
        self.buf_n.append(d); self.buf_s.append(d)
    def close(self):
        super().close(); self.flush()

def extract_html(text, keep_label=False):
    e = Extractor(keep_label); e.feed(text); e.close()
    out = []
    for p in e.paras:
        out.append({"nospace": fold(p["nospace"]), "space": fold(p["space"]), "label": p["label"]})
    return out

def extract_txt(text):
    out = []
    for line in text.splitlines():
        if line.strip():
            t = fold(line)
            out.append({"nospace": t, "space": t, "label": None})
    return out

def flat(s):
    return re.sub(" +", " ", s.replace(BR, " ")).strip()
