"""Check published pages against held-out.jsonl. Prints PASS or FAIL lines."""
import os, re, json, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from extract import paragraphs, base_label, LABELS
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []
rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
files = sorted(f for f in os.listdir(ROOT) if f.startswith('bk') and f[-4:] in ('html', '.txt'))
total = 0; counts = Counter()
for f in files:
    pub = os.path.join(ROOT, f); src = os.path.join(ROOT, '_src', f)
    raw = open(pub, encoding='utf-8').read()
    if 'data-l' in raw: errs.append(f + ': annotation leaked')
    if f.endswith('.txt') and any(re.match(r'^(%s)\??\|' % '|'.join(LABELS), l) for l in raw.splitlines()):
        errs.append(f + ': txt label leaked')
    for m in re.finditer(r'charset\s*=\s*["\']?([\w-]+)', raw, re.I):
        if m.group(1).lower() not in ('utf-8', 'utf8'): errs.append(f + ': charset ' + m.group(1))
    pp = paragraphs(pub); sp = paragraphs(src, labelled=True)
    if [p.nothing for p in pp] != [p.nothing for p in sp]:
        errs.append(f + ': published/source paragraphs differ'); continue
    labs = [base_label(p.labels[0]) for p in sp]
    total += len(pp)
    frows = [r for r in rows if r['file'] == f]
    matched = [False] * len(pp)
    for r in frows:
        if r['label'] not in LABELS: errs.append(f + ': bad label ' + r['label'])
        n = len(r['contains'].split())
        hit = False
        for i, p in enumerate(pp):
            if r['contains'] in p.nothing and r['contains'] in p.space:
                hit = True; matched[i] = True
                if labs[i] != r['label']:
                    errs.append('%s: label mismatch %r (%s vs %s)' % (f, r['contains'], r['label'], labs[i]))
            elif r['contains'].lower() in p.nothing.lower() and labs[i] != r['label']:
                errs.append('%s: contains %r occurs in other-label paragraph' % (f, r['contains']))
        if not hit: errs.append('%s: row not matched %r' % (f, r['contains']))
        if n > 12: errs.append('%s: contains too long %r' % (f, r['contains']))
    for i, ok in enumerate(matched):
        if not ok: errs.append('%s: paragraph unmatched %r' % (f, pp[i].nothing[:60]))
    for l in labs: counts[l] += 1
    print('%-45s %3d paragraphs %3d rows' % (f, len(pp), len(frows)))
print('files', len(files), 'paragraphs', total, 'rows', len(rows))
print('paragraph label counts', dict(sorted(counts.items())))
print('row label counts', dict(sorted(Counter(r['label'] for r in rows).items())))
if len(files) != 12: errs.append('expected 12 pages, got %d' % len(files))
if total < 500: errs.append('fewer than 500 paragraphs')
for e in errs: print('FAIL', e)
print('PASS' if not errs else 'FAIL (%d problems)' % len(errs))
