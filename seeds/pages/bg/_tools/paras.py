"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re
from html.parser import HTMLParser

INLINE = {'a','span','b','strong','em','i','u','small','time','label','abbr','code','sup','sub',
          'mark','cite','q','s','img','br','wbr','font','bdi','bdo','data','var','kbd','dfn','ins',
          'del','svg','path','picture','source','circle','g','use'}
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source','track','wbr','param'}
SKIP = {'script','style','template','noscript','head','title'}

def norm(t):
    return re.sub(r'\s+', ' ', t).strip()

class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []; self.skip = 0; self.paras = []
        self._reset()
    def _reset(self):
        self.bs = []; self.bn = []; self.labs = []
    def flush(self):
        t = norm(''.join(self.bs))
        if t:
            self.paras.append({'text': t, 'text0': norm(''.join(self.bn)), 'labels': list(dict.fromkeys(self.labs))})
        self._reset()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            if self.skip:
                return
            if tag in INLINE:
                self.bs.append(' ')
            else:
                self.flush()
            return
        style = (a.get('style') or '').replace(' ', '').lower()
        hidden = tag in SKIP or 'hidden' in a or a.get('aria-hidden') == 'true' or 'display:none' in style
        parent = self.stack[-1][1] if self.stack else None
        lab = a.get('data-l', parent)
        if tag not in INLINE:
            self.flush()
        else:
            self.bs.append(' ')
        self.stack.append((tag, lab, hidden))
        if hidden:
            self.skip += 1
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, lab, hid = self.stack.pop()
            if hid:
                self.skip -= 1
            if t == tag:
                break
        if tag not in INLINE:
            self.flush()
        else:
            self.bs.append(' ')
    def handle_data(self, data):
        if self.skip:
            return
        self.bs.append(data); self.bn.append(data)
        if data.strip():
            self.labs.append(self.stack[-1][1] if self.stack else None)

def extract_html(src):
    p = _P(); p.feed(src); p.close(); p.flush()
    return p.paras

def extract_txt(src, annotated=False):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, line = line.split('| ', 1)
        t = norm(line)
        out.append({'text': t, 'text0': t, 'labels': [lab]})
    return out

def extract(path, annotated=False):
    src = open(path, encoding='utf-8').read()
    if path.endswith('.txt'):
        return extract_txt(src, annotated)
    return extract_html(src)
