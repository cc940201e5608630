"""Strip annotations from _src/, write published pages and held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract, LABELS
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
BAD = set('\'"&\u2019\u2018\u201c\u201d')

def labelled(path):
    paras = extract(path, labelled=True)
    for p in paras:
        if len(p['labels']) != 1 or None in p['labels']:
            sys.exit('label problem in %s: %s %s' % (path, p['labels'], p['space'][:80]))
        p['raw'] = p['labels'].pop()
        p['label'] = p['raw'].rstrip('?')
        assert p['label'] in LABELS, (path, p['raw'])
    return paras

def pick(p, others):
    words = p['space'].split()
    cands = []
    if len(words) < 5:
        cands = [p['space']]
    else:
        for n in (8, 6, 10, 5, 12, 7, 9, 11):
            for s in range(0, max(1, len(words) - n + 1)):
                cands.append(' '.join(words[s:s + n]))
        if len(words) <= 12:
            cands.insert(0, p['space'])
    def ok(c):
        if c not in p['space'] or c not in p['nothing']:
            return False
        lc = c.lower()
        return not any(lc in o['space'].lower() or lc in o['nothing'].lower() for o in others)
    good = [c for c in cands if ok(c)]
    clean = [c for c in good if not (set(c) & BAD)]
    if clean:
        return clean[0]
    if good:
        return good[0]
    FAILS.append(p['space']); return None

rows = []
FAILS = []
for fn in sorted(os.listdir(SRC)):
    path = os.path.join(SRC, fn)
    text = open(path, encoding='utf-8').read()
    if fn.endswith('.txt'):
        out = '\n'.join(l.split('| ', 1)[1] if '| ' in l else l for l in text.splitlines()) + '\n'
    else:
        out = re.sub(r'\s+data-l="[^"]*"', '', text)
    open(os.path.join(ROOT, fn), 'w', encoding='utf-8').write(out)
    paras = labelled(path)
    seen = {}
    for p in paras:
        if p['space'] in seen:
            q = seen[p['space']]
            if q['label'] != p['label']:
                sys.exit('same text, two labels: ' + p['space'])
            if p['raw'].endswith('?'):
                q['raw'] = p['raw']
            continue
        seen[p['space']] = p
    for p in seen.values():
        others = [o for o in paras if o['label'] != p['label']]
        c = pick(p, others)
        if c is None: FAILS[-1] = fn + ': ' + FAILS[-1]; continue
        rows.append({'file': fn, 'contains': c, 'label': p['label'],
                     'clear': not p['raw'].endswith('?')})
if FAILS: sys.exit('no unique contains:\n' + '\n'.join(FAILS))
with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print('built', len(rows), 'rows')
