#!/usr/bin/env python3
"""Paragraph extractor (stdlib only) following the brief's rules.

A paragraph is: one non-empty line of a .txt page; an HTML block element
(p, h1-h6, li, td/th, dt/dd, summary, figcaption, pre, blockquote, button);
or a run of text standing directly in a container element.  Inline elements
(a, span, strong, ...) and <br> do not split paragraphs.  Text inside
script/style/template/noscript, the <head>, or hidden elements is ignored.

Every paragraph is returned with two renderings of its text:
  a = tags removed with nothing, b = tags removed with a space
(both whitespace-normalised).  When parsing annotated sources the label
(nearest data-l ancestor) is returned as well.
"""
import re
from html.parser import HTMLParser

BLOCK = {'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd',
         'summary', 'figcaption', 'pre', 'blockquote', 'button'}
INLINE = {'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i',
          'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub',
          'sup', 'time', 'u', 'var', 'img', 'br', 'wbr', 'input', 'picture', 'source'}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'title', 'svg', 'iframe'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
        'param', 'source', 'track', 'wbr'}
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic',
          'unsourced_rumour', 'fabricated_author_bio'}

WS = re.compile(r'\s+')


def norm(s):
    return WS.sub(' ', s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if 'hidden' in d:
        return True
    if (d.get('aria-hidden') or '').lower() == 'true':
        return True
    st = (d.get('style') or '').replace(' ', '').lower()
    return 'display:none' in st or 'visibility:hidden' in st


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, suppressed)
        self.paras = []
        self._reset()

    def _reset(self):
        self.a, self.b, self.labels = [], [], []

    def _suppressed(self):
        return bool(self.stack) and self.stack[-1][2]

    def _label(self):
        for _, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def flush(self):
        a, b = norm(''.join(self.a)), norm(''.join(self.b))
        if b:
            labs = [l for l in self.labels]
            self.paras.append({'a': a, 'b': b, 'labels': labs})
        self._reset()

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in VOID:
            if tag in INLINE:
                self.b.append(' ')
            else:
                self.flush()
            return
        if tag in INLINE:
            self.b.append(' ')
        else:
            self.flush()
        sup = self._suppressed() or tag in SKIP or is_hidden(attrs)
        lab = dict(attrs).get('data-l')
        self.stack.append((tag, lab, sup))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in INLINE:
            self.b.append(' ')
        else:
            self.flush()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag in INLINE:
            self.b.append(' ')
        else:
            self.flush()

    def handle_data(self, data):
        if self._suppressed():
            return
        if not self.stack:
            return
        self.a.append(data)
        self.b.append(data)
        if data.strip():
            self.labels.append(self._label())

    def close(self):
        super().close()
        self.flush()


def extract_html(text):
    p = Extractor()
    p.feed(text)
    p.close()
    out = []
    for para in p.paras:
        labs = set(para['labels'])
        out.append({'a': para['a'], 'b': para['b'],
                    'label': labs.pop() if len(labs) == 1 else (None if not labs else '|'.join(sorted(labs)))})
    return out


TXT_LINE = re.compile(r'^([a-z_]+\??)\|\s?(.*)$')


def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            m = TXT_LINE.match(line)
            if not m:
                raise ValueError('unannotated line: %r' % line)
            lab, line = m.group(1), m.group(2)
        t = norm(line)
        if t:
            out.append({'a': t, 'b': t, 'label': lab})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == '__main__':
    import sys
    for path in sys.argv[1:]:
        for i, p in enumerate(extract_file(path, annotated='/_src/' in path), 1):
            print('%3d [%s] %s' % (i, p['label'], p['b']))
