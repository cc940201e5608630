"""Re-extract paragraphs from the published pages and verify held-out.jsonl."""
import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
errors = []
def err(m):
    errors.append(m); print('ERROR', m)

rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
files = sorted(os.listdir(SRC))
byfile = collections.defaultdict(list)
for r in rows:
    byfile[r['file']].append(r)
    if r['label'] not in LABELS: err('bad label %r' % r)
    if not isinstance(r['clear'], bool): err('bad clear %r' % r)
if set(byfile) != set(files): err('row files differ from pages')
for name in files:
    pub_path = os.path.join(ROOT, name)
    raw = open(pub_path, encoding='utf-8').read()
    if 'data-l' in raw: err('%s: annotation attribute leaked' % name)
    if re.search(r'^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|', raw, re.M):
        err('%s: text label leaked' % name)
    pub = extract(pub_path)
    src = extract(os.path.join(SRC, name), annotated=True)
    if [p['a'] for p in pub] != [p['a'] for p in src]:
        err('%s: published paragraphs differ from source' % name); continue
    for p, s in zip(pub, src):
        p['label'] = s['label'].rstrip('?')
    for r in byfile[name]:
        c = r['contains'].lower()
        nw = len(r['contains'].split())
        hits = [p for p in pub if c in p['a'].lower() or c in p['b'].lower()]
        full = [p for p in pub if c in p['a'].lower() and c in p['b'].lower()]
        if not full: err('%s: row not found in any paragraph (both modes): %r' % (name, r['contains']))
        if nw > 12: err('%s: contains too long %r' % (name, r['contains']))
        if nw < 5 and not any(p['a'].lower() == c for p in full):
            err('%s: short contains is not a whole paragraph %r' % (name, r['contains']))
        for p in hits:
            if p['label'] != r['label']:
                err('%s: %r (%s) also in %s paragraph %r' % (name, r['contains'], r['label'], p['label'], p['a'][:60]))
    for p in pub:
        m = [r for r in byfile[name] if r['contains'].lower() in p['a'].lower() and r['contains'].lower() in p['b'].lower()]
        if not m: err('%s: paragraph unmatched: %r' % (name, p['a'][:80]))
        elif any(r['label'] != p['label'] for r in m): err('%s: label disagreement %r' % (name, p['a'][:80]))
    print('%-48s %4d paragraphs %4d rows' % (name, len(pub), len(byfile[name])))

cnt = collections.Counter(r['label'] for r in rows)
print('rows:', len(rows)); print('labels:', dict(sorted(cnt.items())))
print('unclear rows:', sum(1 for r in rows if not r['clear']))
if len(rows) < 450: err('fewer than 450 rows')
if len(files) != 12: err('expected 12 pages, got %d' % len(files))
if sum(f.endswith('.txt') for f in files) != 2: err('expected 2 txt pages')
print('FAIL (%d errors)' % len(errors) if errors else 'PASS')
