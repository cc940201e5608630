"""Build: strip annotations from _src/, write published pages and held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, '_src')
AVOID = set('"\'&\u2019\u2018\u201c\u201d')


def strip(path, text):
    if path.endswith('.txt'):
        return '\n'.join(l.split('|', 1)[1].lstrip() if l.strip() else '' for l in text.splitlines()) + '\n'
    return re.sub(r'\s+data-l="[^"]*"', '', text)


def choose(p, others):
    words = p['space'].split(' ')
    if len(words) < 5:
        c = p['space']
        ok = c in p['nothing'] and not any(c.lower() in o for o in others)
        return c, ok
    best = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        for i in range(0, len(words) - n + 1):
            c = ' '.join(words[i:i + n])
            if c not in p['nothing'] or any(c.lower() in o for o in others):
                continue
            score = sum(ch in AVOID for ch in c)
            if best is None or score < best[0]:
                best = (score, c)
            if score == 0:
                return c, True
    return (best[1], True) if best else (p['space'], False)


def main():
    rows, problems = [], []
    for fn in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, fn)
        text = open(sp, encoding='utf-8').read()
        open(os.path.join(BATCH, fn), 'w', encoding='utf-8').write(strip(fn, text))
        paras = extract(sp, labelled=True)
        seen = {}
        for p in paras:
            if len(p['labels']) != 1 or p['labels'][0] is None:
                problems.append(f'{fn}: bad labels {p["labels"]} for {p["space"][:70]!r}')
                continue
            lab = p['labels'][0]
            if p['space'] in seen and seen[p['space']].rstrip('?') != lab.rstrip('?'):
                problems.append(f'{fn}: same text, two labels: {p["space"][:70]!r}')
            seen.setdefault(p['space'], lab)
        for txt, lab in seen.items():
            p = next(q for q in paras if q['space'] == txt)
            others = [x for q in paras if q['labels'] and q['labels'][0] and q['labels'][0].rstrip('?') != lab.rstrip('?')
                      for x in (q['space'].lower(), q['nothing'].lower())]
            c, ok = choose(p, others)
            if not ok:
                problems.append(f'{fn}: no unique contains for {txt[:70]!r}')
            rows.append({'file': fn, 'contains': c, 'label': lab.rstrip('?'), 'clear': not lab.endswith('?')})
    with open(os.path.join(BATCH, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for pr in problems:
        print('PROBLEM', pr)
    from collections import Counter
    print(len(rows), 'rows', dict(Counter(r['label'] for r in rows)))
    for fn, n in sorted(Counter(r['file'] for r in rows).items()):
        print(fn, n)


if __name__ == '__main__':
    main()
