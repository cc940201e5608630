"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import paragraphs, base_label, LABELS
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def publish(name):
    t = open(os.path.join(SRC, name), encoding='utf-8').read()
    if name.endswith('.txt'):
        out = '\n'.join(l.split('|', 1)[1].lstrip() if l.strip() else '' for l in t.splitlines()) + '\n'
    else:
        out = re.sub(r'''\s+data-l=("[^"]*"|'[^']*')''', '', t)
    open(os.path.join(ROOT, name), 'w', encoding='utf-8').write(out)

def choose(p, others):
    low = [o.lower() for o in others]
    def ok(c):
        return (c in p.nothing and c in p.space and not any(c.lower() in o for o in low))
    words_total = len(p.nothing.split())
    if words_total < 5 and ok(p.nothing):
        return p.nothing
    cands = []
    for ch in [p.space] + p.chunks:
        w = ch.split()
        for size in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, max(1, len(w) - size + 1)):
                seg = w[i:i+size]
                if len(seg) < min(size, 5) and len(seg) != len(w): continue
                c = ' '.join(seg)
                bad = any(ch2 in BAD for ch2 in c)
                cands.append((bad, c))
    cands.sort(key=lambda x: x[0])
    for bad, c in cands:
        if ok(c): return c
    for ch in sorted(p.chunks, key=len, reverse=True):
        if ok(ch): return ch
    raise SystemExit('no unique snippet for %r' % p.nothing[:80])

def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        if not name.startswith('bk'): continue
        publish(name)
        paras = paragraphs(os.path.join(SRC, name), labelled=True)
        seen = {}
        for p in paras:
            labs = set(p.labels)
            if len(labs) != 1 or None in labs:
                raise SystemExit('%s: mixed/missing label %r in %r' % (name, labs, p.nothing[:80]))
            lab = labs.pop()
            if base_label(lab) not in LABELS:
                raise SystemExit('%s: bad label %r' % (name, lab))
            if p.nothing in seen and base_label(seen[p.nothing][0]) != base_label(lab):
                raise SystemExit('%s: same text two labels %r' % (name, p.nothing))
            seen.setdefault(p.nothing, (lab, p))
        for text, (lab, p) in seen.items():
            others = []
            for q in paras:
                if base_label(q.labels[0]) != base_label(lab):
                    others += [q.nothing, q.space]
            c = choose(p, others)
            rows.append({'file': name, 'contains': c, 'label': base_label(lab),
                         'clear': not lab.endswith('?')})
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('built', len(rows), 'rows')

if __name__ == '__main__':
    main()
