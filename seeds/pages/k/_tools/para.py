# Shared paragraph extractor (html.parser based).
import re
from html.parser import HTMLParser

BLOCK = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption blockquote button div section article aside footer header nav main body ul ol dl table thead tbody tfoot tr details figure form label address fieldset legend caption hr html".split())
VOID = set("br img meta link input hr source wbr area base col embed param track".split())
SKIP = set("script style head template noscript title svg".split())
LABELS = {"c": "credible", "b": "boilerplate", "p": "promotional", "f": "scraped_faq",
          "o": "off_topic", "r": "unsourced_rumour", "a": "fabricated_author_bio"}

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, is_block, buf)
        self.skip = 0
        self.paras = []  # (text_with_\n_for_br, label)
    def eff_label(self, upto=None):
        st = self.stack if upto is None else self.stack[:upto + 1]
        for t, l, b, buf in reversed(st):
            if l is not None:
                return l
        return None
    def nearest_block(self):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][2]:
                return i
        return None
    def flush(self, i):
        if i is None:
            return
        buf = self.stack[i][3]
        txt = "".join(buf)
        if fold(txt):
            self.paras.append((txt, self.eff_label(i)))
        buf.clear()
    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag in SKIP:
                self.skip += 1
            return
        if tag in SKIP:
            self.skip = 1
            return
        if tag == "br":
            i = self.nearest_block()
            if i is not None:
                self.stack[i][3].append("\n")
            return
        if tag in VOID:
            return
        d = dict(attrs)
        lab = d.get("data-l")
        isb = tag in BLOCK
        if isb:
            self.flush(self.nearest_block())
        self.stack.append((tag, lab, isb, []))
    def handle_endtag(self, tag):
        if self.skip:
            if tag in SKIP:
                self.skip -= 1
            return
        if tag in VOID:
            return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        while len(self.stack) > idx:
            t, l, b, buf = self.stack[-1]
            if b:
                self.flush(len(self.stack) - 1)
            else:
                # move inline buffer? inline elems don't hold buffers
                pass
            self.stack.pop()
    def handle_data(self, data):
        if self.skip:
            return
        i = self.nearest_block()
        if i is None:
            if fold(data):
                self.paras.append((data, None))
            return
        self.stack[i][3].append(data)
    def close(self):
        super().close()
        while self.stack:
            if self.stack[-1][2]:
                self.flush(len(self.stack) - 1)
            self.stack.pop()

def html_paras(src):
    e = Extractor()
    e.feed(src)
    e.close()
    return e.paras

def txt_paras(src, labelled):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        if labelled:
            code, _, text = line.partition("| ")
            out.append((text, code.strip()))
        else:
            out.append((line, None))
    return out
