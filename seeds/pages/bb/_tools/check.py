"""Checker: re-extracts paragraphs from the PUBLISHED pages and verifies held-out.jsonl."""
import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

BASE = os.path.dirname(os.path.abspath(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic',
          'unsourced_rumour','fabricated_author_bio'}
FARM = {1, 2, 4, 5, 7, 8, 10, 11, 12}

def main():
    fails = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    pages = sorted(f for f in os.listdir(BASE) if re.match(r'bb\d\d_.+\.(html|txt)$', f))
    if len(pages) != 12:
        fails.append('expected 12 pages, got %d' % len(pages))
    if sum(p.endswith('.txt') for p in pages) != 2:
        fails.append('expected exactly 2 .txt pages')
    byfile = collections.defaultdict(list)
    for r in rows:
        if r['label'] not in LABELS:
            fails.append('bad label %r' % r)
        if not isinstance(r['clear'], bool):
            fails.append('bad clear %r' % r)
        byfile[r['file']].append(r)
    for pg in pages:
        raw = open(os.path.join(BASE, pg), encoding='utf-8').read()
        if re.search(r'\sdata-l=', raw):
            fails.append('%s: annotation leaked (data-l)' % pg)
        if pg.endswith('.txt') and re.search(r'^\s*(%s)\??\|' % '|'.join(LABELS), raw, re.M):
            fails.append('%s: annotation leaked (label prefix)' % pg)
        pub = extract_file(os.path.join(BASE, pg))
        src = extract_file(os.path.join(SRC, pg), annotated=True)
        if [p['text'] for p in pub] != [p['text'] for p in src]:
            fails.append('%s: published paragraphs differ from source' % pg)
            continue
        for p, s in zip(pub, src):
            p['label'] = (s['label'] or '').rstrip('?')
        matched = [False] * len(pub)
        prows = byfile.get(pg, [])
        if not prows:
            fails.append('%s: no rows' % pg)
        for r in prows:
            c = r['contains']
            n = len(c.split())
            hits = [i for i, p in enumerate(pub) if c in p['nothing'] and c in p['space']]
            if not hits:
                fails.append('%s: row matches no paragraph: %r' % (pg, c))
                continue
            whole = any(pub[i]['text'] == c for i in hits)
            if not (5 <= n <= 12 or whole):
                fails.append('%s: contains length %d and not whole text: %r' % (pg, n, c))
            for i in hits:
                matched[i] = True
                if pub[i]['label'] != r['label']:
                    fails.append('%s: label mismatch for %r: row %s, page %s' % (pg, c, r['label'], pub[i]['label']))
            for p in pub:
                if p['label'] != r['label'] and any(c.lower() in p[k].lower() for k in ('text', 'nothing', 'space')):
                    fails.append('%s: %r occurs in a %s paragraph' % (pg, c, p['label']))
        for i, m in enumerate(matched):
            if not m:
                fails.append('%s: paragraph not matched: %r' % (pg, pub[i]['text'][:80]))
        labs = collections.Counter(p['label'] for p in pub)
        num = int(pg[2:4])
        farm = bool(set(labs) & {'scraped_faq', 'off_topic', 'unsourced_rumour', 'fabricated_author_bio'})
        if farm != (num in FARM):
            fails.append('%s: farm/clean status does not match plan' % pg)
        print('%-42s paragraphs=%3d rows=%3d %s' % (pg, len(pub), len(prows), dict(labs)))
    for f in byfile:
        if f not in pages:
            fails.append('rows for unknown file %s' % f)
    cnt = collections.Counter(r['label'] for r in rows)
    print('rows total', len(rows), dict(sorted(cnt.items())))
    print('unclear rows', sum(not r['clear'] for r in rows))
    if len(rows) < 450:
        fails.append('fewer than 450 rows')
    for f in fails:
        print('FAIL', f)
    print('PASS' if not fails else 'FAILED (%d problems)' % len(fails))
    return 0 if not fails else 1

if __name__ == '__main__':
    sys.exit(main())
