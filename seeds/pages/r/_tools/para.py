"""Paragraph extraction per the brief (stdlib html.parser)."""
import re
from html.parser import HTMLParser

BLOCK = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button caption "
            "div section article aside header footer nav main body html figure form ul ol dl table "
            "thead tbody tfoot tr details dialog fieldset legend address".split())
SKIP = set("script style template head title noscript svg".split())
VOID = set("br img input meta link hr wbr source col area base embed param track".split())

def fold(s):
    return re.sub(r"\s+", " ", s).strip()

class Extractor(HTMLParser):
    def __init__(self, labelled=False):
        super().__init__(convert_charrefs=True)
        self.labelled = labelled
        self.stack = []  # dicts: tag, label, hidden, skip, block
        self.blocks = []  # stack of open block buffers
        self.paras = []
        self.errors = []

    def _state(self):
        return self.stack[-1] if self.stack else {"label": None, "hidden": False, "skip": False}

    def _new_buf(self):
        return {"sp": [], "ns": [], "labels": set()}

    def _flush(self, buf):
        sp = fold("".join(buf["sp"]).replace("\n", " "))
        if sp:
            lines = [fold(x) for x in "".join(buf["sp"]).split("\n") if fold(x)]
            self.paras.append({"sp": sp, "ns": fold("".join(buf["ns"]).replace("\n", " ")),
                               "lines": lines, "labels": set(buf["labels"])})
        buf["sp"].clear(); buf["ns"].clear(); buf["labels"].clear()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        st = self._state()
        hidden = st["hidden"] or ("hidden" in a) or a.get("aria-hidden") == "true" or \
            bool(re.search(r"display\s*:\s*none", a.get("style") or ""))
        skip = st["skip"] or tag in SKIP
        label = a.get("data-l", st["label"])
        if tag in VOID:
            if self.blocks and tag == "br":
                self.blocks[-1]["sp"].append("\n"); self.blocks[-1]["ns"].append("\n")
            return
        node = {"tag": tag, "label": label, "hidden": hidden, "skip": skip, "block": tag in BLOCK}
        if node["block"]:
            if self.blocks:
                self._flush(self.blocks[-1])
            self.blocks.append(self._new_buf())
        elif self.blocks:
            self.blocks[-1]["sp"].append(" ")
        self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                idx = i; break
        if idx is None:
            return
        while len(self.stack) > idx:
            node = self.stack.pop()
            if node["block"]:
                buf = self.blocks.pop()
                self._flush(buf)
            elif self.blocks:
                self.blocks[-1]["sp"].append(" ")

    def handle_data(self, data):
        st = self._state()
        if st["hidden"] or st["skip"] or not self.blocks:
            if data.strip() and not (st["hidden"] or st["skip"]):
                self.errors.append("text outside block: " + data.strip()[:40])
            return
        buf = self.blocks[-1]
        buf["sp"].append(data); buf["ns"].append(data)
        if data.strip():
            buf["labels"].add(st["label"])

    def close(self):
        super().close()
        while self.blocks:
            self._flush(self.blocks.pop())

def extract_html(text, labelled=False):
    e = Extractor(labelled)
    e.feed(text); e.close()
    return e.paras, e.errors

def extract_txt(text):
    out = []
    for line in text.splitlines():
        if line.strip():
            t = fold(line)
            out.append({"sp": t, "ns": t, "lines": [t], "labels": set()})
    return out
