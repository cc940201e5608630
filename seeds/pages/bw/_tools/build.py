#!/usr/bin/env python3
"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, extract_html, extract_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic',
          'unsourced_rumour', 'fabricated_author_bio'}
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set('"\'&\u2019\u2018\u201c\u201d')


def publish(name, text):
    if name.endswith('.txt'):
        out = []
        for line in text.splitlines():
            if line.strip():
                lab, sep, rest = line.partition('| ')
                if not sep or lab.strip().rstrip('?') not in LABELS:
                    sys.exit(f'{name}: bad txt line: {line[:60]}')
                out.append(rest)
            else:
                out.append('')
        return '\n'.join(out).rstrip('\n') + '\n'
    return ATTR.sub('', text)


def pick_contains(para, others):
    """Choose 5-12 consecutive words found in both variants and absent from others."""
    words = para['space'].split()
    ns, sp = para['nospace'], para['space']
    lo_others = [o.lower() for o in others]

    def ok(c):
        if c not in ns or c not in sp:
            return False
        cl = c.lower()
        return not any(cl in o for o in lo_others)

    cands = []
    if len(words) < 5:
        cands.append((0, sp))
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                cands.append((1, ' '.join(words[i:i + n])))
    else:
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            if n > len(words):
                continue
            for i in range(len(words) - n + 1):
                c = ' '.join(words[i:i + n])
                bad = sum(ch in BAD for ch in c)
                cands.append((bad, c))
        cands.sort(key=lambda x: x[0])
    for _, c in cands:
        if ok(c):
            return c
    return None


def main():
    rows = []
    errors = []
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        pub = publish(name, text)
        with open(os.path.join(ROOT, name), 'w', encoding='utf-8') as f:
            f.write(pub)
        src_paras = extract_file(path, annotated=True)
        pub_paras = extract_file(os.path.join(ROOT, name))
        if [p['space'] for p in src_paras] != [p['space'] for p in pub_paras]:
            errors.append(f'{name}: source/published paragraph mismatch')
        seen = {}
        for p in src_paras:
            if p['label'] is None or '|' in (p['label'] or ''):
                errors.append(f'{name}: unlabelled/mixed paragraph {p["labels"]}: {p["space"][:70]}')
                continue
            lab = p['label']
            clear = not lab.endswith('?')
            lab = lab.rstrip('?')
            if lab not in LABELS:
                errors.append(f'{name}: bad label {lab}')
                continue
            key = p['space']
            if key in seen:
                if seen[key][0] != lab:
                    errors.append(f'{name}: duplicate text, different labels: {key[:60]}')
                continue
            seen[key] = (lab, clear, p)
        for key, (lab, clear, p) in seen.items():
            others = []
            for k2, (l2, c2, p2) in seen.items():
                if l2 != lab:
                    others += [p2['space'], p2['nospace']]
            c = pick_contains(p, others)
            if c is None:
                errors.append(f'{name}: no unique contains for [{lab}] {key[:80]}')
                continue
            rows.append({'file': name, 'contains': c, 'label': lab, 'clear': clear})
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in errors:
        print('ERROR', e)
    from collections import Counter
    print('rows', len(rows), dict(Counter(r['label'] for r in rows)))
    print('per file', dict(Counter(r['file'] for r in rows)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
