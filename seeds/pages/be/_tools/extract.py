#!/usr/bin/env python3
"""Paragraph extractor (stdlib html.parser) following the brief's rules.
extract_file(path, labelled) -> list of dicts {text_nosp, text_sp, chunks, label, clear}"""
import re, sys, json
from html.parser import HTMLParser

BLOCKS = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
INLINE = {'a','span','strong','em','b','i','u','s','small','code','time','abbr','label','sup','sub','mark','cite','q','img','br','wbr','bdi','bdo','data','var','kbd','dfn','svg','path','use','input','picture','source'}
SKIP = {'script','style','template','noscript','head','title'}
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','param','source','track','wbr'}
WS = re.compile(r'\s+')
def norm(s): return WS.sub(' ', s).strip()

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, hidden)
        self.paras = []; self._raw = []
    def _state(self):
        lab = None; hid = False
        for t, l, h in self.stack:
            if l is not None: lab = l
            if h: hid = True
        return lab, hid
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hidden = tag in SKIP or 'hidden' in a or re.search(r'display\s*:\s*none', a.get('style') or '') is not None
        if tag not in INLINE: self._flush()
        if tag == 'br':
            self._add('\n'); return
        if tag in VOID: return
        self.stack.append((tag, a.get('data-l'), hidden))
    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE: self._flush()
        if tag == 'br': self._add('\n')
    def handle_endtag(self, tag):
        if tag in VOID: return
        if tag not in INLINE: self._flush()
        for i in range(len(self.stack)-1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]; break
    def _add(self, s):
        lab, hid = self._state()
        if hid: return
        self._raw.append((s, lab))
    def handle_data(self, d): self._add(d)
    def _flush(self):
        raw = self._raw; self._raw = []
        chunks = [c for c in raw if c[0].strip()]
        if not chunks: return
        self.paras.append({'chunks': [norm(c[0]) for c in chunks],
                           'labels': [c[1] for c in chunks],
                           'text_nosp': norm(''.join(c[0] for c in raw)),
                           'text_sp': norm(' '.join(c[0] for c in raw))})
    def close(self):
        super().close(); self._flush()

def extract_html(text):
    p = P(); p._raw = []; p.feed(text); p.close(); return p.paras

def extract_txt(text, labelled):
    out = []
    for line in text.splitlines():
        if not line.strip(): continue
        lab = None
        if labelled:
            lab, line = line.split('| ', 1)
        t = norm(line)
        out.append({'chunks': [t], 'labels': [lab], 'text_nosp': t, 'text_sp': t})
    return out

def extract_file(path, labelled=False):
    text = open(path, encoding='utf-8').read()
    if path.endswith('.txt'): return extract_txt(text, labelled)
    return extract_html(text)

if __name__ == '__main__':
    for para in extract_file(sys.argv[1], labelled=len(sys.argv) > 2):
        print(json.dumps({'label': para['labels'][0], 'text': para['text_sp']}, ensure_ascii=False))
