#!/usr/bin/env python3
"""Re-extract paragraphs from the published pages and check held-out.jsonl."""
import os, re, sys, json, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file
from build import src_paras
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
errors = []
rows = [json.loads(l) for l in open(os.path.join(BASE, 'held-out.jsonl'), encoding='utf-8')]
byfile = collections.defaultdict(list)
for r in rows: byfile[r['file']].append(r)
pages = sorted(n for n in os.listdir(SRC))
counts = collections.Counter()
for name in pages:
    path = os.path.join(BASE, name)
    if not os.path.exists(path): errors.append(f'missing {name}'); continue
    raw = open(path, encoding='utf-8').read()
    if 'data-l=' in raw: errors.append(f'{name}: annotation leaked')
    if name.endswith('.txt') and re.search(r'^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|', raw, re.M):
        errors.append(f'{name}: txt label leaked')
    m = re.search(r'charset=["\']?([\w-]+)', raw, re.I)
    if m and m.group(1).lower() != 'utf-8': errors.append(f'{name}: charset {m.group(1)}')
    pub = extract_file(path)
    src, _ = src_paras(name, open(os.path.join(SRC, name), encoding='utf-8').read())
    if [p['space'] for p in pub] != [s[0] for s in src]:
        errors.append(f'{name}: published paragraphs differ from source'); continue
    labelled = [(p['space'], p['nospace'], s[2]) for p, s in zip(pub, src)]
    matched = [False] * len(labelled)
    for r in byfile.get(name, []):
        c = r['contains']; n = len(c.split())
        if not (n <= 12): errors.append(f'{name}: contains too long: {c}')
        hits = [i for i, (sp, ns, lab) in enumerate(labelled) if c in sp and c in ns]
        if not hits: errors.append(f'{name}: no paragraph for row: {c}'); continue
        for i in hits:
            matched[i] = True
            if labelled[i][2] != r['label']: errors.append(f'{name}: label mismatch {c}')
        for sp, ns, lab in labelled:
            if lab != r['label'] and c.lower() in sp.lower():
                errors.append(f'{name}: contains occurs in other-label paragraph: {c}')
        counts[r['label']] += 1
    for i, ok in enumerate(matched):
        if not ok: errors.append(f'{name}: unmatched paragraph: {labelled[i][0][:80]}')
print(f'pages: {len(pages)}  rows: {len(rows)}')
for k, v in sorted(counts.items()): print(f'  {k}: {v}')
if errors:
    for e in errors: print('ERROR', e)
    print('FAIL')
else:
    print('PASS')
