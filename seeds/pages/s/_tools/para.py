"""Shared paragraph extractor (html.parser only)."""
import re
from html.parser import HTMLParser

BLOCK = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button "
            "div section article aside header footer nav main form ul ol dl table tr tbody thead tfoot "
            "details figure body html dialog fieldset legend label".split())
HIDDEN_TAGS = {"script", "style", "template", "head", "noscript"}
VOID = set("area base br col embed hr img input link meta source track wbr".split())
BR = "\x00BR\x00"
TAGMARK = "\x00T\x00"

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is_block, hidden, label, clear)
        self.paras = []  # dict(raw, label, clear)
        self.buf = []    # buffer for current innermost block
    def _state(self):
        if self.stack:
            return self.stack[-1]
        return ("root", True, False, None, True)
    def _flush(self):
        raw = "".join(self.buf)
        self.buf = []
        test = raw.replace(BR, " ").replace(TAGMARK, "")
        if fold(test):
            st = self._state()
            self.paras.append({"raw": raw, "label": st[3], "clear": st[4]})
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        par = self._state()
        hidden = par[2] or tag in HIDDEN_TAGS or "hidden" in a or a.get("aria-hidden") == "true" \
            or "display:none" in (a.get("style") or "").replace(" ", "")
        label = a.get("data-l", par[3])
        clear = par[4] and a.get("data-c") != "0"
        if tag == "br":
            if not par[2]:
                self.buf.append(BR)
            return
        if tag in VOID:
            return
        is_block = tag in BLOCK
        if is_block and not par[2] and not hidden:
            self._flush()
        elif not hidden:
            self.buf.append(TAGMARK)
        self.stack.append((tag, is_block, hidden, label, clear))
    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            if not self._state()[2]:
                self.buf.append(BR)
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
        while len(self.stack) > idx:
            t = self.stack[-1]
            if t[1] and not t[2]:
                self._flush()
            elif not t[2]:
                self.buf.append(TAGMARK)
            self.stack.pop()
    def handle_data(self, data):
        if self._state()[2]:
            return
        self.buf.append(data)
    def close(self):
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1][0])
        self._flush()

def paragraphs_html(text):
    e = Extractor(); e.feed(text); e.close()
    out = []
    for p in e.paras:
        raw = p["raw"]
        lines = raw.split(BR)
        sp = [fold(l.replace(TAGMARK, " ")) for l in lines]
        ns = [fold(l.replace(TAGMARK, "")) for l in lines]
        full_sp = fold(raw.replace(BR, " ").replace(TAGMARK, " "))
        full_ns = fold(raw.replace(BR, " ").replace(TAGMARK, ""))
        out.append({"lines_sp": [l for l in sp if l], "lines_ns": [l for l in ns if l],
                    "full_sp": full_sp, "full_ns": full_ns, "label": p["label"], "clear": p["clear"]})
    return out

def paragraphs_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label, clear = None, True
        if labelled:
            m = re.match(r"^([a-z_]+)(\?)?\| ?(.*)$", line)
            if not m:
                raise ValueError("unlabelled line: " + line)
            label, clear, line = m.group(1), m.group(2) is None, m.group(3)
        t = fold(line)
        out.append({"lines_sp": [t], "lines_ns": [t], "full_sp": t, "full_ns": t, "label": label, "clear": clear})
    return out
