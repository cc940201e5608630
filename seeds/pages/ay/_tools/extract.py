"""Paragraph extractor (stdlib html.parser) following BRIEF.md paragraph rules.
Works on both annotated sources (returns labels) and published pages (labels None)."""
import re
from html.parser import HTMLParser

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary',
         'figcaption','pre','blockquote','button'}
CONTAINER = {'div','section','nav','article','header','footer','main','aside','body','html',
             'form','ul','ol','dl','table','thead','tbody','tfoot','tr','details','figure',
             'fieldset','address','menu','hgroup','caption'}
SKIP = {'script','style','template','noscript','head','title','svg'}
VOID = {'br','img','meta','link','input','hr','source','wbr','area','base','col','embed','track','param'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, hidden)
        self.pieces = []  # (text, label)
        self.paras = []
    def _label(self):
        for t, l, h in reversed(self.stack):
            if l is not None:
                return l
        return None
    def _hidden(self):
        return any(h for t, l, h in self.stack)
    def flush(self):
        if self.pieces:
            a = norm(''.join(p for p, _ in self.pieces))
            b = norm(' '.join(p for p, _ in self.pieces))
            labels = {l for p, l in self.pieces if p.strip()}
            if a:
                self.paras.append({'a': a, 'b': b, 'labels': labels})
        self.pieces = []
    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        if tag in VOID:
            return
        hidden = (tag in SKIP or 'hidden' in d or d.get('aria-hidden') == 'true'
                  or 'display:none' in (d.get('style') or '').replace(' ', ''))
        self.stack.append((tag, d.get('data-l'), hidden))
    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in BLOCK or tag in CONTAINER:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        if self._hidden():
            return
        self.pieces.append((data, self._label()))
    def close(self):
        super().close()
        self.flush()

def extract_html(text):
    p = _P(); p.feed(text); p.close()
    out = []
    for para in p.paras:
        labels = para['labels']
        if len(labels) > 1:
            raise ValueError('mixed labels %r in paragraph: %s' % (labels, para['a'][:80]))
        out.append({'a': para['a'], 'b': para['b'], 'label': next(iter(labels)) if labels else None})
    return out

def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if annotated:
            lab, line = line.split('| ', 1)
        t = norm(line)
        out.append({'a': t, 'b': t, 'label': lab})
    return out

def extract(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)

if __name__ == '__main__':
    import sys
    for para in extract(sys.argv[1], annotated='_src' in sys.argv[1]):
        print(para['label'], '|', para['a'])
