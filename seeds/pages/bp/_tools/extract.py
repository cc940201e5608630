"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re
from html.parser import HTMLParser

BLOCKS = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
SKIP = {'script','style','template','noscript','title'}
VOID = {'br','img','meta','link','input','hr','source','wbr','col','area','base','embed','param','track'}
CONTAINER_BREAK = {'div','section','nav','article','aside','header','footer','main','body','html','ul','ol','dl',
                   'table','tr','tbody','thead','tfoot','form','figure','details','fieldset','label','amp-accordion',
                   'amp-carousel','amp-sidebar','time-container','address','menu','caption','select','option','textarea'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, label, hidden)
        self.paras = []          # dicts
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
            a = norm(''.join(self.cur['a'])); b = norm(''.join(self.cur['b']))
            if b:
                self.paras.append({'text': b, 'text_nosp': a, 'label': self.cur['label']})
        self.cur = None
    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag in SKIP:
            self.skip += 1; return
        if tag in VOID:
            if tag == 'br' and self.cur is not None:
                self.cur['a'].append('\n'); self.cur['b'].append('\n')
            return
        hidden = 'hidden' in d or re.search(r'display\s*:\s*none', d.get('style') or '') is not None
        if tag in BLOCKS or tag in CONTAINER_BREAK:
            self.flush()
        self.stack.append((tag, d.get('data-l'), hidden))
    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1); return
        if tag in VOID:
            return
        if tag in BLOCKS or tag in CONTAINER_BREAK:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if self.cur is not None:
            self.cur['b'].append(' ')
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
    def handle_data(self, data):
        if self.skip or self._hidden():
            return
        if self.cur is None:
            if not data.strip():
                return
            self.cur = {'a': [], 'b': [], 'label': self._label()}
        self.cur['a'].append(data); self.cur['b'].append(data)

# inline tag boundaries: add a space in 'b' mode at inline starts too
class Extractor2(Extractor):
    def handle_starttag(self, tag, attrs):
        if self.cur is not None and tag not in SKIP and tag not in VOID:
            self.cur['b'].append(' ')
        super().handle_starttag(tag, attrs)

def extract_html(src):
    p = Extractor2(); p.feed(src); p.close(); p.flush()
    return p.paras

def extract_txt(src, labelled=False):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        if labelled:
            lab, _, text = line.partition('|')
            out.append({'text': norm(text), 'text_nosp': norm(text), 'label': lab.strip()})
        else:
            out.append({'text': norm(line), 'text_nosp': norm(line), 'label': None})
    return out

def extract_file(path, labelled=False):
    src = open(path, encoding='utf-8').read()
    if path.endswith('.txt'):
        return extract_txt(src, labelled)
    return extract_html(src)
