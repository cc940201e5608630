#!/usr/bin/env python3
"""Re-extract paragraphs from the published pages and check held-out.jsonl against them."""
import os, sys, json, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(BASE, 'held-out.jsonl'), encoding='utf-8')]
files = sorted(f for f in os.listdir(os.path.join(BASE, '_src')))
fails = []
byfile = collections.defaultdict(list)
for r in rows: byfile[r['file']].append(r)
npara = 0
for fn in files:
    path = os.path.join(BASE, fn)
    if not os.path.exists(path): fails.append(f'missing published {fn}'); continue
    raw = open(path, encoding='utf-8').read()
    if 'data-l=' in raw: fails.append(f'{fn}: annotation leaked')
    if fn.endswith('.txt') and any(l.split('| ')[0].rstrip('?') in ('credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio') for l in raw.splitlines() if '| ' in l):
        fails.append(f'{fn}: txt label leaked')
    paras = extract_file(path)
    npara += len(paras)
    src = extract_file(os.path.join(BASE, '_src', fn), labelled=True)
    if [p['text_sp'] for p in src] != [p['text_sp'] for p in paras]:
        fails.append(f'{fn}: published paragraphs differ from source')
    srclab = {p['text_sp']: p['labels'][0].rstrip('?') for p in src}
    matched = [False] * len(paras)
    for r in byfile[fn]:
        hits = [i for i, p in enumerate(paras) if r['contains'] in p['text_sp'] and r['contains'] in p['text_nosp']]
        if not hits: fails.append(f'{fn}: row matches nothing: {r["contains"]}')
        lc = r['contains'].lower()
        for i, p in enumerate(paras):
            if lc in p['text_sp'].lower() or lc in p['text_nosp'].lower():
                if srclab.get(p['text_sp']) != r['label']:
                    fails.append(f'{fn}: row {r["contains"]!r} ({r["label"]}) hits paragraph labelled {srclab.get(p["text_sp"])}')
        for i in hits:
            matched[i] = True
    for i, m in enumerate(matched):
        if not m: fails.append(f'{fn}: paragraph unmatched: {paras[i]["text_sp"][:80]}')
    if not byfile[fn]: fails.append(f'{fn}: no rows')
extra = set(byfile) - set(files)
if extra: fails.append(f'rows for unknown files {extra}')
cnt = collections.Counter(r['label'] for r in rows)
print('files:', len(files), 'paragraphs:', npara, 'rows:', len(rows))
print('labels:', dict(sorted(cnt.items())))
print('per file:', {f: len(byfile[f]) for f in files})
for f in fails: print('FAIL', f)
print('PASS' if not fails and len(files) == 12 and len(rows) >= 450 else 'FAIL')
