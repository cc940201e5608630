"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re, sys
from html.parser import HTMLParser

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
CONTAINER = {'div','section','nav','article','header','footer','aside','main','form','ul','ol','dl','table','thead',
             'tbody','tfoot','tr','details','figure','body','html','fieldset','address','hgroup','menu','caption'}
SKIP = {'script','style','template','noscript','head','title'}
VOID = {'br','img','input','meta','link','hr','source','wbr','col','area','base','embed','param','track'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, hidden)
        self.paras = []          # dicts
        self.buf_n = []; self.buf_s = []; self.buf_label = None
    def _label(self):
        for t, l, h in reversed(self.stack):
            if l is not None: return l
        return None
    def _hidden(self):
        return any(h for t, l, h in self.stack)
    def flush(self):
        n = norm(''.join(self.buf_n)); s = norm(' '.join(self.buf_s))
        if n:
            self.paras.append({'text': n, 'text_space': s, 'label': self.buf_label})
        self.buf_n = []; self.buf_s = []; self.buf_label = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'br':
            self.buf_n.append(' '); self.buf_s.append(' '); return
        if tag in VOID: return
        if tag in BLOCK or tag in CONTAINER: self.flush()
        style = (a.get('style') or '').replace(' ', '').lower()
        hidden = tag in SKIP or 'hidden' in a or 'display:none' in style or a.get('aria-hidden') == 'true'
        self.stack.append((tag, a.get('data-l'), hidden))
    def handle_endtag(self, tag):
        if tag in VOID: return
        if tag in BLOCK or tag in CONTAINER: self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]; break
    def handle_data(self, data):
        if self._hidden() or not data.strip() and not self.buf_n:
            return
        if self.buf_label is None and data.strip():
            self.buf_label = self._label()
        self.buf_n.append(data); self.buf_s.append(data)
    def close(self):
        super().close(); self.flush()

def extract_html(text):
    p = Extractor(); p.feed(text); p.close(); return p.paras

def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip(): continue
        label = None
        if annotated:
            label, line = line.split('|', 1)
            label = label.strip()
        t = norm(line)
        if t: out.append({'text': t, 'text_space': t, 'label': label})
    return out

def extract_file(path, annotated=False):
    text = open(path, encoding='utf-8').read()
    return extract_txt(text, annotated) if path.endswith('.txt') else extract_html(text)

if __name__ == '__main__':
    for p in extract_file(sys.argv[1], len(sys.argv) > 2):
        print(p['label'], '|', p['text'])
