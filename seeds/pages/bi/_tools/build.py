"""Strip annotations from _src/ and write published pages; generate held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract, LABELS

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, '_src')
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def publish(name):
    s = open(os.path.join(SRC, name), encoding='utf-8').read()
    if name.endswith('.txt'):
        lines = []
        for line in s.split('\n'):
            if line.strip():
                lab, line = line.split('|', 1)
                line = line.strip()
            lines.append(line)
        out = '\n'.join(lines)
    else:
        out = re.sub(r'\s+data-l="[^"]*"', '', s)
    open(os.path.join(BATCH, name), 'w', encoding='utf-8').write(out)

def choose(p, others):
    words = p['space'].split()
    lo = [o.lower() for o in others]
    def ok(c):
        return c in p['space'] and c in p['nothing'] and not any(c.lower() in o for o in lo)
    if len(words) < 5:
        return p['space'] if ok(p['space']) else None
    best = None
    for n in (8, 7, 9, 6, 10, 11, 12, 5):
        if n > len(words): continue
        for st in range(0, len(words) - n + 1):
            c = ' '.join(words[st:st + n])
            if ok(c):
                if not (set(c) & BAD): return c
                best = best or c
    return best

def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        publish(name)
        paras = extract(os.path.join(SRC, name), labelled=True)
        seen = {}
        for p in paras:
            assert len(p['labels']) == 1, (name, p)
            lab = next(iter(p['labels']))
            assert lab.rstrip('?') in LABELS, (name, lab)
            p['lab'] = lab
            if p['space'] in seen:
                assert seen[p['space']] == lab, ('dup text different labels', name, p['space'])
            seen[p['space']] = lab
        done = set()
        for p in paras:
            if p['space'] in done: continue
            done.add(p['space'])
            others = [q['space'] for q in paras if q['lab'].rstrip('?') != p['lab'].rstrip('?')]
            c = choose(p, others)
            if c is None:
                print('NO UNIQUE CONTAINS:', name, p['space']); continue
            rows.append({'file': name, 'contains': c, 'label': p['lab'].rstrip('?'),
                         'clear': not p['lab'].endswith('?')})
    with open(os.path.join(BATCH, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(len(rows), 'rows')

if __name__ == '__main__':
    main()
