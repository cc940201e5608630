"""Checker: re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, LABELS

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, '_src')

def main():
    problems = []
    rows = [json.loads(l) for l in open(os.path.join(BATCH, 'held-out.jsonl'), encoding='utf-8')]
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r['file']].append(r)
        if r['label'] not in LABELS:
            problems.append(f'bad label {r}')
        if not isinstance(r['clear'], bool):
            problems.append(f'bad clear {r}')
    pages = sorted(n for n in os.listdir(BATCH) if re.match(r'ad\d\d_.*\.(html|txt)$', n))
    if len(pages) != 12 or sum(p.endswith('.txt') for p in pages) != 2:
        problems.append(f'expected 12 pages incl. 2 txt, got {pages}')
    counts = collections.Counter()
    for name in pages:
        raw = open(os.path.join(BATCH, name), encoding='utf-8').read()
        if 'data-l' in raw:
            problems.append(f'{name}: annotation leaked (data-l)')
        if name.endswith('.txt') and re.search(r'^\s*(' + '|'.join(LABELS) + r')\??\|', raw, re.M):
            problems.append(f'{name}: annotation leaked (label|)')
        pub = extract_file(os.path.join(BATCH, name))
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p['text'] for p in pub] != [p['text'] for p in src]:
            problems.append(f'{name}: published paragraphs differ from source')
            continue
        for p, s in zip(pub, src):
            labs = {l.rstrip('?') for l in s['labels'] if l}
            if len(labs) != 1:
                problems.append(f'{name}: unlabelled/mixed paragraph: {p["text"][:70]}')
            p['label'] = labs.pop() if len(labs) == 1 else None
        frows = by_file.get(name, [])
        if not frows:
            problems.append(f'{name}: no rows')
        texts = set()
        for r in frows:
            c = r['contains']; n = len(c.split())
            hits = [p for p in pub if c in p['text'] and c in p['nothing']]
            if not hits:
                problems.append(f'{name}: row matches no paragraph: {c}')
                continue
            if not (5 <= n <= 12) and not any(c == p['text'] for p in hits):
                problems.append(f'{name}: contains length {n} and not whole text: {c}')
            for p in pub:
                if c.lower() in p['text'].lower() or c.lower() in p['nothing'].lower():
                    if p['label'] != r['label']:
                        problems.append(f'{name}: "{c}" ({r["label"]}) also in {p["label"]} paragraph')
            counts[r['label']] += 1
        for p in pub:
            if not any(r['contains'] in p['text'] and r['contains'] in p['nothing']
                       and r['label'] == p['label'] for r in frows):
                problems.append(f'{name}: paragraph unmatched: {p["text"][:70]}')
            texts.add(p['text'])
        if len(frows) != len(texts):
            problems.append(f'{name}: {len(frows)} rows for {len(texts)} distinct paragraphs')
    if len(rows) < 450:
        problems.append(f'only {len(rows)} rows (< 450)')
    for p in problems:
        print('FAIL', p)
    print('rows:', len(rows), dict(sorted(counts.items())))
    print('FAIL' if problems else 'PASS')

if __name__ == '__main__':
    main()
