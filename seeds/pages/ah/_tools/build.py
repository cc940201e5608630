#!/usr/bin/env python3
"""Build the published pages from _src/ and write held-out.jsonl (stdlib only).

* HTML sources: every data-l="..." attribute is removed; nothing else changes.
* TXT sources: the leading "label| " of each line is removed.
* held-out.jsonl: one row per distinct (page, paragraph text), with a
  `contains` snippet of 5-12 consecutive words (or the whole text when the
  paragraph is shorter) that occurs in that paragraph under both tag-removal
  variants and in no paragraph of another label on the same page.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from extract import extract_file, TXT_LINE  # noqa: E402

SRC = os.path.join(ROOT, '_src')
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD_CHARS = set('"\'&\u2018\u2019\u201c\u201d')


def publish(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        text = f.read()
    if name.endswith('.txt'):
        out = []
        for line in text.splitlines():
            m = TXT_LINE.match(line)
            out.append(m.group(2) if m else line)
        text = '\n'.join(out) + '\n'
    else:
        text = ATTR.sub('', text)
    with open(os.path.join(ROOT, name), 'w', encoding='utf-8') as f:
        f.write(text)


def windows(words):
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        for i in range(0, len(words) - n + 1):
            yield ' '.join(words[i:i + n])


def choose(p, others):
    words = p.space.split()
    if len(words) < 5:
        cands = [p.space, p.nospace]
    else:
        cands = list(windows(words)) + list(windows(p.nospace.split()))
    fallback = None
    for c in cands:
        if c not in p.space or c not in p.nospace:
            continue
        cl = c.lower()
        if any(cl in o.space.lower() or cl in o.nospace.lower() for o in others):
            continue
        if set(c) & BAD_CHARS:
            fallback = fallback or c
            continue
        return c
    return fallback


def main():
    names = sorted(n for n in os.listdir(SRC) if n.endswith(('.html', '.txt')))
    rows, problems = [], []
    for name in names:
        publish(name)
        paras, errs = extract_file(os.path.join(SRC, name), labelled=True)
        for e in errs:
            problems.append('%s: %s' % (name, e))
        seen = {}
        for p in paras:
            key = p.space
            if key in seen:
                prev = seen[key]
                if prev['label'] != p.label:
                    problems.append('%s: same text, two labels: %r' % (name, key[:80]))
                if not p.clear:
                    prev['clear'] = False
                continue
            others = [o for o in paras if o.label != p.label]
            c = choose(p, others)
            if c is None:
                problems.append('%s: no unique snippet for [%s] %r' % (name, p.label, key[:90]))
                continue
            row = {'file': name, 'contains': c, 'label': p.label, 'clear': p.clear}
            seen[key] = row
            rows.append(row)
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for pr in problems:
        print('PROBLEM', pr)
    print('built %d pages, %d held-out rows, %d problems' % (len(names), len(rows), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
