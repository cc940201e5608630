"""Paragraph extractor (stdlib html.parser) following the batch brief's rules.
extract_html(text) -> list of dicts {text, nothing, space, label}
label is the inherited data-l value (None on published pages)."""
import re
from html.parser import HTMLParser

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary',
         'figcaption','pre','blockquote','button'}
INLINE = {'a','span','strong','em','b','i','u','s','small','time','abbr','label',
          'sup','sub','code','mark','cite','q','img','br','wbr','bdi','bdo','data',
          'dfn','kbd','samp','var','del','ins','font','tt','big','strike','svg','path',
          'use','input','picture','source'}
SKIP = {'script','style','template','noscript','title','head'}
VOID = {'br','img','meta','link','input','hr','source','wbr','area','base','col',
        'embed','param','track'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

def _hidden(attrs):
    d = dict(attrs)
    if 'hidden' in d:
        return True
    if (d.get('aria-hidden') or '').lower() == 'true':
        return True
    st = (d.get('style') or '').replace(' ', '').lower()
    return 'display:none' in st or 'visibility:hidden' in st

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, skipping)
        self.buf = []
        self.out = []
    def _label(self):
        for t, l, s in reversed(self.stack):
            if l is not None:
                return l
        return None
    def _skipping(self):
        return any(s for _, _, s in self.stack)
    def flush(self):
        if not self.buf:
            return
        disp = ''.join(' ' if k == 'br' else v for k, v, _ in self.buf)
        nothing = ''.join('' if k == 'br' else v for k, v, _ in self.buf)
        space = ' '.join(' ' if k == 'br' else v for k, v, _ in self.buf)
        labels = {l for k, v, l in self.buf if k == 't' and v.strip()}
        self.buf = []
        if not norm(disp):
            return
        self.out.append({'text': norm(disp), 'nothing': norm(nothing),
                         'space': norm(space), 'labels': labels})
    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        skip = tag in SKIP or _hidden(attrs)
        if tag == 'br':
            if not self._skipping():
                self.buf.append(('br', '', None))
            return
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, d.get('data-l'), skip))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        if tag not in INLINE:
            self.flush()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
    def handle_data(self, data):
        if self._skipping():
            return
        self.buf.append(('t', data, self._label()))
    def close(self):
        super().close()
        self.flush()

def extract_html(src):
    p = P()
    p.feed(src)
    p.close()
    res = []
    for o in p.out:
        labs = o.pop('labels')
        if len(labs) > 1:
            raise ValueError('mixed labels %r in paragraph: %s' % (labs, o['text'][:80]))
        o['label'] = next(iter(labs)) if labs else None
        res.append(o)
    return res

def extract_txt(src, annotated=False):
    res = []
    for line in src.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, line = line.split('|', 1)
            lab = lab.strip()
        t = norm(line)
        res.append({'text': t, 'nothing': t, 'space': t, 'label': lab})
    return res

def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        s = f.read()
    if path.endswith('.txt'):
        return extract_txt(s, annotated)
    return extract_html(s)
