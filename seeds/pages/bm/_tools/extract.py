"""Paragraph extractor (stdlib html.parser) following the brief's rules.
A paragraph is: a non-empty line of a .txt page; an HTML block element (p, h1-h6, li, td, th,
dt, dd, summary, figcaption, pre, blockquote, button); or a run of text standing directly in a
container. <br> keeps lines in one paragraph. script/style/template/noscript/head and hidden
elements are skipped. If the source carries data-l labels they are tracked (children inherit)."""
import re
from html.parser import HTMLParser

INLINE = {'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark',
          'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'label',
          'font', 'del', 'ins', 'img', 'br', 'wbr', 'amp-img', 'output', 'meter', 'picture', 'source'}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'svg', 'title', 'iframe', 'textarea', 'select'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param',
        'source', 'track', 'wbr'}


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, invisible)
        self.buf = []     # (text, label)
        self.paras = []   # dicts: nothing, space, labels

    def _state(self):
        if self.stack:
            return self.stack[-1][1], self.stack[-1][2]
        return None, False

    def flush(self):
        pieces = [p for p in self.buf]
        self.buf = []
        space = norm(' '.join(t for t, _ in pieces))
        if not space:
            return
        nothing = norm(''.join(t for t, _ in pieces))
        labels = sorted({l for t, l in pieces if t.strip()}, key=str)
        self.paras.append({'space': space, 'nothing': nothing, 'labels': labels})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        label, invis = self._state()
        if 'data-l' in a:
            label = a['data-l']
        style = (a.get('style') or '').replace(' ', '').lower()
        if tag in SKIP or 'hidden' in a or 'display:none' in style or a.get('type') == 'hidden':
            invis = True
        if tag in VOID:
            if tag == 'br':
                if not invis:
                    self.buf.append(('\n', label))
            elif tag not in INLINE:
                self.flush()
            return
        if tag not in INLINE:
            self.flush()
        self.stack.append((tag, label, invis))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag not in INLINE:
            self.flush()

    def handle_data(self, data):
        label, invis = self._state()
        if invis:
            return
        self.buf.append((data, label))

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    return p.paras


def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label = None
        if labelled:
            label, line = line.split('|', 1)
            label = label.strip()
        t = norm(line)
        if t:
            out.append({'space': t, 'nothing': t, 'labels': [label] if label else []})
    return out


def extract(path, labelled=False):
    text = open(path, encoding='utf-8').read()
    if path.endswith('.txt'):
        return extract_txt(text, labelled)
    return extract_html(text)
