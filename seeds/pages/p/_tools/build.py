"""Strip labels from _src/*.src into published pages and write held-out.jsonl."""
import json, os, re, sys, glob, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, fold, LABELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def load(path):
    name = os.path.basename(path)[:-4]
    src = open(path, encoding='utf-8').read()
    paras = []  # (lines_a, lines_b, label, clear)
    if name.endswith('.txt'):
        out = []
        for ln in src.split('\n'):
            if not ln.strip():
                out.append(''); continue
            m = re.match(r'^([a-z_]+)(\??)\| (.*)$', ln)
            if not m or m.group(1) not in LABELS:
                sys.exit('%s: unlabelled line %r' % (name, ln))
            out.append(m.group(3))
            t = fold(m.group(3))
            paras.append(([t], [t], m.group(1), m.group(2) != '?'))
        pub = '\n'.join(out).rstrip('\n') + '\n'
    else:
        ps, errs = extract_html(src, annotated=True)
        if errs:
            sys.exit('%s: %s' % (name, errs))
        for p in ps:
            labs = p.labels()
            if len(labs) != 1 or None in {l for l, c in labs}:
                sys.exit('%s: paragraph label problem %r %r' % (name, labs, p.variants()[0]))
            (lab, clear), = labs
            a, b = p.variants()
            paras.append((a, b, lab, clear))
        pub = re.sub(r'\s+data-[lc]="[^"]*"', '', src)
    return name, pub, paras

def choose(a_lines, b_lines, others):
    """Pick 5-12 word window present in both variants, not in other-label paragraphs."""
    whole_a = ' '.join(a_lines); whole_b = ' '.join(b_lines)
    cands = []
    for line in a_lines:
        w = line.split()
        if len(w) <= 5:
            cands.append((0 if not (set(line) & BAD) else 1, 0, line))
        for size in (8, 9, 7, 10, 6, 11, 5, 12):
            for i in range(0, max(0, len(w) - size) + 1):
                s = ' '.join(w[i:i + size])
                cands.append((1 if set(s) & BAD else 0, abs(size - 8) + i * 0.01, s))
    cands.sort(key=lambda x: (x[0], x[1]))
    for _, _, s in cands:
        if s not in whole_a or s not in whole_b:
            continue
        low = s.lower()
        if any(low in o for o in others):
            continue
        return s
    return None

def main():
    rows = []
    counts = collections.Counter(); pages = collections.Counter()
    for path in sorted(glob.glob(os.path.join(ROOT, '_src', '*.src'))):
        name, pub, paras = load(path)
        open(os.path.join(ROOT, name), 'w', encoding='utf-8').write(pub)
        seen = {}
        for a, b, lab, clear in paras:
            key = ' '.join(a)
            if key in seen:
                if seen[key] != lab:
                    sys.exit('%s: same text, two labels: %r' % (name, key))
                continue
            seen[key] = lab
        for a, b, lab, clear in paras:
            key = ' '.join(a)
            if seen.get(key) is None:
                continue
            seen[key] = None
            others = [(' '.join(x)).lower() for x, y, l, c in paras if l != lab] + \
                     [(' '.join(y)).lower() for x, y, l, c in paras if l != lab]
            s = choose(a, b, others)
            if s is None:
                sys.exit('%s: no contains for %r' % (name, key))
            rows.append({'file': name, 'contains': s, 'label': lab, 'clear': clear})
            counts[lab] += 1; pages[name] += 1
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for n, c in sorted(pages.items()):
        print(n, c)
    print('TOTAL', sum(counts.values()), dict(counts))
    print('unclear rows:', sum(1 for r in rows if not r['clear']))

if __name__ == '__main__':
    main()
