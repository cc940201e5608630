"""Paragraph extractor shared by build.py and check.py (stdlib html.parser only)."""
import re
from html.parser import HTMLParser

BLOCK = set("""p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button
div section article aside header footer nav main ul ol dl table tr tbody thead tfoot caption
form details figure body html fieldset address hgroup center menu
amp-story amp-story-page amp-story-grid-layer""".split())
VOID = set("br img input meta link hr wbr source area col embed param track".split())
SKIP = set("script style template head title noscript".split())
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # entries: dict(tag, block, label, hidden, skip)
        self.bufs = []       # open paragraph buffers: [sp, nosp, label, lines]
        self.paras = []      # (text_space, text_nospace, label, lines)

    def _hidden(self, attrs):
        d = dict(attrs)
        if "hidden" in d:
            return True
        if (d.get("aria-hidden") or "").lower() == "true":
            return True
        st = (d.get("style") or "").replace(" ", "").lower()
        return "display:none" in st

    def _in_skip(self):
        return any(e["skip"] or e["hidden"] for e in self.stack)

    def _label(self):
        for e in reversed(self.stack):
            if e["label"]:
                return e["label"]
        return None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "br":
            if self.bufs and not self._in_skip():
                self.bufs[-1][0].append("\n")
                self.bufs[-1][1].append("\n")
            return
        if tag in VOID:
            if self.bufs and not self._in_skip():
                self.bufs[-1][0].append(" ")
            return
        e = dict(tag=tag, block=tag in BLOCK, label=d.get("data-l"),
                 hidden=self._hidden(attrs), skip=tag in SKIP)
        if e["label"] and e["label"] not in LABELS:
            raise ValueError("bad label %r" % e["label"])
        self.stack.append(e)
        if self._in_skip():
            return
        if e["block"]:
            self.bufs.append([[], [], self._label(), e])
        elif self.bufs:
            if e["label"] and e["label"] != self.bufs[-1][2]:
                raise ValueError("inline label differs inside paragraph: %s" % tag)
            self.bufs[-1][0].append(" ")

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
                idx = i
                break
        if idx is None:
            return
        while len(self.stack) > idx:
            skipped = self._in_skip()
            e = self.stack.pop()
            if skipped:
                continue
            if e["block"]:
                b = self.bufs.pop()
                assert b[3] is e
                self._emit(b)
            elif self.bufs:
                self.bufs[-1][0].append(" ")

    def handle_data(self, data):
        if self._in_skip() or not self.bufs:
            if data.strip() and not self._in_skip():
                raise ValueError("text outside any block: %r" % data[:60])
            return
        self.bufs[-1][0].append(data)
        self.bufs[-1][1].append(data)

    def _emit(self, b):
        sp = "".join(b[0])
        nosp = "".join(b[1])
        if not fold(sp):
            return
        lines = [fold(x) for x in sp.split("\n") if fold(x)]
        self.paras.append(dict(sp=fold(sp), nosp=fold(nosp), label=b[2], lines=lines))

    def close(self):
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1]["tag"])


def html_paras(text):
    ex = Extractor()
    ex.feed(text)
    ex.close()
    return ex.paras


def txt_paras(text, labelled=False):
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        label = None
        if labelled:
            m = re.match(r"^([a-z_]+)\| ?(.*)$", line)
            if not m or m.group(1) not in LABELS:
                raise ValueError("unlabelled line: %r" % line[:60])
            label, line = m.group(1), m.group(2)
        t = fold(line)
        out.append(dict(sp=t, nosp=t, label=label, lines=[t]))
    return out
