#!/usr/bin/env python3
"""Paragraph extractor (stdlib html.parser) following the brief's rules.

A paragraph is a block element (p, h1-h6, li, td, th, dt, dd, summary, figcaption,
pre, blockquote, button) or a run of text standing directly in a container. <br>
keeps lines in one paragraph. Text inside script/style/template/noscript/head or
hidden elements is skipped. Each paragraph is returned with two text variants:
'nospace' (tags removed with nothing) and 'space' (tags replaced by a space),
both whitespace-collapsed, plus the data-l label (source files only).
"""
import re
from html.parser import HTMLParser

BLOCK = {'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd',
         'summary', 'figcaption', 'pre', 'blockquote', 'button'}
INLINE = {'a', 'span', 'strong', 'em', 'b', 'i', 'u', 'small', 'sup', 'sub', 'abbr',
          'time', 'code', 'mark', 'label', 'cite', 'q', 's', 'del', 'ins', 'img',
          'br', 'font', 'bdi', 'bdo', 'data', 'var', 'kbd', 'samp', 'wbr', 'dfn'}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'title', 'svg', 'iframe',
        'select', 'textarea', 'object'}
VOID = {'br', 'img', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'base',
        'col', 'embed', 'param', 'track'}
WS = re.compile(r'\s+')


def norm(s):
    return WS.sub(' ', s).strip()


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, skip)
        self.paras = []          # dicts
        self.cur = []            # list of pieces: str or None (boundary)
        self.cur_labels = []

    def _label(self):
        for t, l, s in reversed(self.stack):
            if l is not None:
                return l
        return None

    def _skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def flush(self):
        if self.cur:
            nospace = norm(''.join(p for p in self.cur if p is not None))
            # 'space' variant: tag boundaries become spaces
            space = norm(''.join(' ' if p is None else p for p in self.cur))
            if nospace:
                labels = sorted(set(l for l in self.cur_labels if l is not None))
                self.paras.append({'nospace': nospace, 'space': space,
                                   'labels': labels,
                                   'label': labels[0] if len(labels) == 1 else (None if not labels else '|'.join(labels))})
        self.cur = []
        self.cur_labels = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        parent_skip = self._skipping()
        hidden = ('hidden' in a) or ('display:none' in (a.get('style') or '').replace(' ', '').lower())
        skip = parent_skip or tag in SKIP or hidden
        if not parent_skip:
            if tag in INLINE:
                self.cur.append(None)
            else:
                self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, a.get('data-l'), skip))

    def handle_startendtag(self, tag, attrs):
        if self._skipping():
            return
        if tag in INLINE:
            self.cur.append(None)
        else:
            self.flush()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        was_skip = self.stack[idx][2]
        parent_skip = self.stack[idx - 1][2] if idx > 0 else False
        del self.stack[idx:]
        if not parent_skip:
            if tag in INLINE:
                self.cur.append(None)
            else:
                self.flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self.cur.append(data)
        if data.strip():
            self.cur_labels.append(self._label())

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
        label = None
        if annotated:
            label, _, line = line.partition('| ')
            label = label.strip()
        t = norm(line)
        if t:
            out.append({'nospace': t, 'space': t, 'labels': [label], 'label': label})
    return out


def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == '__main__':
    import sys, json
    for para in extract_file(sys.argv[1], annotated=len(sys.argv) > 2):
        print(json.dumps(para, ensure_ascii=False))
