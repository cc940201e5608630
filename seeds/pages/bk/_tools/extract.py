"""Paragraph extractor (stdlib html.parser) following BRIEF.md rules."""
import re
from html.parser import HTMLParser

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary',
         'figcaption','pre','blockquote','button'}
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source',
        'track','wbr','param'}
SKIP = {'script','style','template','noscript','head','title','svg'}
INLINE = {'a','span','strong','em','b','i','u','small','time','label','abbr','sup',
          'sub','code','cite','mark','font','s','q','kbd','var','data','ins','del','img','bdi'}
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic',
          'unsourced_rumour','fabricated_author_bio'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class Para:
    def __init__(self, pieces, labels):
        self.nothing = norm(''.join(p for p in pieces if p is not None))
        self.space = norm(''.join(p if p is not None else ' ' for p in pieces))
        self.chunks = [norm(p) for p in pieces if p and p.strip()]
        self.labels = labels

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, skipping)
        self.paras = []
        self.pieces = []
        self.labels = []
    def _lab(self):
        return self.stack[-1][1] if self.stack else None
    def _skip(self):
        return self.stack[-1][2] if self.stack else False
    def flush(self):
        p = Para(self.pieces, self.labels)
        if p.nothing:
            self.paras.append(p)
        self.pieces, self.labels = [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'br':
            self.pieces.append(None); self.pieces.append('\n'); return
        if tag in VOID:
            if tag == 'hr': self.flush()
            else: self.pieces.append(None)
            return
        if tag not in INLINE: self.flush()
        else: self.pieces.append(None)
        hidden = ('hidden' in a or 'display:none' in (a.get('style') or '').replace(' ', '')
                  or tag in SKIP)
        lab = a.get('data-l', None) or self._lab()
        self.stack.append((tag, lab, self._skip() or hidden))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID: return
        if any(t == tag for t, _, _ in self.stack):
            while self.stack:
                t, _, _ = self.stack.pop()
                if t == tag: break
        if tag not in INLINE: self.flush()
        else: self.pieces.append(None)
    def handle_data(self, d):
        if self._skip(): return
        self.pieces.append(d)
        if d.strip(): self.labels.append(self._lab())
    def close(self):
        super().close(); self.flush()

def html_paragraphs(text):
    e = Extractor(); e.feed(text); e.close()
    return e.paras

def txt_paragraphs(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip(): continue
        lab = None
        if labelled:
            lab, line = line.split('|', 1)
            lab = lab.strip()
        p = Para([line], [lab]); out.append(p)
    return out

def paragraphs(path, labelled=False):
    text = open(path, encoding='utf-8').read()
    if path.endswith('.txt'):
        return txt_paragraphs(text, labelled)
    return html_paragraphs(text)

def base_label(lab):
    return lab.rstrip('?') if lab else lab
