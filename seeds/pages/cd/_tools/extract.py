"""Paragraph extractor (stdlib html.parser) following the brief's rules.
extract_html(text, labelled=False) -> list of dicts {text, text_nospace, labels}
"""
import re
from html.parser import HTMLParser

BLOCKS = {"p","h1","h2","h3","h4","h5","h6","li","td","th","dt","dd","summary",
          "figcaption","pre","blockquote","button"}
INLINE = {"a","span","strong","b","em","i","u","small","abbr","time","code","mark",
          "sup","sub","img","label","cite","q","s","del","ins","kbd","var","wbr","br",
          "svg","path","input","bdi","font"}
SKIP = {"script","style","template","noscript","head","title"}
VOID = {"br","img","input","meta","link","hr","wbr","source","area","base","col","embed","param","track","path"}

def _hidden(attrs):
    d = dict(attrs)
    if "hidden" in d: return True
    st = (d.get("style") or "").replace(" ", "").lower()
    if "display:none" in st or "visibility:hidden" in st: return True
    return False

class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skip)
        self.paras = []
        self.buf_sp = []; self.buf_ns = []; self.buf_labels = []
    def cur_label(self):
        for t, l, s in reversed(self.stack):
            if l is not None: return l
        return None
    def skipping(self):
        return any(s for t, l, s in self.stack)
    def flush(self):
        sp = re.sub(r"\s+", " ", "".join(self.buf_sp)).strip()
        ns = re.sub(r"\s+", " ", "".join(self.buf_ns)).strip()
        if sp:
            self.paras.append({"text": sp, "text_nospace": ns, "labels": sorted(set(self.buf_labels))})
        self.buf_sp = []; self.buf_ns = []; self.buf_labels = []
    def handle_starttag(self, tag, attrs):
        if tag == "br":
            if not self.skipping():
                self.buf_sp.append(" "); self.buf_ns.append(" ")
            return
        if tag not in INLINE:
            self.flush()
        else:
            self.buf_sp.append(" ")
        if tag in VOID: return
        lab = dict(attrs).get("data-l")
        self.stack.append((tag, lab, tag in SKIP or _hidden(attrs)))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
    def handle_endtag(self, tag):
        if tag in VOID: return
        if tag not in INLINE:
            self.flush()
        else:
            self.buf_sp.append(" ")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        if self.skipping(): return
        if data.strip():
            self.buf_labels.append(self.cur_label())
        self.buf_sp.append(data); self.buf_ns.append(data)
    def close(self):
        super().close(); self.flush()

def extract_html(text):
    p = _P(); p.feed(text); p.close(); return p.paras

def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip(): continue
        if labelled:
            lab, _, body = line.partition("| ")
            t = re.sub(r"\s+", " ", body).strip()
            out.append({"text": t, "text_nospace": t, "labels": [lab.strip()]})
        else:
            t = re.sub(r"\s+", " ", line).strip()
            out.append({"text": t, "text_nospace": t, "labels": []})
    return out

def extract_file(path, labelled=False):
    with open(path, encoding="utf-8") as f: s = f.read()
    if path.endswith(".txt"): return extract_txt(s, labelled)
    return extract_html(s)
