#!/usr/bin/env python3
"""Check the published pages against held-out.jsonl (stdlib only).

Re-extracts paragraphs from the PUBLISHED pages and verifies that
  * every row's `contains` is found (tags removed with nothing and with a
    space) in at least one paragraph of its file;
  * every paragraph is matched by at least one row;
  * all rows matching a paragraph agree on the label, and a row's
    `contains` occurs in no paragraph of another label on that page;
  * labels agree with the annotated sources in _src/;
  * no annotation leaked into a published page; declared charsets are UTF-8;
  * batch size and label minimums hold.
Prints PASS or FAIL and writes the same output to _tools/check_output.log.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from paras import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, '_src')
PREFIX = 'cf'
MINIMUMS = {'unsourced_rumour': 25, 'off_topic': 60, 'fabricated_author_bio': 30}
MIN_TOTAL = 480

out = []


def say(*a):
    line = ' '.join(str(x) for x in a)
    out.append(line)
    print(line)


def main():
    fails = []
    rows = []
    with open(os.path.join(BATCH, 'held-out.jsonl'), encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {'file', 'contains', 'label', 'clear'}:
                fails.append('row %d: wrong keys %s' % (n, sorted(r)))
            if r['label'] not in LABELS:
                fails.append('row %d: unknown label %r' % (n, r['label']))
            if not isinstance(r['clear'], bool):
                fails.append('row %d: clear is not boolean' % n)
            rows.append(r)
    by_file = defaultdict(list)
    for r in rows:
        by_file[r['file']].append(r)

    pages = sorted(n for n in os.listdir(BATCH)
                   if re.match(PREFIX + r'\d\d_.*\.(html|txt)$', n))
    if len(pages) != 12:
        fails.append('expected 12 published pages, found %d' % len(pages))
    if sum(p.endswith('.txt') for p in pages) != 2:
        fails.append('expected exactly two .txt pages')
    for f in by_file:
        if f not in pages:
            fails.append('rows for unknown file %s' % f)

    for name in pages:
        path = os.path.join(BATCH, name)
        with open(path, 'rb') as fh:
            data = fh.read()
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError:
            fails.append('%s: not UTF-8' % name)
            continue
        if 'data-l' in text:
            fails.append('%s: annotation data-l leaked' % name)
        if re.search(r'^(%s)\??\| ' % '|'.join(LABELS), text, re.M):
            fails.append('%s: text label prefix leaked' % name)
        for m in re.finditer(r'charset\s*=\s*["\']?([\w-]+)', text, re.I):
            if m.group(1).lower() not in ('utf-8', 'utf8'):
                fails.append('%s: declares charset %s' % (name, m.group(1)))
        paras, _ = extract_file(path, annotated=False)
        src_paras, src_errs = extract_file(os.path.join(SRC, name), annotated=True)
        for e in src_errs:
            fails.append('%s (source): %s' % (name, e))
        if [p.text for p in paras] != [p.text for p in src_paras]:
            fails.append('%s: published paragraphs differ from source paragraphs' % name)
        src_label = {}
        for p in src_paras:
            src_label.setdefault(p.text, (p.label or '').rstrip('?'))

        frows = by_file.get(name, [])
        if not frows:
            fails.append('%s: no rows' % name)
        matched = defaultdict(set)
        for r in frows:
            c = r['contains']
            nw = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p.text and c in p.text_nothing]
            if not hits:
                fails.append('%s: contains not found: %r' % (name, c))
                continue
            if nw < 5 or nw > 12:
                if not any(c == paras[i].text for i in hits):
                    fails.append('%s: %d-word contains is not a whole paragraph: %r' % (name, nw, c))
            for i in hits:
                matched[i].add(r['label'])
        para_label = {}
        for i, p in enumerate(paras):
            labs = matched.get(i)
            if not labs:
                fails.append('%s: paragraph not matched by any row: %r' % (name, p.text[:80]))
                continue
            if len(labs) > 1:
                fails.append('%s: paragraph matched by rows of labels %s: %r' % (name, sorted(labs), p.text[:80]))
            lab = next(iter(labs))
            para_label[i] = lab
            if src_label.get(p.text) != lab:
                fails.append('%s: label %s disagrees with source %s: %r' % (
                    name, lab, src_label.get(p.text), p.text[:80]))
        for r in frows:
            lc = r['contains'].lower()
            for i, p in enumerate(paras):
                if para_label.get(i, r['label']) != r['label'] and (
                        lc in p.text.lower() or lc in p.text_nothing.lower()):
                    fails.append('%s: contains %r also occurs in a %s paragraph' % (
                        name, r['contains'], para_label[i]))
        distinct = len(set(p.text for p in paras))
        if distinct != len(frows):
            fails.append('%s: %d distinct paragraphs but %d rows' % (name, distinct, len(frows)))
        c = Counter(r['label'] for r in frows)
        say('%-46s %3d paragraphs, %3d rows  %s' % (name, len(paras), len(frows), dict(sorted(c.items()))))

    per = Counter(r['label'] for r in rows)
    say('TOTAL rows:', len(rows))
    for lab in LABELS:
        say('  %-22s %4d' % (lab, per[lab]))
    say('  judgement calls (clear=false):', sum(1 for r in rows if not r['clear']))
    if len(rows) < MIN_TOTAL:
        fails.append('only %d rows (< %d)' % (len(rows), MIN_TOTAL))
    for lab, n in MINIMUMS.items():
        if per[lab] < n:
            fails.append('only %d %s rows (< %d)' % (per[lab], lab, n))
    for f in fails:
        say('FAIL:', f)
    say('PASS' if not fails else 'FAIL (%d problems)' % len(fails))
    with open(os.path.join(HERE, 'check_output.log'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(out) + '\n')
    return 0 if not fails else 1


if __name__ == '__main__':
    sys.exit(main())
