"""Paragraph extractor (stdlib html.parser) following the brief's rules.
Returns list of dicts: text_sp (tags->space), text_no (tags->nothing), labels (set from data-l)."""
import re
from html.parser import HTMLParser

INLINE = {'a','span','strong','em','b','i','u','small','br','time','abbr','code','mark','sup','sub',
          'img','label','cite','q','s','wbr','svg','path','bdi','kbd','var','data','font','input'}
SKIP = {'script','style','template','noscript','head','title'}
VOID = {'br','img','input','meta','link','hr','wbr','source','area','base','col','embed','param','track'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, label, hidden)
        self.paras = []
        self.cur_sp = []; self.cur_no = []; self.cur_lab = []
        self.skip = 0
    def flush(self):
        sp = norm(''.join(self.cur_sp)); no = norm(''.join(self.cur_no))
        if sp:
            self.paras.append({'text_sp': sp, 'text_no': no, 'labels': list(self.cur_lab)})
        self.cur_sp = []; self.cur_no = []; self.cur_lab = []
    def _label(self):
        for t, l, h in reversed(self.stack):
            if l is not None:
                return l
        return None
    def _hidden(self):
        return any(h for t, l, h in self.stack)
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIP:
            if tag not in VOID: self.skip += 1
            return
        if self.skip: return
        if tag not in INLINE:
            self.flush()
        else:
            self.cur_sp.append(' ')
        if tag in VOID: return
        hidden = ('hidden' in a) or bool(re.search(r'display\s*:\s*none', a.get('style') or '')) or a.get('aria-hidden') == 'true'
        self.stack.append((tag, a.get('data-l'), hidden))
    def handle_startendtag(self, tag, attrs):
        if self.skip or tag in SKIP: return
        if tag not in INLINE: self.flush()
        else: self.cur_sp.append(' ')
    def handle_endtag(self, tag):
        if tag in SKIP:
            if tag not in VOID: self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in VOID: return
        if tag not in INLINE:
            self.flush()
        else:
            self.cur_sp.append(' ')
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
    def handle_data(self, d):
        if self.skip or self._hidden(): return
        self.cur_sp.append(d); self.cur_no.append(d)
        if d.strip():
            self.cur_lab.append(self._label())
    def close(self):
        super().close(); self.flush()

def extract_html(src):
    p = P(); p.feed(src); p.close(); return p.paras

def extract_txt(src, annotated=False):
    out = []
    for line in src.splitlines():
        if not line.strip(): continue
        if annotated:
            lab, _, text = line.partition('| ')
            t = norm(text)
            out.append({'text_sp': t, 'text_no': t, 'labels': [lab.strip()]})
        else:
            t = norm(line); out.append({'text_sp': t, 'text_no': t, 'labels': []})
    return out
