"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re
from html.parser import HTMLParser

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary',
         'figcaption','pre','blockquote','button'}
INLINE = {'a','span','strong','b','em','i','u','small','time','label','abbr','cite',
          'code','mark','sup','sub','img','br','s','q','font','wbr','bdi','data',
          'var','kbd','ins','del','amp-img','svg','path','picture','source'}
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','param',
        'source','track','wbr'}
SKIP = {'script','style','template','noscript','head','title'}
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic',
          'unsourced_rumour','fabricated_author_bio'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

def is_hidden(attrs):
    d = dict(attrs)
    if 'hidden' in d: return True
    if (d.get('aria-hidden') or '').lower() == 'true': return True
    st = (d.get('style') or '').replace(' ', '').lower()
    return 'display:none' in st or 'visibility:hidden' in st

class Ex(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, skip)
        self.buf = []     # (text, label)
        self.paras = []
    def flush(self):
        chunks = [c for c in self.buf if c[0] != '\n']
        sp = norm(' '.join(c[0] for c in self.buf))
        no = norm(''.join(c[0] for c in self.buf if c[0] != '\n'))
        if sp:
            labs = {c[1] for c in chunks if c[0].strip()}
            self.paras.append({'space': sp, 'nothing': no, 'labels': labs})
        self.buf = []
    def cur(self):
        lab, skip = None, False
        for t, l, s in self.stack:
            if l is not None: lab = l
            if s: skip = True
        return lab, skip
    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == 'br':
            self.buf.append(('\n', None)); return
        if tag not in INLINE: self.flush()
        if tag in VOID: return
        self.stack.append((tag, d.get('data-l'), tag in SKIP or is_hidden(attrs)))
    def handle_startendtag(self, tag, attrs):
        if tag == 'br':
            self.buf.append(('\n', None)); return
        if tag not in INLINE: self.flush()
    def handle_endtag(self, tag):
        if tag in VOID: return
        if tag not in INLINE: self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]; break
    def handle_data(self, data):
        lab, skip = self.cur()
        if skip: return
        self.buf.append((data, lab))
    def close(self):
        super().close(); self.flush()

def extract_html(text):
    p = Ex(); p.feed(text); p.close()
    return p.paras

def extract_txt(text, labelled=False):
    out = []
    for line in text.split('\n'):
        if not line.strip(): continue
        lab = None
        if labelled:
            lab, line = line.split('|', 1)
            lab = lab.strip()
        t = norm(line)
        if t: out.append({'space': t, 'nothing': t, 'labels': {lab} if lab else set()})
    return out

def extract(path, labelled=False):
    text = open(path, encoding='utf-8').read()
    if path.endswith('.txt'): return extract_txt(text, labelled)
    return extract_html(text)
