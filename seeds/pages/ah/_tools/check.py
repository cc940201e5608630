#!/usr/bin/env python3
"""Checker: re-extracts paragraphs from the PUBLISHED pages and validates held-out.jsonl.

Checks: 12 pages (10 .html + 2 .txt) with the batch prefix; no annotation leaked;
published paragraphs equal the annotated source paragraphs; every row's `contains`
has 5-12 words (or is a whole shorter paragraph), is found in a paragraph under both
tag-removal variants, never occurs in a paragraph of another label, and its label
equals the source label; every published paragraph is matched by a row of its label;
at least 450 labelled paragraphs. Prints PASS or FAIL and writes check_output.log.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from extract import extract_file, LABELS, TXT_LINE  # noqa: E402

PREFIX = 'ah'
SRC = os.path.join(ROOT, '_src')


def main():
    out, errors = [], []
    pages = sorted(n for n in os.listdir(ROOT)
                   if re.match(PREFIX + r'\d\d_.+\.(html|txt)$', n))
    if len(pages) != 12:
        errors.append('expected 12 pages, found %d' % len(pages))
    if sum(p.endswith('.txt') for p in pages) != 2:
        errors.append('expected exactly 2 .txt pages')
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    by_file = collections.defaultdict(list)
    for r in rows:
        if set(r) != {'file', 'contains', 'label', 'clear'}:
            errors.append('bad row keys %r' % r)
        if r['label'] not in LABELS:
            errors.append('bad label in row %r' % r)
        if not isinstance(r['clear'], bool):
            errors.append('clear not bool %r' % r)
        by_file[r['file']].append(r)
    for f in by_file:
        if f not in pages:
            errors.append('row for unknown file %s' % f)
    total = 0
    distinct = 0
    counts = collections.Counter()
    for name in pages:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding='utf-8').read()
        if 'data-l' in raw:
            errors.append('%s: annotation leaked' % name)
        if name.endswith('.txt') and any(TXT_LINE.match(l) for l in raw.splitlines()):
            errors.append('%s: txt label prefix leaked' % name)
        pub, perr = extract_file(path, labelled=False)
        src, serr = extract_file(os.path.join(SRC, name), labelled=True)
        for e in perr + serr:
            errors.append('%s: %s' % (name, e))
        if [p.space for p in pub] != [p.space for p in src] or [p.nospace for p in pub] != [p.nospace for p in src]:
            errors.append('%s: published paragraphs differ from source' % name)
            continue
        for p, s in zip(pub, src):
            p.label, p.clear = s.label, s.clear
        total += len(pub)
        distinct_texts = {}
        for p in pub:
            distinct_texts.setdefault(p.space, p)
        distinct += len(distinct_texts)
        for p in distinct_texts.values():
            counts[p.label] += 1
        matched = set()
        seen_contains = set()
        for r in by_file.get(name, []):
            c = r['contains']
            cl = c.lower()
            if c in seen_contains:
                errors.append('%s: duplicate contains %r' % (name, c))
            seen_contains.add(c)
            hits = [p for p in pub if c in p.space and c in p.nospace]
            if not hits:
                errors.append('%s: row not found: %r' % (name, c))
                continue
            nw = len(c.split())
            if not (5 <= nw <= 12 or any(c in (h.space, h.nospace) for h in hits)):
                errors.append('%s: contains has %d words and is not a whole paragraph: %r' % (name, nw, c))
            for p in pub:
                if cl in p.space.lower() or cl in p.nospace.lower():
                    if p.label != r['label']:
                        errors.append('%s: %r (row %s) occurs in a %s paragraph: %r'
                                      % (name, c, r['label'], p.label, p.space[:70]))
                    elif c in p.space and c in p.nospace:
                        matched.add(p.index)
        for p in pub:
            if p.index not in matched:
                errors.append('%s: paragraph not matched by any row: [%s] %r' % (name, p.label, p.space[:80]))
        out.append('%-45s %4d paragraphs, %3d rows' % (name, len(pub), len(by_file.get(name, []))))
    if len(rows) != distinct:
        errors.append('rows (%d) != distinct paragraphs (%d)' % (len(rows), distinct))
    if distinct < 450:
        errors.append('only %d distinct labelled paragraphs (< 450)' % distinct)
    out.append('total paragraphs: %d; distinct labelled paragraphs (rows): %d' % (total, distinct))
    out.append('label counts (distinct): ' + ', '.join('%s=%d' % kv for kv in sorted(counts.items())))
    out.append('unclear rows: %d' % sum(1 for r in rows if not r['clear']))
    for e in errors:
        out.append('ERROR ' + e)
    out.append('PASS' if not errors else 'FAIL (%d errors)' % len(errors))
    text = '\n'.join(out)
    print(text)
    with open(os.path.join(HERE, 'check_output.log'), 'w', encoding='utf-8') as f:
        f.write(text + '\n')
    return 0 if not errors else 1


if __name__ == '__main__':
    sys.exit(main())
