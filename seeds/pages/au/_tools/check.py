#!/usr/bin/env python3
"""Checker: re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, LABELS

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, '_src')
LEAK_TXT = re.compile(r'^\s*(%s)\??\|' % '|'.join(sorted(LABELS)), re.M)


def main():
    errs = []
    pages = sorted(n for n in os.listdir(ROOT) if re.match(r'au\d\d_.*\.(html|txt)$', n))
    if len(pages) != 12:
        errs.append('expected 12 published pages, found %d' % len(pages))
    if sum(p.endswith('.txt') for p in pages) != 2:
        errs.append('expected exactly 2 .txt pages')
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    byfile = collections.defaultdict(list)
    for r in rows:
        if set(r) != {'file', 'contains', 'label', 'clear'}:
            errs.append('bad row keys %r' % r)
        if r['label'] not in LABELS:
            errs.append('bad label %r' % r)
        if not isinstance(r['clear'], bool):
            errs.append('clear not bool %r' % r)
        byfile[r['file']].append(r)
    for f in byfile:
        if f not in pages:
            errs.append('row for unknown file %s' % f)
    total = 0
    counts = collections.Counter()
    for name in pages:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding='utf-8').read()
        if 'data-l' in raw or (name.endswith('.txt') and LEAK_TXT.search(raw)):
            errs.append('%s: annotation leaked' % name)
        pub = extract_file(path)
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p['b'] for p in pub] != [p['b'] for p in src] or [p['a'] for p in pub] != [p['a'] for p in src]:
            errs.append('%s: published paragraphs differ from source paragraphs' % name)
            continue
        labels = [p['label'].rstrip('?') for p in src]
        total += len(pub)
        matched = [False] * len(pub)
        for r in byfile.get(name, []):
            c = r['contains']
            n = len(c.split())
            hits = [i for i, p in enumerate(pub) if c in p['a'] and c in p['b']]
            if not hits:
                errs.append('%s: row matches no paragraph: %r' % (name, c))
                continue
            if n > 12 or (n < 5 and not any(c in (pub[i]['a'], pub[i]['b']) for i in hits)):
                errs.append('%s: snippet length not 5-12 words nor whole text: %r' % (name, c))
            cl = c.lower()
            for i, p in enumerate(pub):
                if labels[i] != r['label'] and (cl in p['a'].lower() or cl in p['b'].lower()):
                    errs.append('%s: %r also occurs in a [%s] paragraph' % (name, c, labels[i]))
            for i in hits:
                if labels[i] == r['label']:
                    matched[i] = True
        for i, m in enumerate(matched):
            if not m:
                errs.append('%s: paragraph not matched: [%s] %r' % (name, labels[i], pub[i]['b'][:80]))
        texts = {}
        for i, p in enumerate(pub):
            texts.setdefault(p['b'], labels[i])
        for t, l in texts.items():
            counts[l] += 1
        print('%-58s paragraphs=%3d rows=%3d' % (name, len(pub), len(byfile.get(name, []))))
    if total < 450:
        errs.append('only %d paragraphs (< 450)' % total)
    print('total paragraphs: %d, rows: %d' % (total, len(rows)))
    print('rows by label: ' + ', '.join('%s=%d' % kv for kv in sorted(collections.Counter(r['label'] for r in rows).items())))
    if errs:
        print('\n'.join('ERROR ' + e for e in errs))
        print('FAIL')
        sys.exit(1)
    print('PASS')


if __name__ == '__main__':
    main()
