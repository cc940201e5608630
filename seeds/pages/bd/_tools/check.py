"""Re-extract published pages and verify held-out.jsonl."""
import os, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract, LABELS
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
errors = []
rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
files = sorted(os.listdir(SRC))
pub = sorted(f for f in os.listdir(ROOT) if f.endswith(('.html', '.txt')))
if files != pub:
    errors.append('published files differ from sources: %s %s' % (files, pub))
byfile = collections.defaultdict(list)
for r in rows:
    byfile[r['file']].append(r)
    if r['label'] not in LABELS: errors.append('bad label %r' % r)
    if not isinstance(r['clear'], bool): errors.append('bad clear %r' % r)
for fn in pub:
    text = open(os.path.join(ROOT, fn), encoding='utf-8').read()
    if 'data-l' in text: errors.append(fn + ': data-l leaked')
    if fn.endswith('.txt') and any(l.split('| ')[0] in LABELS for l in text.splitlines() if '| ' in l):
        errors.append(fn + ': label prefix leaked')
    paras = extract(os.path.join(ROOT, fn))
    src = extract(os.path.join(SRC, fn), labelled=True)
    if [p['space'] for p in paras] != [p['space'] for p in src]:
        errors.append(fn + ': published and source paragraphs differ'); continue
    labs = [next(iter(p['labels'])).rstrip('?') for p in src]
    matched = [False] * len(paras)
    for r in byfile[fn]:
        c = r['contains']; n = len(c.split())
        hits = [i for i, p in enumerate(paras) if c in p['space'] and c in p['nothing']]
        if not hits: errors.append('%s: no paragraph for %r' % (fn, c)); continue
        if n < 5 and not any(c == paras[i]['space'] for i in hits):
            errors.append('%s: short contains not whole text %r' % (fn, c))
        if n > 12: errors.append('%s: contains too long %r' % (fn, c))
        for i, p in enumerate(paras):
            if c.lower() in p['space'].lower() or c.lower() in p['nothing'].lower():
                if labs[i] != r['label']:
                    errors.append('%s: %r also in %s paragraph %r' % (fn, c, labs[i], p['space'][:60]))
                else:
                    matched[i] = True
    for i, m in enumerate(matched):
        if not m: errors.append('%s: unmatched paragraph %r' % (fn, paras[i]['space'][:80]))
cnt = collections.Counter(r['label'] for r in rows)
print('pages:', len(pub), 'rows:', len(rows))
for k in sorted(LABELS): print('  %-22s %d' % (k, cnt[k]))
if len(pub) != 10: errors.append('expected 10 pages')
if len(rows) < 400: errors.append('fewer than 400 rows')
if sum(f.endswith('.txt') for f in pub) != 2: errors.append('expected 2 txt pages')
for e in errors: print('ERROR', e)
print('FAIL' if errors else 'PASS')
