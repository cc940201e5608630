"""Paragraph extractor shared by build.py and check.py (stdlib html.parser only)."""
import re
from html.parser import HTMLParser

LEAF = {"p","h1","h2","h3","h4","h5","h6","li","td","th","dt","dd","summary","figcaption","pre","blockquote","button"}
CONT = {"div","section","article","aside","header","footer","nav","main","ul","ol","dl","table","thead","tbody","tfoot","tr","details","form","figure","body","html","fieldset","menu"}
BLOCK = LEAF | CONT
SKIP = {"script","style","template","head","noscript"}
VOID = {"br","img","hr","meta","link","input","source","wbr","col","area","base","embed","param","track"}

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

class Extractor(HTMLParser):
    """mode: 'space' inserts a space at inline tag boundaries, 'nospace' does not."""
    def __init__(self, mode="space"):
        super().__init__(convert_charrefs=True)
        self.mode = mode
        self.stack = []   # entries: [tag, is_block, buf, label, hidden]
        self.paras = []   # (text, label, lines)
    def _hidden(self, tag, attrs):
        a = dict(attrs)
        if "hidden" in a or a.get("aria-hidden") == "true": return True
        st = (a.get("style") or "").replace(" ", "").lower()
        return "display:none" in st or tag in SKIP
    def _cur_block(self):
        for e in reversed(self.stack):
            if e[1]: return e
        return None
    def _lab(self):
        for e in reversed(self.stack):
            if e[3] is not None: return e[3]
        return None
    def _inhidden(self):
        return any(e[4] for e in self.stack)
    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                b = self._cur_block()
                if b is not None and not self._inhidden(): b[2].append("\n")
            return
        a = dict(attrs)
        isb = tag in BLOCK
        if not isb and self.mode == "space":
            b = self._cur_block()
            if b is not None: b[2].append(" ")
        if isb:
            b = self._cur_block()
            if b is not None: b[2].append("\x00")  # child block boundary
        self.stack.append([tag, isb, [], a.get("data-l"), self._hidden(tag, attrs)])
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID: self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID: return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack)-1, -1, -1):
            if self.stack[i][0] == tag: idx = i; break
        if idx is None: return
        while len(self.stack) > idx:
            e = self.stack.pop()
            if e[1]:
                self._flush(e)
            elif self.mode == "space":
                b = self._cur_block()
                if b is not None: b[2].append(" ")
    def _flush(self, e):
        raw = "".join(e[2])
        # direct text of a container outside child blocks: segments split by child boundary
        segs = raw.split("\x00")
        text = " ".join(segs) if e[0] in LEAF else " ".join(segs)
        lines = [fold(x) for x in text.split("\n")]
        lines = [x for x in lines if x]
        t = fold(text.replace("\n", " "))
        if t and not e[4]:
            lab = e[3]
            if lab is None:
                # inherit from ancestors
                for a in reversed(self.stack):
                    if a[3] is not None: lab = a[3]; break
            self.paras.append((t, lab, lines))
    def handle_data(self, data):
        if self._inhidden(): return
        b = self._cur_block()
        if b is None: return
        b[2].append(data)
    def close(self):
        super().close()
        while self.stack:
            e = self.stack.pop()
            if e[1]: self._flush(e)

def extract(html, mode="space"):
    p = Extractor(mode); p.feed(html); p.close()
    return p.paras

def extract_txt(text):
    out = []
    for line in text.split("\n"):
        t = fold(line)
        if t: out.append((t, None, [t]))
    return out
