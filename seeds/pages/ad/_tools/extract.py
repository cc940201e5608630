"""Paragraph extractor (stdlib html.parser) following the brief's rules."""
import html.parser, re, sys, json

BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary',
         'figcaption','pre','blockquote','button'}
INLINE = {'a','span','strong','b','em','i','u','small','sup','sub','abbr','time','code',
          'mark','label','cite','q','s','del','ins','kbd','var','data','font','bdi','bdo',
          'img','br','wbr','svg','path','use','picture','source'}
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','param',
        'source','track','wbr'}
SKIP = {'script','style','template','noscript','head','title'}
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic',
          'unsourced_rumour','fabricated_author_bio'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # (tag, label, skip)
        self.pieces = []     # (text, label)
        self.paras = []      # dicts
    def _hidden(self, tag, attrs):
        d = dict(attrs)
        if tag in SKIP: return True
        if 'hidden' in d: return True
        st = (d.get('style') or '').replace(' ', '').lower()
        return 'display:none' in st or 'visibility:hidden' in st
    def flush(self):
        if not self.pieces:
            return
        texts = [t for t, _ in self.pieces]
        nothing = norm(''.join(texts))
        space = norm(' '.join(texts))
        labels = {l for t, l in self.pieces if t.strip()}
        self.pieces = []
        if space:
            self.paras.append({'text': space, 'nothing': nothing, 'labels': labels})
    def cur(self):
        label, skip = None, False
        for t, l, s in self.stack:
            if l is not None: label = l
            if s: skip = True
        return label, skip
    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        d = dict(attrs)
        self.stack.append((tag, d.get('data-l'), self._hidden(tag, attrs)))
    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE:
            self.flush()
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag not in INLINE:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        label, skip = self.cur()
        if skip:
            return
        self.pieces.append((data, label))
    def close(self):
        super().close(); self.flush()

def extract_html(text):
    p = P(); p.feed(text); p.close()
    return p.paras

def extract_txt(text, annotated=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        labels = set()
        if annotated:
            lab, _, line = line.partition('| ')
            labels = {lab.strip()}
        t = norm(line)
        out.append({'text': t, 'nothing': t, 'labels': labels})
    return out

def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)

if __name__ == '__main__':
    for para in extract_file(sys.argv[1], annotated='--src' in sys.argv):
        print(sorted(para['labels']), para['text'])
