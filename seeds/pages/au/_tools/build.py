#!/usr/bin/env python3
"""Build the published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, extract_txt, TXT_LINE, LABELS

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, '_src')
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set('"\'\u2019\u2018\u201c\u201d&')
ORDER = [8, 9, 7, 10, 6, 11, 12, 5]


def publish(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        text = f.read()
    if name.endswith('.txt'):
        lines = []
        for line in text.splitlines():
            if not line.strip():
                lines.append('')
                continue
            m = TXT_LINE.match(line)
            if not m:
                sys.exit('bad txt line in %s: %r' % (name, line))
            lines.append(m.group(2))
        out = '\n'.join(lines).rstrip('\n') + '\n'
    else:
        out = ATTR.sub('', text)
    with open(os.path.join(ROOT, name), 'w', encoding='utf-8') as f:
        f.write(out)


def choose(para, others):
    a, b = para['a'], para['b']
    words = b.split()

    def ok(c, strict):
        if c not in a or c not in b:
            return False
        if strict and any(ch in BAD for ch in c):
            return False
        cl = c.lower()
        return not any(cl in o for o in others)

    if len(words) < 5:
        for c in (b, a):
            if ok(c, False):
                return c
        return None
    for strict in (True, False):
        for n in ORDER:
            if n > len(words):
                continue
            for s in range(0, len(words) - n + 1):
                c = ' '.join(words[s:s + n])
                if ok(c, strict):
                    return c
    return None


def main():
    names = sorted(n for n in os.listdir(SRC) if n.startswith('au') and n.endswith(('.html', '.txt')))
    rows, errors = [], []
    for name in names:
        publish(name)
        paras = extract_file(os.path.join(SRC, name), annotated=True)
        seen = {}
        for p in paras:
            lab = p['label']
            if lab is None or lab.rstrip('?') not in LABELS:
                errors.append('%s: bad/missing label %r for %r' % (name, lab, p['b'][:80]))
                continue
            key = p['b']
            if key in seen and seen[key]['label'].rstrip('?') != lab.rstrip('?'):
                errors.append('%s: same text, two labels: %r' % (name, key[:80]))
            seen.setdefault(key, p)
        for key, p in seen.items():
            base = p['label'].rstrip('?')
            others = [x for q in paras if q['label'] and q['label'].rstrip('?') != base
                      for x in (q['a'].lower(), q['b'].lower())]
            c = choose(p, others)
            if c is None:
                errors.append('%s: no unique snippet for [%s] %r' % (name, base, key[:90]))
                continue
            rows.append({'file': name, 'contains': c, 'label': base,
                         'clear': not p['label'].endswith('?')})
    if errors:
        print('\n'.join(errors))
        sys.exit(1)
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('built %d pages, %d rows' % (len(names), len(rows)))


if __name__ == '__main__':
    main()
