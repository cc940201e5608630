"""Shared paragraph extractor (html.parser only)."""
from html.parser import HTMLParser
import re

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
CONTAINER = {'div','section','article','aside','header','footer','nav','main','address','ul','ol','dl','table','tr',
             'tbody','thead','tfoot','form','details','figure','body','html','fieldset','menu','caption'}
SKIP = {'script','style','template','head','noscript','title','svg'}
VOID = {'br','img','input','meta','link','hr','source','wbr','area','col','embed','param','track'}

def fold(s):
    return re.sub(r'\s+', ' ', s).strip()

class Extractor(HTMLParser):
    """paragraphs: list of dicts {label, segs(list of text-node strings), text_sp, text_nosp}"""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, is_para_owner, hidden)
        self.bufs = []    # stack of open paragraph buffers: dict
        self.paras = []
        self.skip = 0
        self.hidden = 0
    def _label(self):
        for t in reversed(self.stack):
            if t[1] is not None:
                return t[1]
        return None
    def _newbuf(self):
        return {'label': self._label(), 'sp': [], 'nosp': [], 'segs': [[]]}
    def _flush(self, buf):
        sp = fold(''.join(buf['sp'])); nosp = fold(''.join(buf['nosp']))
        if sp:
            segs = [fold(''.join(s)) for s in buf['segs']]
            self.paras.append({'label': buf['label'], 'text': sp, 'text_nosp': nosp,
                               'segs': [s for s in segs if s]})
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.skip:
            if tag in SKIP: self.skip += 1
            return
        if tag in SKIP:
            self.skip = 1; return
        hid = ('hidden' in a) or (a.get('aria-hidden') == 'true') or \
              ('display:none' in (a.get('style') or '').replace(' ', ''))
        if tag in VOID:
            if tag == 'br' and self.bufs and not self.hidden:
                b = self.bufs[-1]; b['sp'].append('\n'); b['segs'].append([])
            elif self.bufs and not self.hidden:
                self.bufs[-1]['sp'].append(' '); self.bufs[-1]['segs'].append([])
            return
        owner = tag in BLOCK or tag in CONTAINER
        if owner and self.bufs and not self.hidden:
            self._flush(self.bufs[-1]); self.bufs[-1] = {'label': self.bufs[-1]['label'], 'sp': [], 'nosp': [], 'segs': [[]]}
        self.stack.append((tag, a.get('data-l'), owner, hid))
        if hid: self.hidden += 1
        if owner:
            self.bufs.append(self._newbuf())
        elif self.bufs and not self.hidden:
            self.bufs[-1]['sp'].append(' '); self.bufs[-1]['segs'].append([])
    def handle_endtag(self, tag):
        if self.skip:
            if tag in SKIP: self.skip -= 1
            return
        if tag in VOID: return
        # pop to matching tag
        idx = None
        for i in range(len(self.stack)-1, -1, -1):
            if self.stack[i][0] == tag: idx = i; break
        if idx is None: return
        while len(self.stack) > idx:
            t, l, owner, hid = self.stack.pop()
            if owner:
                b = self.bufs.pop()
                if not self.hidden: self._flush(b)
                if self.bufs:
                    self.bufs[-1] = {'label': self.bufs[-1]['label'], 'sp': [], 'nosp': [], 'segs': [[]]}
            elif self.bufs and not self.hidden:
                self.bufs[-1]['sp'].append(' '); self.bufs[-1]['segs'].append([])
            if hid: self.hidden -= 1
    def handle_data(self, data):
        if self.skip or self.hidden or not self.bufs: return
        b = self.bufs[-1]
        b['sp'].append(data); b['nosp'].append(data); b['segs'][-1].append(data)
    def close(self):
        super().close()
        while self.bufs:
            b = self.bufs.pop(); self._flush(b)

def extract_html(src):
    e = Extractor(); e.feed(src); e.close(); return e.paras

def extract_txt(src, labelled=False):
    out = []
    for line in src.splitlines():
        if not line.strip(): continue
        lab = None
        if labelled:
            lab, _, line = line.partition('| ')
            lab = lab.strip()
        t = fold(line)
        out.append({'label': lab, 'text': t, 'text_nosp': t, 'segs': [t]})
    return out
