#!/usr/bin/env python3
"""Build the published pages and held-out.jsonl from the annotated sources.

  _src/<name>.html  elements carry data-l="label" (children inherit;
                    a trailing "?" marks a judgement call)
  _src/<name>.txt   one "label| text" line per paragraph

Published pages are written to the batch folder with every annotation
removed; held-out.jsonl gets one row per distinct paragraph text per page.
Stdlib only.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from paras import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, '_src')
BAD = set('"\'\u2018\u2019\u201c\u201d&')
SIZES = (8, 9, 7, 10, 6, 11, 5, 12)


def strip_html(text):
    return re.sub(r'\s+data-l=(?:"[^"]*"|\'[^\']*\')', '', text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        m = re.match(r'^([a-z_]+\??)\| (.*)$', line)
        out.append(m.group(2) if m else line)
    return '\n'.join(out) + '\n'


def choose(p, page, forbidden):
    """Pick a 5-12 word window of p (or its whole text if shorter)."""
    words = p.text.split(' ')
    if len(words) < 5:
        cands = [(0, 0, 0, 0, p.text)]
    else:
        cands = []
        for si, size in enumerate(SIZES):
            for start in range(0, len(words) - size + 1):
                w = ' '.join(words[start:start + size])
                bad = sum(ch in BAD for ch in w)
                hits = sum(1 for q in page if w in q.text and w in q.text_nothing)
                cands.append((bad > 0, hits > 1, si, start, w))
        cands.sort()
    for cand in cands:
        w = cand[-1]
        if w not in p.text or w not in p.text_nothing:
            continue
        lw = w.lower()
        if any(lw in f for f in forbidden):
            continue
        return w
    return None


def main():
    rows, errors = [], []
    names = sorted(n for n in os.listdir(SRC) if n.endswith(('.html', '.txt')))
    for name in names:
        src = os.path.join(SRC, name)
        with open(src, encoding='utf-8') as fh:
            raw = fh.read()
        pub = strip_html(raw) if name.endswith('.html') else strip_txt(raw)
        with open(os.path.join(BATCH, name), 'w', encoding='utf-8') as fh:
            fh.write(pub)
        paras, errs = extract_file(src, annotated=True)
        errors += ['%s: %s' % (name, e) for e in errs]
        seen = {}
        for p in paras:
            lab = (p.label or '').rstrip('?')
            if lab not in LABELS:
                errors.append('%s: bad label %r on %r' % (name, p.label, p.text[:70]))
                continue
            if p.text in seen:
                if seen[p.text].label.rstrip('?') != lab:
                    errors.append('%s: same text, two labels: %r' % (name, p.text[:70]))
                continue
            seen[p.text] = p
        distinct = list(seen.values())
        for p in distinct:
            lab = p.label.rstrip('?')
            forbidden = [t for q in distinct if q.label.rstrip('?') != lab
                         for t in (q.text.lower(), q.text_nothing.lower())]
            w = choose(p, distinct, forbidden)
            if w is None:
                errors.append('%s: no usable contains for [%s] %r' % (name, lab, p.text[:80]))
                continue
            rows.append({'file': name, 'contains': w, 'label': lab,
                         'clear': not p.label.endswith('?')})
    with open(os.path.join(BATCH, 'held-out.jsonl'), 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    per = Counter(r['label'] for r in rows)
    for name in names:
        c = Counter(r['label'] for r in rows if r['file'] == name)
        print('%-48s %3d  %s' % (name, sum(c.values()), dict(sorted(c.items()))))
    print('TOTAL', len(rows), dict(sorted(per.items())))
    print('judgement calls:', sum(1 for r in rows if not r['clear']))
    for e in errors:
        print('ERROR', e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
