"""Shared paragraph extraction (stdlib html.parser only)."""
from html.parser import HTMLParser
import re

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre',
         'blockquote','button','div','section','article','aside','header','footer','nav','main',
         'ul','ol','table','thead','tbody','tfoot','tr','dl','details','figure','form','fieldset',
         'body','html','caption'}
VOID = {'br','img','input','meta','link','hr','source','wbr','area','col','embed','param','track'}
SKIP = {'script','style','template','head','noscript','title'}
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour',
          'fabricated_author_bio'}

def fold(s):
    return re.sub(r'\s+', ' ', s).strip()

class Para:
    def __init__(self):
        self.chunks = []   # list of (kind, text, label, clear)
    def add(self, kind, text='', label=None, clear=True):
        self.chunks.append((kind, text, label, clear))
    def has_text(self):
        return any(k == 'T' and t.strip() for k, t, _, _ in self.chunks)
    def variants(self):
        """Return (lines_nospace, lines_spaced): lists of folded lines."""
        a, b = [], []
        for k, t, _, _ in self.chunks:
            if k == 'T':
                a.append(t); b.append(t)
            elif k == 'BR':
                a.append('\n'); b.append('\n')
            else:  # inline tag boundary
                b.append(' ')
        la = [fold(x) for x in ''.join(a).split('\n')]
        lb = [fold(x) for x in ''.join(b).split('\n')]
        return [x for x in la if x], [x for x in lb if x]
    def labels(self):
        return {(l, c) for k, t, l, c in self.chunks if k == 'T' and t.strip()}

class Extractor(HTMLParser):
    def __init__(self, annotated=False):
        super().__init__(convert_charrefs=True)
        self.annotated = annotated
        self.stack = []   # (tag, label, clear, hidden)
        self.bufs = []    # stack of Para for block elements
        self.paras = []
        self.errors = []
    def _cur(self):
        if self.stack:
            return self.stack[-1]
        return (None, None, True, False)
    def _flush(self):
        if self.bufs and self.bufs[-1].has_text():
            self.paras.append(self.bufs[-1])
        if self.bufs:
            self.bufs[-1] = Para()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        _, plab, pclear, phid = self._cur()
        hid = phid or tag in SKIP or 'hidden' in a or a.get('aria-hidden') == 'true' or \
            bool(re.search(r'display\s*:\s*none', a.get('style') or ''))
        lab = a.get('data-l', plab)
        clear = pclear if 'data-c' not in a else (a.get('data-c') != '0')
        if self.annotated and lab is not None and lab not in LABELS:
            self.errors.append('bad label %r' % lab)
        if tag == 'br':
            if self.bufs and not phid:
                self.bufs[-1].add('BR')
            return
        if tag in VOID:
            return
        self.stack.append((tag, lab, clear, hid))
        if tag in BLOCK:
            self._flush()
            self.bufs.append(Para())
        elif self.bufs:
            self.bufs[-1].add('TAG')
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i; break
        if idx is None:
            self.errors.append('stray end tag %s' % tag); return
        while len(self.stack) > idx:
            t = self.stack.pop()[0]
            if t in BLOCK:
                self._flush()
                self.bufs.pop()
            elif self.bufs:
                self.bufs[-1].add('TAG')
    def handle_data(self, data):
        tag, lab, clear, hid = self._cur()
        if hid or not self.bufs:
            if not hid and data.strip():
                self.errors.append('text outside block: %r' % data[:40])
            return
        self.bufs[-1].add('T', data, lab, clear)

def extract_html(text, annotated=False):
    e = Extractor(annotated)
    e.feed(text); e.close()
    while e.bufs:
        e._flush(); e.bufs.pop()
    return e.paras, e.errors
