#!/usr/bin/env python3
"""Build the published pages and held-out.jsonl from the annotated sources.

  _src/<name>.html : data-l="label" attributes (inherited; trailing ? = judgement call)
  _src/<name>.txt  : "label| text" per line

Writes ../<name> (annotations stripped) and ../held-out.jsonl.
stdlib only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, '_src')
AVOID = set('"\'&\u2018\u2019\u201c\u201d')
PREF = [8, 9, 7, 10, 6, 11, 12, 5]


def base(label):
    return label.rstrip('?')


def strip_html(text):
    return re.sub(r'\s+data-l="[^"]*"', '', text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if '| ' in line and line.split('| ', 1)[0].strip().rstrip('?') in LABELS:
            out.append(line.split('| ', 1)[1].rstrip())
        else:
            out.append(line.rstrip())
    return '\n'.join(out) + '\n'


def labelled(path):
    paras, hidden = extract_file(path, annotated=True)
    errs = []
    for p in paras:
        labs = [l for l in p['labels'] if l is not None]
        if None in p['labels'] or not labs:
            errs.append('unlabelled paragraph: %r' % p['b'][:90])
            continue
        if len({base(l) for l in labs}) != 1:
            errs.append('mixed labels %s: %r' % (labs, p['b'][:90]))
            continue
        lab = base(labs[0])
        if lab not in LABELS:
            errs.append('unknown label %r' % lab)
        p['label'] = lab
        p['clear'] = not any(l.endswith('?') for l in labs)
    for h in hidden:
        errs.append('hidden text (avoid it): %r' % h[:90])
    return paras, errs


def choose(p, others):
    a, b = p['a'], p['b']
    words = b.split(' ')

    def ok(c, strict):
        if c not in a or c not in b:
            return False
        if strict and any(ch in AVOID for ch in c):
            return False
        cl = c.lower()
        return not any(cl in o for o in others)

    if len(words) < 5:
        return b if ok(b, False) else None
    for strict in (True, False):
        for n in PREF:
            if n > len(words):
                continue
            for s in range(0, len(words) - n + 1):
                c = ' '.join(words[s:s + n])
                if ok(c, strict):
                    return c
    return None


def main():
    rows = []
    errors = []
    names = sorted(f for f in os.listdir(SRC) if f.endswith(('.html', '.txt')))
    for name in names:
        sp = os.path.join(SRC, name)
        with open(sp, encoding='utf-8') as f:
            src = f.read()
        pub = strip_html(src) if name.endswith('.html') else strip_txt(src)
        with open(os.path.join(BATCH, name), 'w', encoding='utf-8') as f:
            f.write(pub)
        paras, errs = labelled(sp)
        errors += ['%s: %s' % (name, e) for e in errs]
        if errs:
            continue
        # distinct texts
        seen = {}
        for p in paras:
            k = p['b']
            if k in seen:
                if seen[k]['label'] != p['label']:
                    errors.append('%s: same text, two labels: %r' % (name, k[:80]))
                seen[k]['clear'] = seen[k]['clear'] and p['clear']
                continue
            seen[k] = p
        for k, p in seen.items():
            others = []
            for q in seen.values():
                if q['label'] != p['label']:
                    others.append(q['a'].lower())
                    others.append(q['b'].lower())
            c = choose(p, others)
            if c is None:
                errors.append('%s: no unique window for [%s] %r' % (name, p['label'], k[:90]))
                continue
            rows.append({'file': name, 'contains': c, 'label': p['label'], 'clear': p['clear']})
    if errors:
        print('\n'.join(errors))
        print('BUILD FAILED (%d problems)' % len(errors))
        sys.exit(1)
    with open(os.path.join(BATCH, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('built %d pages, %d rows' % (len(names), len(rows)))


if __name__ == '__main__':
    main()
