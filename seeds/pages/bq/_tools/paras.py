"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import re
from html.parser import HTMLParser

PARA = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
CONTAINER = {'div','section','nav','header','footer','article','aside','main','body','html','form','ul','ol','dl',
             'table','thead','tbody','tfoot','tr','figure','details','fieldset','address','menu','dialog','center'}
BLOCK = PARA | CONTAINER
SKIP = {'script','style','template','noscript','head','title'}
VOID = {'br','img','meta','link','input','hr','source','wbr','area','base','col','embed','param','track'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []       # (tag, label, hidden)
        self.paras = []       # dicts: segs(list of str), labels(set)
        self.cur = None
        self.skip = 0
    def _label(self):
        for t, l, h in reversed(self.stack):
            if l is not None:
                return l
        return None
    def _hidden(self):
        return any(h for t, l, h in self.stack)
    def flush(self):
        if self.cur is not None:
            segs = [s for s in self.cur['segs']]
            txt_sp = norm(' '.join(segs))
            if txt_sp:
                self.cur['text'] = txt_sp
                self.cur['text_nosp'] = norm(''.join(segs))
                self.paras.append(self.cur)
        self.cur = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIP:
            if tag != 'head' and tag != 'title':
                self.skip += 1
            else:
                self.skip += 1
            return
        if tag == 'br':
            if self.cur is not None:
                self.cur['segs'].append('\n')
            return
        if tag in VOID:
            return
        if tag in BLOCK:
            self.flush()
        elif self.cur is not None:
            self.cur['segs'].append('')
        hidden = ('hidden' in a) or ('display:none' in (a.get('style') or '').replace(' ', '')) or a.get('aria-hidden') == 'true'
        self.stack.append((tag, a.get('data-l'), hidden))
    def handle_startendtag(self, tag, attrs):
        if tag == 'br' and self.cur is not None:
            self.cur['segs'].append('\n')
    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return
        if tag in BLOCK:
            self.flush()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag not in BLOCK:
            # an inline end: new segment boundary
            if self.cur is not None:
                self.cur['segs'].append('')
    def handle_data(self, data):
        if self.skip or self._hidden():
            return
        if not data.strip() and self.cur is None:
            return
        if self.cur is None:
            self.cur = {'segs': [], 'labels': []}
        self.cur['segs'].append(data)
        if data.strip():
            self.cur['labels'].append(self._label())

def extract_html(src):
    p = Extractor()
    p.feed(src)
    p.close()
    p.flush()
    out = []
    for d in p.paras:
        labs = set(d['labels'])
        out.append({'text': d['text'], 'text_nosp': d['text_nosp'], 'segs': d['segs'], 'labels': labs})
    return out

def extract_txt(src, annotated=False):
    out = []
    for line in src.splitlines():
        if not line.strip():
            continue
        if annotated:
            lab, _, txt = line.partition('|')
            txt = txt.strip()
            out.append({'text': norm(txt), 'text_nosp': norm(txt), 'segs': [txt], 'labels': {lab.strip()}})
        else:
            out.append({'text': norm(line), 'text_nosp': norm(line), 'segs': [line], 'labels': set()})
    return out
