"""Shared paragraph extractor (stdlib html.parser)."""
from html.parser import HTMLParser
import re

INLINE = {"a","b","strong","em","i","span","small","time","abbr","cite","code","sup","sub",
          "mark","u","s","label","img","amp-img","svg","path","br","q","bdi","data","var","kbd"}
VOID = {"br","img","hr","meta","link","input","source","wbr","area","base","col","embed","track"}
SKIP = {"script","style","template","head","noscript","title"}
LABELS = {"c":"credible","b":"boilerplate","p":"promotional","f":"scraped_faq","o":"off_topic",
          "r":"unsourced_rumour","a":"fabricated_author_bio"}

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # frames: dict(tag,label,tight,spaced)
        self.skip = 0
        self.skipstack = []
        self.paras = []   # (label, tight_lines, spaced_lines)
        self.stack.append({"tag":"#root","label":None,"tight":[],"spaced":[]})

    def _hidden(self, tag, attrs):
        d = dict(attrs)
        if "hidden" in d: return True
        if (d.get("aria-hidden") or "").lower() == "true": return True
        st = (d.get("style") or "").replace(" ","").lower()
        if "display:none" in st: return True
        return tag in SKIP

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag not in VOID:
                self.skipstack.append(tag); self.skip += 1
            return
        if self._hidden(tag, attrs):
            if tag not in VOID:
                self.skipstack.append(tag); self.skip = 1
            return
        top = self._block()
        if tag == "br":
            top["tight"].append("\n"); top["spaced"].append("\n"); return
        if tag in VOID:
            return
        if tag in INLINE:
            top["spaced"].append(" ")
            # track inline for proper end handling
            self.stack.append({"tag":tag,"inline":True})
            return
        lab = dict(attrs).get("data-l")
        label = LABELS[lab] if lab else self._curlabel()
        self.stack.append({"tag":tag,"label":label,"tight":[],"spaced":[]})

    def handle_startendtag(self, tag, attrs):
        if self.skip: return
        if tag == "br":
            top = self._block()
            top["tight"].append("\n"); top["spaced"].append("\n")

    def _curlabel(self):
        for f in reversed(self.stack):
            if not f.get("inline"):
                return f["label"]
        return None

    def _block(self):
        for f in reversed(self.stack):
            if not f.get("inline"):
                return f
    def handle_endtag(self, tag):
        if self.skip:
            if tag in VOID: return
            # pop until matching
            while self.skipstack:
                t = self.skipstack.pop(); self.skip -= 1
                if t == tag: break
            if self.skip < 0: self.skip = 0
            if not self.skipstack: self.skip = 0
            return
        if tag in VOID: return
        # find matching frame
        idx = None
        for i in range(len(self.stack)-1, 0, -1):
            if self.stack[i]["tag"] == tag:
                idx = i; break
        if idx is None: return
        while len(self.stack) > idx:
            f = self.stack.pop()
            if f.get("inline"):
                self._block()["spaced"].append(" ")
            else:
                self._flush(f)

    def _flush(self, f):
        tight = "".join(f["tight"]); spaced = "".join(f["spaced"])
        tl = [fold(x) for x in tight.split("\n")]; sl = [fold(x) for x in spaced.split("\n")]
        tl = [x for x in tl if x]; sl = [x for x in sl if x]
        if tl:
            self.paras.append({"label":f["label"],"tight_lines":tl,"spaced_lines":sl,
                               "tight":fold(" ".join(tl)),"spaced":fold(" ".join(sl)),"tag":f["tag"]})

    def handle_data(self, data):
        if self.skip: return
        b = self._block()
        b["tight"].append(data); b["spaced"].append(data)

    def close(self):
        super().close()
        while len(self.stack) > 0:
            f = self.stack.pop()
            if not f.get("inline"):
                self._flush(f)

def extract_html(text):
    e = Extractor(); e.feed(text); e.close(); return e.paras

def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip(): continue
        lab = None
        if labelled:
            code, _, line = line.partition("| ")
            lab = LABELS[code.strip()]
        t = fold(line)
        out.append({"label":lab,"tight_lines":[t],"spaced_lines":[t],"tight":t,"spaced":t,"tag":"line"})
    return out
