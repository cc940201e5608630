"""Checker: re-extract published pages and verify held-out.jsonl."""
import os, re, json, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(BASE, 'held-out.jsonl'), encoding='utf-8')]
by = defaultdict(list)
for r in rows: by[r['file']].append(r)
pages = sorted(f for f in os.listdir(BASE) if re.match(r'bp\d\d_.*\.(html|txt)$', f))
fails = 0
def fail(m):
    global fails; fails += 1; print('FAIL', m)
if len(pages) != 12: fail(f'{len(pages)} pages')
srcpaths = {f: os.path.join(BASE, '_src', f) for f in pages}
total = 0
for f in pages:
    raw = open(os.path.join(BASE, f), encoding='utf-8').read()
    if 'data-l' in raw: fail(f'{f}: annotation leaked')
    if f.endswith('.txt') and re.search(r'^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|', raw, re.M):
        fail(f'{f}: label prefix leaked')
    m = re.search(r'charset=["\']?([\w-]+)', raw, re.I)
    if f.endswith('.html') and (not m or m.group(1).lower() != 'utf-8'): fail(f'{f}: charset not utf-8')
    paras = extract_file(os.path.join(BASE, f))
    gold = extract_file(srcpaths[f], labelled=True)
    if [p['text'] for p in paras] != [g['text'] for g in gold]: fail(f'{f}: published paragraphs differ from source')
    glab = {g['text']: g['label'].rstrip('?') for g in gold}
    matched = set()
    for r in by[f]:
        hits = [p for p in paras if r['contains'] in p['text'] and r['contains'] in p['text_nosp']]
        if not hits: fail(f'{f}: row matches nothing: {r["contains"]}'); continue
        for p in paras:
            if r['contains'].lower() in p['text'].lower() and glab[p['text']] != r['label']:
                fail(f'{f}: contains hits other label: {r["contains"]}')
        for p in hits:
            matched.add(p['text'])
            if glab[p['text']] != r['label']: fail(f'{f}: label mismatch {r["contains"]}')
    for p in paras:
        if p['text'] not in matched: fail(f'{f}: unmatched paragraph: {p["text"][:60]}')
    total += len(by[f])
    print(f, len(paras), 'paragraphs', len(by[f]), 'rows', dict(Counter(r['label'] for r in by[f])))
c = Counter(r['label'] for r in rows)
print('labels', dict(c))
print('total rows', len(rows))
if len(rows) < 480: fail('fewer than 480 rows')
print('PASS' if fails == 0 else f'FAIL ({fails} problems)')
