"""Paragraph extractor shared by build.py and check.py (stdlib html.parser only)."""
import re
from html.parser import HTMLParser

BLOCK = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button "
            "div section article aside header footer nav main body html ul ol dl table tr tbody "
            "thead tfoot form details figure fieldset caption address".split())
VOID = set("br img hr input meta link wbr source area col embed param track base".split())
SKIP = set("script style template head".split())
CODES = {"c": "credible", "b": "boilerplate", "p": "promotional", "f": "scraped_faq",
         "o": "off_topic", "r": "unsourced_rumour", "a": "fabricated_author_bio"}

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

def is_hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    if (d.get("aria-hidden") or "").strip().lower() == "true":
        return True
    st = (d.get("style") or "").replace(" ", "").lower()
    return "display:none" in st

class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # frames: dict(tag, block, hidden, label, buf)
        self.paras = []
    def _hidden(self):
        return any(f["hidden"] for f in self.stack)
    def _label(self):
        for f in reversed(self.stack):
            if f["label"]:
                return f["label"]
        return None
    def _block(self):
        for f in reversed(self.stack):
            if f["block"]:
                return f
        return None
    def _mark(self):
        # tag boundary: with-space version gets a space, no-space version nothing
        b = self._block()
        if b is not None and not self._hidden():
            b["sp"][-1] += " "
    def _newseg(self):
        # a child block interrupts a container: its own text continues in a new segment
        b = self._block()
        if b is not None and not self._hidden():
            b["sp"].append(""); b["ns"].append("")
    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                b = self._block()
                if b is not None and not self._hidden():
                    b["sp"].append(""); b["ns"].append("")
            else:
                self._mark()
            return
        self._mark()
        if tag in BLOCK:
            self._newseg()
        d = dict(attrs)
        lab = d.get("data-l")
        fr = {"tag": tag, "block": tag in BLOCK, "hidden": tag in SKIP or is_hidden(attrs),
              "label": CODES.get(lab, lab) if lab else None, "sp": [""], "ns": [""]}
        self.stack.append(fr)
    def handle_startendtag(self, tag, attrs):
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs); self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(f["tag"] == tag for f in self.stack):
            return
        while self.stack:
            fr = self.stack.pop()
            hidden_now = fr["hidden"] or self._hidden()
            if fr["block"] and not hidden_now:
                lines_ns = [fold(x) for x in fr["ns"] if fold(x)]
                text_ns = fold(" ".join(fr["ns"]))
                text_sp = fold(" ".join(fr["sp"]))
                if text_ns:
                    self.paras.append({"lines": lines_ns, "text": text_ns, "text_sp": text_sp,
                                       "label": fr["label"] or fr.get("dlabel") or self._label(), "tag": fr["tag"]})
            self._mark()
            if fr["block"]:
                self._newseg()
            if fr["tag"] == tag:
                break
    def handle_data(self, data):
        if self._hidden():
            return
        b = self._block()
        if b is None:
            if data.strip():
                self.paras.append({"lines": [fold(data)], "text": fold(data), "text_sp": fold(data),
                                   "label": self._label(), "tag": "#root"})
            return
        b["sp"][-1] += data; b["ns"][-1] += data
        if data.strip() and not b.get("dlabel"):
            b["dlabel"] = self._label()
    def close(self):
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1]["tag"])

def html_paras(src):
    p = _P(); p.feed(src); p.close()
    return p.paras

def txt_paras(src, labelled):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        lab = None
        if labelled:
            code, _, line = line.partition("| ")
            lab = CODES.get(code.strip(), code.strip())
        t = fold(line)
        out.append({"lines": [t], "text": t, "text_sp": t, "label": lab, "tag": "line"})
    return out

def paras_for(name, src, labelled=False):
    return txt_paras(src, labelled) if name.endswith(".txt") else html_paras(src)
