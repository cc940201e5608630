"""Check published pages against held-out.jsonl and the annotated sources."""
import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic',
          'unsourced_rumour', 'fabricated_author_bio'}
errs = []
rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
byfile = collections.defaultdict(list)
for r in rows:
    byfile[r['file']].append(r)
    if r['label'] not in LABELS:
        errs.append(f'bad label {r}')
files = sorted(os.listdir(SRC))
total = 0
counts = collections.Counter()
for f in files:
    pub_path = os.path.join(ROOT, f)
    pub = open(pub_path, encoding='utf-8').read()
    if re.search(r'\sdata-l=', pub):
        errs.append(f'{f}: annotation leaked')
    if f.endswith('.txt') and any(re.match(r'^\s*[a-z_]+\?\|', l) or re.match(r'^(%s)\|' % '|'.join(LABELS), l) for l in pub.splitlines()):
        errs.append(f'{f}: label prefix leaked')
    m = re.search(r'charset=["\']?([\w-]+)', pub, re.I)
    if m and m.group(1).lower() != 'utf-8':
        errs.append(f'{f}: charset {m.group(1)}')
    paras = extract(pub_path)
    src_paras = extract(os.path.join(SRC, f), annotated=True)
    if [p['text'] for p in paras] != [p['text'] for p in src_paras]:
        errs.append(f'{f}: published paragraphs differ from source')
    total += len(paras)
    frows = byfile.get(f, [])
    if not frows:
        errs.append(f'{f}: no rows')
    for r in frows:
        if not any(r['contains'] in p['text'] and r['contains'] in p['nothing'] for p in paras):
            errs.append(f'{f}: row matches nothing: {r["contains"]}')
    for p, sp in zip(paras, src_paras):
        want = sp['labels'][0].rstrip('?')
        m_own = [r for r in frows if r['contains'] in p['text'] and r['contains'] in p['nothing']]
        if not m_own:
            errs.append(f'{f}: paragraph unmatched: {p["text"][:70]}')
        bad = [r for r in frows if r['contains'].lower() in p['text'].lower() and r['label'] != want]
        if bad:
            errs.append(f'{f}: label conflict on "{p["text"][:60]}": {[b["label"] for b in bad]} vs {want}')
        counts[want] += 1
    dist = set(p['text'] for p in paras)
    if len(dist) != len(frows):
        errs.append(f'{f}: {len(dist)} distinct paragraphs but {len(frows)} rows')
print(f'pages: {len(files)}  paragraphs: {total}  rows: {len(rows)}')
print('paragraph label counts:', dict(sorted(counts.items())))
print('row label counts:', dict(sorted(collections.Counter(r['label'] for r in rows).items())))
print('unclear rows:', sum(1 for r in rows if not r['clear']))
for e in errs:
    print('ERROR', e)
print('PASS' if not errs and total >= 450 and len(files) == 12 else 'FAIL')
