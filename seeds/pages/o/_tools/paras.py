"""Shared paragraph extractor (html.parser) for build.py and check.py."""
import re
from html.parser import HTMLParser

LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic",
          "unsourced_rumour","fabricated_author_bio"}
BLOCK = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button "
            "div section article aside header footer nav main ul ol dl table tr tbody thead tfoot "
            "form figure body html details center fieldset address menu".split())
VOID = set("br img input meta link hr source wbr col area base embed param track".split())
SKIP = set("script style template head noscript title svg".split())

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, unclear, hidden)
        self.paras = []   # dicts
        self.cur = None
    def _state(self):
        if self.stack:
            return self.stack[-1][1], self.stack[-1][2], self.stack[-1][3]
        return None, False, False
    def _flush(self):
        c = self.cur
        self.cur = None
        if c is None: return
        ns = fold("".join(c["ns"])); sp = fold("".join(c["sp"]))
        if not ns: return
        lines = [fold(x) for x in "".join(c["ln"]).split("\n") if fold(x)]
        self.paras.append({"text": ns, "text_sp": sp, "lines": lines, "label": c["label"],
                           "unclear": c["unclear"], "labels_seen": c["seen"]})
    def _open_cur(self):
        if self.cur is None:
            lab, unc, _ = self._state()
            self.cur = {"ns": [], "sp": [], "ln": [], "label": lab, "unclear": unc, "seen": set()}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lab, unc, hid = self._state()
        if a.get("data-l"):
            lab = a["data-l"]
        if a.get("data-u") == "1":
            unc = True
        if ("hidden" in a or a.get("aria-hidden") == "true" or
                "display:none" in (a.get("style") or "").replace(" ", "") or tag in SKIP):
            hid = True
        if tag in BLOCK:
            self._flush()
        elif tag == "br":
            if self.cur is not None and not hid:
                self.cur["ln"].append("\n"); self.cur["ns"].append(" "); self.cur["sp"].append(" ")
        elif self.cur is not None:
            self.cur["sp"].append(" ")
        if tag not in VOID:
            self.stack.append((tag, lab, unc, hid))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID: return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i; break
        if idx is None: return
        if tag in BLOCK:
            self._flush()
        elif self.cur is not None:
            self.cur["sp"].append(" ")
        del self.stack[idx:]
    def handle_data(self, data):
        lab, unc, hid = self._state()
        if hid: return
        if not data.strip() and self.cur is None: return
        self._open_cur()
        self.cur["ns"].append(data); self.cur["sp"].append(data); self.cur["ln"].append(data)
        if data.strip():
            self.cur["seen"].add(lab)
    def close(self):
        super().close(); self._flush()

def html_paras(src):
    p = _P(); p.feed(src); p.close()
    return p.paras

def txt_paras(src, annotated):
    out = []
    for line in src.splitlines():
        if not line.strip(): continue
        lab, unc = None, False
        if annotated:
            m = re.match(r"^([a-z_]+)(\??)\| ?(.*)$", line)
            if not m: raise ValueError("unannotated line: " + line)
            lab, unc, line = m.group(1), m.group(2) == "?", m.group(3)
        t = fold(line)
        if t:
            out.append({"text": t, "text_sp": t, "lines": [t], "label": lab, "unclear": unc,
                        "labels_seen": {lab}})
    return out

def paras_for(name, src, annotated):
    return txt_paras(src, annotated) if name.endswith(".txt") else html_paras(src)
