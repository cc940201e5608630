"""Paragraph extractor (stdlib html.parser) following BRIEF rules."""
import html.parser, re, sys
BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','td','th','dt','dd','summary','figcaption','pre','blockquote','button'}
INLINE = {'a','span','strong','b','em','i','u','small','time','abbr','mark','sup','sub','code','label','img','br','cite','q','s','del','ins','bdi','data','wbr'}
VOID = {'br','img','input','meta','link','hr','source','wbr','area','base','col','embed','param','track'}
SKIP = {'script','style','template','noscript','head','svg'}
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []   # (tag, label, hidden)
        self.parts = []   # (text, label)
        self.paras = []
    def _hidden(self):
        return any(h for _, _, h in self.stack)
    def _label(self):
        for _, l, _ in reversed(self.stack):
            if l is not None:
                return l
        return None
    def flush(self):
        if not self.parts:
            return
        nothing = norm(''.join(t for t, _ in self.parts))
        space = norm(' '.join(t for t, _ in self.parts))
        labs = {l for t, l in self.parts if t.strip()}
        self.parts = []
        if space:
            self.paras.append({'nothing': nothing, 'space': space, 'labels': labs})
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'br':
            if not self._hidden():
                self.parts.append(('\n', self._label()))
            return
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        hid = (tag in SKIP or 'hidden' in a or a.get('aria-hidden') == 'true'
               or 'display:none' in (a.get('style') or '').replace(' ', ''))
        self.stack.append((tag, a.get('data-l'), hid))
    def handle_startendtag(self, tag, attrs):
        if tag == 'br':
            self.handle_starttag(tag, attrs)
        elif tag not in INLINE:
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
        if self._hidden():
            return
        self.parts.append((data, self._label()))
    def close(self):
        super().close()
        self.flush()

def extract_html(text):
    p = P(); p.feed(text); p.close()
    return p.paras

def extract_txt(text, labelled=False):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        lab = None
        if labelled:
            lab, line = line.split('| ', 1)
        t = norm(line)
        out.append({'nothing': t, 'space': t, 'labels': {lab}})
    return out

def extract(path, labelled=False):
    text = open(path, encoding='utf-8').read()
    if path.endswith('.txt'):
        return extract_txt(text, labelled)
    return extract_html(text)

if __name__ == '__main__':
    for para in extract(sys.argv[1], labelled='_src' in sys.argv[1]):
        print(sorted(x or '-' for x in para['labels']), para['space'])
