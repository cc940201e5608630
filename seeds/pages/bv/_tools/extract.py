"""Paragraph extractor following the brief's rules (stdlib html.parser only).

extract_html(text) -> list of dicts {text_nospace, text_space, label}
  label is the inherited data-l value (None in published pages).
extract_txt(text, annotated) -> same shape.
"""
import re
from html.parser import HTMLParser

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
          "summary", "figcaption", "pre", "blockquote", "button"}
CONTAINERS = {"div", "section", "nav", "article", "header", "footer", "main", "aside",
              "form", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "body",
              "html", "figure", "details", "fieldset", "address", "menu", "dialog",
              "amp-accordion", "amp-sidebar", "amp-carousel", "caption", "legend", "hgroup",
              "search", "center"}
SKIP = {"script", "style", "template", "noscript", "head", "svg", "iframe", "select", "textarea", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "amp-img"}

def _hidden(attrs):
    d = dict(attrs)
    if "hidden" in d:
        return True
    if (d.get("aria-hidden") or "").lower() == "true":
        return True
    st = (d.get("style") or "").replace(" ", "").lower()
    if "display:none" in st or "visibility:hidden" in st:
        return True
    if d.get("type") == "hidden":
        return True
    return False

def _norm(s):
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", x).strip() for x in s.split("\n")]
    return "\n".join(x for x in lines if x)

class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, is_block)
        self.skip = 0            # depth inside skipped/hidden elements
        self.skipstack = []
        self.out = []
        self.buf_ns = []
        self.buf_sp = []
        self.buf_label = None
        self.buf_has = False

    def cur_label(self):
        for tag, lab, blk in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def flush(self):
        if self.buf_has:
            ns = _norm("".join(self.buf_ns))
            sp = _norm("".join(self.buf_sp))
            if ns.strip():
                self.out.append({"text_nospace": ns, "text_space": sp, "label": self.buf_label})
        self.buf_ns, self.buf_sp, self.buf_has, self.buf_label = [], [], False, None

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag not in VOID:
                self.skipstack.append(tag)
                self.skip += 1
            return
        if tag in SKIP or _hidden(attrs):
            if tag not in VOID:
                self.skip = 1
                self.skipstack = [tag]
            return
        d = dict(attrs)
        lab = d.get("data-l")
        if tag == "br":
            self.buf_ns.append("\n"); self.buf_sp.append("\n"); return
        if tag in VOID:
            self.buf_sp.append(" ")
            return
        isblk = tag in BLOCKS or tag in CONTAINERS
        if isblk:
            self.flush()
        else:
            self.buf_sp.append(" ")
        self.stack.append((tag, lab, isblk))

    def handle_startendtag(self, tag, attrs):
        if self.skip:
            return
        if tag == "br":
            self.buf_ns.append("\n"); self.buf_sp.append("\n"); return
        self.buf_sp.append(" ")

    def handle_endtag(self, tag):
        if self.skip:
            # pop until matching
            if tag in self.skipstack:
                while self.skipstack:
                    t = self.skipstack.pop(); self.skip -= 1
                    if t == tag:
                        break
                if not self.skipstack:
                    self.skip = 0
            return
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, lab, isblk = self.stack.pop()
            if isblk:
                self.flush()
            else:
                self.buf_sp.append(" ")
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        if not data.strip():
            # whitespace: keep as separator
            if self.buf_has:
                self.buf_ns.append(" " if "\n" not in data else " ")
                self.buf_sp.append(" ")
            return
        data = data.replace("\n", " ").replace("\r", " ")
        if not self.buf_has:
            self.buf_label = self.cur_label()
            self.buf_has = True
        self.buf_ns.append(data)
        self.buf_sp.append(data)

    def close(self):
        super().close()
        while self.stack:
            self.stack.pop()
        self.flush()

def extract_html(text):
    p = _P()
    p.feed(text)
    p.close()
    return p.out

def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, _, line = line.partition("| ")
            lab = lab.strip()
        t = re.sub(r"\s+", " ", line).strip()
        out.append({"text_nospace": t, "text_space": t, "label": lab})
    return out

def extract_file(path, annotated=False):
    with open(path, encoding="utf-8") as f:
        s = f.read()
    if path.endswith(".txt"):
        return extract_txt(s, annotated)
    return extract_html(s)
