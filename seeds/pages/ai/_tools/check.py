#!/usr/bin/env python3
"""Checker: re-extract paragraphs from the PUBLISHED pages and verify
held-out.jsonl against them (and against the labels in _src/).

Prints PASS or FAIL and writes the same output to _tools/check_output.log.
Stdlib only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, '_src')
PREFIX = 'ai'
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq',
          'off_topic', 'unsourced_rumour', 'fabricated_author_bio'}
SPAM = {'scraped_faq', 'off_topic', 'unsourced_rumour', 'fabricated_author_bio'}
CLEAN = {'ai04', 'ai07', 'ai10'}
TXT_LEAK = re.compile(r'^\s*(%s)\??\s*\|' % '|'.join(sorted(LABELS)))

out_lines = []


def say(s=''):
    out_lines.append(s)
    print(s)


def main():
    errs, warns = [], []
    pubs = sorted(n for n in os.listdir(ROOT)
                  if n.startswith(PREFIX) and n.endswith(('.html', '.txt')))
    rows = []
    with open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8') as f:
        for i, line in enumerate(f, 1):
            if line.strip():
                r = json.loads(line)
                r['_line'] = i
                rows.append(r)
    say('published pages: %d (%d html, %d txt)' % (
        len(pubs), sum(n.endswith('.html') for n in pubs), sum(n.endswith('.txt') for n in pubs)))
    if len(pubs) != 12:
        errs.append('expected 12 published pages, found %d' % len(pubs))
    if sum(n.endswith('.txt') for n in pubs) != 2:
        errs.append('expected exactly 2 .txt pages')
    for r in rows:
        if set(r) - {'_line'} != {'file', 'contains', 'label', 'clear'}:
            errs.append('row %d: bad keys %s' % (r['_line'], sorted(r)))
        if r['label'] not in LABELS:
            errs.append('row %d: bad label %r' % (r['_line'], r['label']))
        if r['file'] not in pubs:
            errs.append('row %d: unknown file %r' % (r['_line'], r['file']))
        if not isinstance(r['clear'], bool):
            errs.append('row %d: clear is not boolean' % r['_line'])
    total = 0
    counts = {}
    for name in pubs:
        path = os.path.join(ROOT, name)
        with open(path, encoding='utf-8') as f:
            raw = f.read()
        # 1. no annotation leaked
        if 'data-l=' in raw:
            errs.append('%s: data-l annotation leaked' % name)
        if name.endswith('.txt'):
            for ln in raw.splitlines():
                if TXT_LEAK.match(ln):
                    errs.append('%s: label prefix leaked: %r' % (name, ln[:60]))
        # 2. paragraphs from the published page; truth labels from _src
        paras = extract_file(path)
        truth = extract_file(os.path.join(SRC, name), annotated=True)
        if [p['sp'] for p in paras] != [p['sp'] for p in truth]:
            errs.append('%s: published paragraphs do not line up with _src' % name)
            continue
        for p, t in zip(paras, truth):
            labs = {l.rstrip('?') for l in t['labels'] if l}
            if len(labs) != 1 or None in t['labels']:
                errs.append('%s: paragraph without a single label: %r' % (name, p['sp'][:80]))
                p['label'] = None
            else:
                p['label'] = labs.pop()
                p['clear'] = not any(l.endswith('?') for l in t['labels'])
        total += len(paras)
        per = {}
        for p in paras:
            per[p['label']] = per.get(p['label'], 0) + 1
            counts[p['label']] = counts.get(p['label'], 0) + 1
        # 3. rows of this file
        frows = [r for r in rows if r['file'] == name]
        matched = [False] * len(paras)
        for r in frows:
            c = r['contains']
            words = c.split()
            hits = [i for i, p in enumerate(paras) if c in p['sp'] and c in p['no']]
            if not hits:
                errs.append('%s row %d: contains not found in any paragraph (both renderings): %r'
                            % (name, r['_line'], c))
                continue
            if len(words) < 5 and not any(c == paras[i]['sp'] for i in hits):
                errs.append('%s row %d: short contains is not a whole paragraph: %r'
                            % (name, r['_line'], c))
            if len(words) > 12:
                errs.append('%s row %d: contains longer than 12 words' % (name, r['_line']))
            cl = c.lower()
            for i, p in enumerate(paras):
                if cl in p['sp'].lower() or cl in p['no'].lower():
                    if p['label'] != r['label']:
                        errs.append('%s row %d: %r also occurs in a %s paragraph: %r'
                                    % (name, r['_line'], c, p['label'], p['sp'][:70]))
            texts = {paras[i]['sp'] for i in hits}
            if len(texts) > 1:
                warns.append('%s row %d: contains matches %d distinct paragraphs (same label)'
                             % (name, r['_line'], len(texts)))
            for i in hits:
                if paras[i]['label'] == r['label']:
                    matched[i] = True
                    if paras[i].get('clear', True) != r['clear']:
                        errs.append('%s row %d: clear flag disagrees with _src' % (name, r['_line']))
        for i, ok in enumerate(matched):
            if not ok:
                errs.append('%s: paragraph not matched by any row: %r' % (name, paras[i]['sp'][:80]))
        distinct = len({p['sp'] for p in paras})
        if distinct != len(frows):
            errs.append('%s: %d distinct paragraphs but %d rows' % (name, distinct, len(frows)))
        # 4. farm / clean sanity
        stem = name[:4]
        spam_here = {k for k in per if k in SPAM}
        if stem in CLEAN:
            if spam_here:
                errs.append('%s: clean page carries spam labels %s' % (name, sorted(spam_here)))
            if per.get('promotional', 0) > 2:
                errs.append('%s: clean page has %d promotional paragraphs' % (name, per['promotional']))
        else:
            if len(spam_here) < 3:
                errs.append('%s: farm page has only %s spam kinds' % (name, sorted(spam_here)))
            if not 4 <= per.get('credible', 0) <= 14:
                warns.append('%s: farm page has %d credible paragraphs' % (name, per.get('credible', 0)))
        say('%-44s paragraphs=%3d rows=%3d  %s' % (
            name, len(paras), len(frows), ' '.join('%s=%d' % kv for kv in sorted(per.items(), key=str))))
    if total < 450:
        errs.append('only %d paragraphs (need >= 450)' % total)
    say('total paragraphs: %d, rows: %d' % (total, len(rows)))
    for k in sorted(counts, key=str):
        say('  %-24s %d' % (k, counts[k]))
    for w in warns:
        say('WARN ' + w)
    for e in errs:
        say('ERROR ' + e)
    say('PASS' if not errs else 'FAIL (%d errors)' % len(errs))
    with open(os.path.join(HERE, 'check_output.log'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(out_lines) + '\n')
    return 0 if not errs else 1


if __name__ == '__main__':
    sys.exit(main())
