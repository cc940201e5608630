"""Paragraph extractor (stdlib html.parser) following the brief's rules.
A paragraph is a maximal run of visible text between the start/end of any
non-inline element (p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre,
blockquote, button, and containers such as div, section, nav, ul, table...).
Inline elements (span, a, b, em, br, ...) do not break a run; <br> keeps its
lines in the same paragraph. Text in script/style/template/noscript/head and
hidden elements is ignored. For .txt pages each non-empty line is a paragraph."""
import re
from html.parser import HTMLParser

INLINE = {'a', 'span', 'b', 'strong', 'i', 'em', 'small', 'label', 'time', 'abbr',
          'cite', 'code', 'mark', 'sub', 'sup', 'u', 's', 'q', 'img', 'br', 'font',
          'bdi', 'data', 'del', 'ins', 'kbd', 'var', 'wbr', 'picture', 'source'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
        'param', 'source', 'track', 'wbr', 'keygen'}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'title', 'svg'}


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if 'hidden' in d:
        return True
    if (d.get('aria-hidden') or '').lower() == 'true':
        return True
    st = (d.get('style') or '').replace(' ', '').lower()
    if 'display:none' in st or 'visibility:hidden' in st:
        return True
    if (d.get('type') or '').lower() == 'hidden':
        return True
    return False


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, invisible)
        self.paras = []
        self._reset()

    def _reset(self):
        self.sp, self.no, self.labels = [], [], []

    def flush(self):
        s, n = norm(''.join(self.sp)), norm(''.join(self.no))
        if s:
            labs = [l for l in self.labels]
            self.paras.append({'text': s, 'nothing': n, 'labels': labs})
        self._reset()

    def cur(self):
        lab, inv = None, False
        for t, l, h in self.stack:
            if l is not None:
                lab = l
            inv = inv or h
        return lab, inv

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == 'br':
            _, inv = self.cur()
            if not inv:
                self.sp.append('\n')
            return
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        lab = dict(attrs).get('data-l')
        self.stack.append((tag, lab, tag in SKIP or is_hidden(attrs)))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag == 'br':
            self.handle_starttag(tag, attrs)
        elif tag not in INLINE:
            self.flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        lab, inv = self.cur()
        if inv:
            return
        self.sp.append(data)
        self.no.append(data)
        if data.strip():
            self.labels.append(lab)

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, _, line = line.partition('| ')
            lab = lab.strip()
        t = norm(line)
        out.append({'text': t, 'nothing': t, 'labels': [lab] if lab else []})
    return out


def extract(path, annotated=False):
    text = open(path, encoding='utf-8').read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)
