#!/usr/bin/env python3
"""Checker for the blind batch: re-extracts paragraphs from the PUBLISHED pages
and verifies held-out.jsonl against them.  Prints PASS or FAIL and writes the
output to _tools/check_output.log.  stdlib only."""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402
from build import labelled  # noqa: E402
from pages import PAGES, PREFIX, MIN_ROWS, MIN_LABEL  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, '_src')
out = []
fails = []


def say(s=''):
    out.append(s)


def fail(s):
    fails.append(s)
    say('ERROR: ' + s)


def main():
    rows = [json.loads(l) for l in open(os.path.join(BATCH, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    files = sorted(f for f in os.listdir(BATCH) if f.startswith(PREFIX) and f.endswith(('.html', '.txt')))
    expected = [p['file'] for p in PAGES]
    if files != sorted(expected):
        fail('published files %s != expected %s' % (files, expected))
    kinds = collections.Counter(p['kind'] for p in PAGES)
    txt = collections.Counter((p['kind'], p['file'].endswith('.txt')) for p in PAGES)
    if kinds != {'farm': 9, 'clean': 3}:
        fail('need 9 farm + 3 clean pages, got %s' % dict(kinds))
    if txt[('farm', True)] != 1 or txt[('clean', True)] != 1:
        fail('need one farm .txt and one clean .txt')
    for i, name in enumerate(expected, 1):
        if not name.startswith('%s%02d_' % (PREFIX, i)):
            fail('bad file name order: %s' % name)

    for r in rows:
        if set(r) != {'file', 'contains', 'label', 'clear'}:
            fail('bad row keys %r' % r)
        if r['label'] not in LABELS:
            fail('bad label %r' % r)
        if not isinstance(r['clear'], bool):
            fail('clear not bool %r' % r)

    total = collections.Counter()
    for page in PAGES:
        name = page['file']
        path = os.path.join(BATCH, name)
        raw = open(path, 'rb').read()
        try:
            text = raw.decode('utf-8')
        except UnicodeDecodeError:
            fail('%s is not UTF-8' % name)
            continue
        if 'data-l' in text:
            fail('%s: annotation leaked (data-l)' % name)
        if name.endswith('.txt'):
            for ln in text.splitlines():
                m = re.match(r'\s*([a-z_]+)\??\|', ln)
                if m and m.group(1) in LABELS:
                    fail('%s: annotation leaked in line %r' % (name, ln[:60]))
        else:
            for m in re.finditer(r'<meta[^>]+>', text, re.I):
                tag = m.group(0).lower()
                if 'charset' in tag and 'utf-8' not in tag:
                    fail('%s: declares a non-UTF-8 charset: %s' % (name, tag))
            if not re.search(r'<meta[^>]+charset=["\']?utf-8', text, re.I):
                fail('%s: no UTF-8 charset declaration' % name)
        pub, hidden = extract_file(path)
        for h in hidden:
            fail('%s: text in a hidden element: %r' % (name, h[:60]))
        srcp, errs = labelled(os.path.join(SRC, name))
        for e in errs:
            fail('%s: %s' % (name, e))
        if [p['b'] for p in pub] != [p['b'] for p in srcp]:
            fail('%s: published paragraphs differ from the annotated source' % name)
            continue
        for p, s in zip(pub, srcp):
            p['label'] = s['label']
        prow = [r for r in rows if r['file'] == name]
        matched = [False] * len(pub)
        for r in prow:
            c = r['contains']
            n = len(c.split())
            hits = [i for i, p in enumerate(pub) if c in p['a'] and c in p['b']]
            if not hits:
                fail('%s: row matches no paragraph: %r' % (name, c))
                continue
            if not (5 <= n <= 12) and not any(pub[i]['b'] == c for i in hits):
                fail('%s: contains is neither 5-12 words nor a whole paragraph: %r' % (name, c))
            cl = c.lower()
            for i, p in enumerate(pub):
                if (cl in p['a'].lower() or cl in p['b'].lower()) and p['label'] != r['label']:
                    fail('%s: %r (%s) also occurs in a %s paragraph' % (name, c, r['label'], p['label']))
            for i in hits:
                matched[i] = True
        for i, p in enumerate(pub):
            if not matched[i]:
                fail('%s: paragraph not matched by any row: %r' % (name, p['b'][:80]))
        distinct = {p['b'] for p in pub}
        if len(prow) != len(distinct):
            fail('%s: %d rows for %d distinct paragraphs' % (name, len(prow), len(distinct)))
        cnt = collections.Counter(r['label'] for r in prow)
        total += cnt
        if page['kind'] == 'clean':
            bad = set(cnt) - {'credible', 'boilerplate', 'promotional'}
            if bad:
                fail('%s: clean page carries spam labels %s' % (name, bad))
            if cnt['promotional'] < 1:
                fail('%s: clean page needs its newsletter line' % name)
        else:
            need = {'scraped_faq', 'off_topic', 'unsourced_rumour', 'fabricated_author_bio', 'boilerplate'}
            if set(need) - set(cnt):
                fail('%s: farm page lacks %s' % (name, set(need) - set(cnt)))
            if not 4 <= cnt['credible'] <= 14:
                fail('%s: farm page has %d credible paragraphs' % (name, cnt['credible']))
        unclear = sum(1 for r in prow if not r['clear'])
        say('%-48s %-5s %3d rows  %s  (unclear %d)' % (
            name, page['kind'], len(prow),
            ' '.join('%s=%d' % (k, cnt[k]) for k in sorted(cnt)), unclear))
    say()
    say('TOTAL %d rows: %s' % (sum(total.values()), ', '.join('%s=%d' % (k, total[k]) for k in sorted(LABELS))))
    if sum(total.values()) < MIN_ROWS:
        fail('only %d rows, need %d' % (sum(total.values()), MIN_ROWS))
    for k, v in MIN_LABEL.items():
        if total[k] < v:
            fail('only %d %s rows, need %d' % (total[k], k, v))
    if len(rows) != sum(total.values()):
        fail('held-out.jsonl has rows for unknown files')
    say('PASS' if not fails else 'FAIL (%d problems)' % len(fails))
    log = '\n'.join(out) + '\n'
    print(log, end='')
    with open(os.path.join(HERE, 'check_output.log'), 'w', encoding='utf-8') as f:
        f.write(log)
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
