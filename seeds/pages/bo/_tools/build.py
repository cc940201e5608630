"""Strip annotations from _src/, write published pages and held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_html, extract_txt
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def choose(text_sp, text_no, others):
    words = text_sp.split(' ')
    lo_others = [o.lower() for o in others]
    def ok(c):
        return c in text_sp and c in text_no and not any(c.lower() in o for o in lo_others)
    if len(words) < 5 and ok(text_sp): return text_sp
    best = None
    for n in range(6, 13) if len(words) >= 6 else [len(words)]:
        for i in range(0, len(words) - n + 1):
            c = ' '.join(words[i:i+n])
            if ok(c):
                if not (set(c) & BAD): return c
                if best is None: best = c
        if best and n >= 9: return best
    for n in [5]:
        for i in range(0, len(words) - n + 1):
            c = ' '.join(words[i:i+n])
            if ok(c): return c
    if best: return best
    if ok(text_sp): return text_sp
    for ws in (words, text_no.split(' ')):
        for n in range(min(5, len(ws)), 0, -1):
            for i in range(0, len(ws) - n + 1):
                c = ' '.join(ws[i:i+n])
                if len(c) > 3 and ok(c): return c
    raise SystemExit('no unique window: %r' % text_sp)

rows = []
for fn in sorted(os.listdir(SRC)):
    path = os.path.join(SRC, fn)
    src = open(path, encoding='utf-8').read()
    if fn.endswith('.txt'):
        paras = extract_txt(src, annotated=True)
        pub = '\n'.join(l.partition('| ')[2] for l in src.splitlines() if l.strip()) + '\n'
    else:
        paras = extract_html(src)
        pub = re.sub(r'\s+data-l="[^"]*"', '', src)
    open(os.path.join(BASE, fn), 'w', encoding='utf-8').write(pub)
    items = {}
    for p in paras:
        labs = set(p['labels'])
        if len(labs) != 1 or None in labs:
            raise SystemExit('%s: bad labels %r for %r' % (fn, labs, p['text_sp']))
        lab = labs.pop(); clear = not lab.endswith('?'); lab = lab.rstrip('?')
        if lab not in LABELS: raise SystemExit('%s: unknown label %s' % (fn, lab))
        key = p['text_sp']
        if key in items and items[key][0] != lab:
            raise SystemExit('%s: same text two labels %r' % (fn, key))
        items.setdefault(key, (lab, clear, p['text_no']))
    for key, (lab, clear, tno) in items.items():
        others = [k for k, v in items.items() if v[0] != lab]
        rows.append({'file': fn, 'contains': choose(key, tno, others), 'label': lab, 'clear': clear})
with open(os.path.join(BASE, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
print('built', len(rows), 'rows')
