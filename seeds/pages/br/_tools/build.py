"""Build published pages from _src/ (strip annotations) and write held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract, norm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
BAD = set('"\'&\u2019\u2018\u201c\u201d')


def page_labels(paras, fname):
    out = []
    for p in paras:
        labs = set(p['labels'])
        if len(labs) != 1 or None in labs:
            raise SystemExit(f'{fname}: bad/mixed labels {labs} for: {p["text"][:80]}')
        out.append((p['text'], p['nothing'], labs.pop()))
    return out


def choose(text, nothing, others):
    words = text.split()
    ntext, nnoth = norm(text), norm(nothing)
    low = [o.lower() for o in others]
    cands = []
    if len(words) < 5:
        cands.append(' '.join(words))
    for size in (8, 9, 7, 10, 6, 11, 5, 12):
        for st in range(0, max(1, len(words) - size + 1)):
            w = words[st:st + size]
            if len(w) < min(5, len(words)):
                continue
            cands.append(' '.join(w))
    good = []
    for c in cands:
        if c not in ntext or c not in nnoth:
            continue
        if any(c.lower() in o for o in low):
            continue
        good.append(c)
    if not good:
        return None
    clean = [c for c in good if not (set(c) & BAD)]
    return (clean or good)[0]


def main():
    rows = []
    for fname in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, fname)
        raw = open(sp, encoding='utf-8').read()
        if fname.endswith('.txt'):
            pub = '\n'.join(l.partition('| ')[2] if l.strip() else '' for l in raw.splitlines()) + '\n'
        else:
            pub = re.sub(r'\s+data-l="[^"]*"', '', raw)
        open(os.path.join(ROOT, fname), 'w', encoding='utf-8').write(pub)
        paras = page_labels(extract(sp, annotated=True), fname)
        seen = {}
        for t, n, l in paras:
            if t in seen and seen[t][1] != l:
                raise SystemExit(f'{fname}: same text, two labels: {t}')
            seen[t] = (n, l)
        for t, (n, l) in seen.items():
            base = l.rstrip('?')
            others = []
            for t2, (n2, l2) in seen.items():
                if l2.rstrip('?') != base:
                    others += [t2, n2]
            c = choose(t, n, others)
            if c is None:
                print(f'FAIL {fname}: no unique contains for [{l}] {t}')
                continue
            rows.append({'file': fname, 'contains': c, 'label': base, 'clear': not l.endswith('?')})
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f'built {len(os.listdir(SRC))} pages, {len(rows)} rows')


if __name__ == '__main__':
    main()
