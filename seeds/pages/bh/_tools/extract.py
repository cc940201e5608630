"""Paragraph extractor (stdlib html.parser) following the brief's rules.
extract(html) -> list of dicts {text, text_nospace, label} (label None for published pages)."""
import re, sys, json
from html.parser import HTMLParser

BLOCK_PARA = {"p","h1","h2","h3","h4","h5","h6","li","td","th","dt","dd","summary",
              "figcaption","pre","blockquote","button"}
SKIP = {"script","style","template","noscript","head","title"}
VOID = {"br","img","input","meta","link","hr","wbr","source","area","base","col","embed","param","track"}
INLINE = {"a","span","b","strong","em","i","u","small","time","label","abbr","code","sup","sub",
          "mark","cite","q","s","del","ins","kbd","var","data","font","bdi","bdo","svg","path","picture"}

def ws(s):
    return re.sub(r"\s+", " ", s).strip()

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, hidden)
        self.paras = []
        self.buf_a = []   # tags removed with nothing
        self.buf_b = []   # tags removed with a space
        self.labels = set()
    def cur_label(self):
        for t, l, h in reversed(self.stack):
            if l is not None:
                return l
        return None
    def hidden(self):
        return any(h for _, _, h in self.stack)
    def flush(self):
        a = ws("".join(self.buf_a)); b = ws("".join(self.buf_b))
        if a:
            self.paras.append({"text": b, "text_nospace": a, "labels": sorted(self.labels, key=str)})
        self.buf_a = []; self.buf_b = []; self.labels = set()
    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag in VOID:
            if tag == "br":
                self.buf_a.append(" "); self.buf_b.append(" ")
            return
        hid = (tag in SKIP or "hidden" in d or d.get("aria-hidden") == "true"
               or re.search(r"display\s*:\s*none", d.get("style") or "") is not None)
        if tag in INLINE:
            self.buf_b.append(" ")
        else:
            self.flush()
        self.stack.append((tag, d.get("data-l"), hid))
    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.buf_a.append(" "); self.buf_b.append(" ")
        elif tag not in INLINE and tag not in VOID:
            self.flush()
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i; break
        if idx is None:
            return
        if tag in INLINE:
            self.buf_b.append(" ")
        else:
            self.flush()
        del self.stack[idx:]
    def handle_data(self, data):
        if self.hidden():
            return
        self.buf_a.append(data); self.buf_b.append(data)
        if data.strip():
            self.labels.add(self.cur_label())
    def close(self):
        super().close(); self.flush()

def extract_html(html):
    p = P(); p.feed(html); p.close()
    out = []
    for x in p.paras:
        labs = x["labels"]
        if len(labs) > 1:
            raise ValueError("mixed labels in paragraph: %r %r" % (labs, x["text"][:80]))
        x["label"] = labs[0] if labs else None
        del x["labels"]
        out.append(x)
    return out

def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, line = line.split("| ", 1)
        t = ws(line)
        out.append({"text": t, "text_nospace": t, "label": lab})
    return out

def extract_file(path, annotated=False):
    s = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return extract_txt(s, annotated)
    return extract_html(s)

if __name__ == "__main__":
    for x in extract_file(sys.argv[1], annotated="--src" in sys.argv):
        print(json.dumps(x, ensure_ascii=False))
