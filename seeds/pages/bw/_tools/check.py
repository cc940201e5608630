#!/usr/bin/env python3
"""Re-extract paragraphs from the PUBLISHED pages and check held-out.jsonl."""
import os, re, json, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic',
          'unsourced_rumour', 'fabricated_author_bio'}


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    by_file = defaultdict(list)
    for r in rows:
        if set(r) != {'file', 'contains', 'label', 'clear'}:
            errs.append(f'bad row keys {r}')
        if r['label'] not in LABELS:
            errs.append(f'bad label {r}')
        by_file[r['file']].append(r)
    pages = sorted(n for n in os.listdir(ROOT) if n.startswith('bw') and n.endswith(('.html', '.txt')))
    if len(pages) != 12:
        errs.append(f'expected 12 pages, found {len(pages)}')
    for name in pages:
        raw = open(os.path.join(ROOT, name), encoding='utf-8').read()
        if 'data-l=' in raw:
            errs.append(f'{name}: annotation leaked (data-l)')
        if name.endswith('.txt') and re.search(r'^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|', raw, re.M):
            errs.append(f'{name}: annotation leaked (label prefix)')
        m = re.search(r'<meta[^>]+charset=["\']?([\w-]+)', raw, re.I)
        if m and m.group(1).lower() not in ('utf-8', 'utf8'):
            errs.append(f'{name}: declares non-UTF-8 charset {m.group(1)}')
        paras = extract_file(os.path.join(ROOT, name))
        srcp = extract_file(os.path.join(SRC, name), annotated=True)
        if [p['space'] for p in paras] != [p['space'] for p in srcp]:
            errs.append(f'{name}: published paragraphs differ from source')
            continue
        truth = [(p, sp['label'].rstrip('?'), not sp['label'].endswith('?')) for p, sp in zip(paras, srcp)]
        frows = by_file.get(name, [])
        if not frows:
            errs.append(f'{name}: no rows')
        matched = [False] * len(truth)
        for r in frows:
            c = r['contains']
            n = len(c.split())
            hits = []
            for i, (p, lab, clear) in enumerate(truth):
                if c in p['space'] and c in p['nospace']:
                    hits.append(i)
                    if lab != r['label']:
                        errs.append(f'{name}: label mismatch {r["label"]} vs {lab}: {c}')
                    if clear != r['clear']:
                        errs.append(f'{name}: clear mismatch: {c}')
                    matched[i] = True
            if not hits:
                errs.append(f'{name}: row matches no paragraph: {c}')
                continue
            whole = any(c == truth[i][0]['space'] for i in hits)
            if not (5 <= n <= 12 or whole):
                errs.append(f'{name}: contains length {n} and not whole text: {c}')
            cl = c.lower()
            for p, lab, clear in truth:
                if lab != r['label'] and (cl in p['space'].lower() or cl in p['nospace'].lower()):
                    errs.append(f'{name}: contains occurs in a {lab} paragraph: {c}')
        for ok, (p, lab, clear) in zip(matched, truth):
            if not ok:
                errs.append(f'{name}: unmatched paragraph [{lab}] {p["space"][:70]}')
        texts = Counter(p['space'] for p, _, _ in truth)
        if len(frows) != len(texts):
            errs.append(f'{name}: {len(frows)} rows but {len(texts)} distinct paragraphs')
    cnt = Counter(r['label'] for r in rows)
    print('pages', len(pages), 'rows', len(rows))
    for k in sorted(LABELS):
        print(f'  {k}: {cnt.get(k, 0)}')
    print('unclear rows', sum(1 for r in rows if not r['clear']))
    for e in errs:
        print('FAIL', e)
    print('PASS' if not errs else f'FAILED ({len(errs)} problems)')
    return 1 if errs else 0


if __name__ == '__main__':
    sys.exit(main())
