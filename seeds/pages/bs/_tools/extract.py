#!/usr/bin/env python3
"""Paragraph extractor following the brief's rules (stdlib html.parser)."""
import re
from html.parser import HTMLParser

BLOCKS = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
CONTAINERS = {'div','section','nav','article','aside','header','footer','main','body','html','form','ul','ol','table',
              'thead','tbody','tfoot','tr','dl','details','figure','fieldset','address','menu','hgroup','dialog','caption','legend','label_block'}
SKIP = {'script','style','template','noscript','head','title','svg','iframe','select','textarea'}
VOID = {'br','img','hr','meta','link','input','source','wbr','area','base','col','embed','param','track'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # (tag, label, hidden)
        self.paras = []      # dicts: text_nospace, text_space, labels
        self.cur = None
        self.skip = 0
    def _label(self):
        for t, l, h in reversed(self.stack):
            if l is not None:
                return l
        return None
    def _hidden(self):
        return any(h for _, _, h in self.stack)
    def flush(self):
        if self.cur is not None:
            a = norm(''.join(self.cur['a'])); b = norm(' '.join(self.cur['b']))
            if b:
                self.paras.append({'nospace': a, 'space': b, 'labels': self.cur['labels']})
        self.cur = None
    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == 'br' and self.cur is not None:
                self.cur['a'].append('\n'); self.cur['b'].append('\n')
            return
        if tag in SKIP:
            self.skip += 1
            self.stack.append((tag, None, True)); return
        d = dict(attrs)
        st = (d.get('style') or '').replace(' ', '').lower()
        hidden = ('hidden' in d) or 'display:none' in st or d.get('aria-hidden') == 'true'
        if tag in BLOCKS or tag in CONTAINERS:
            self.flush()
        self.stack.append((tag, d.get('data-l'), hidden))
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack)-1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i; break
        if idx is None:
            return
        popped = self.stack[idx:]
        self.stack = self.stack[:idx]
        for t, _, _ in popped:
            if t in SKIP:
                self.skip -= 1
        if any(t in BLOCKS or t in CONTAINERS for t, _, _ in popped):
            self.flush()
    def handle_data(self, data):
        if self.skip or self._hidden():
            return
        if self.cur is None:
            if not data.strip():
                return
            self.cur = {'a': [], 'b': [], 'labels': []}
        self.cur['a'].append(data); self.cur['b'].append(data)
        if data.strip():
            self.cur['labels'].append(self._label())
    def close(self):
        super().close(); self.flush()

def extract_html(text):
    p = Extractor(); p.feed(text); p.close()
    return p.paras

def extract_file(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return [{'nospace': norm(l), 'space': norm(l), 'labels': []} for l in text.splitlines() if l.strip()]
    return extract_html(text)
