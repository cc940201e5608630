"""Re-extract paragraphs from published pages and verify held-out.jsonl."""
import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_html, extract_txt
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(BASE, 'held-out.jsonl'), encoding='utf-8')]
errs = []; by = collections.defaultdict(list)
for r in rows: by[r['file']].append(r)
pages = sorted(f for f in os.listdir(BASE) if re.match(r'bo\d\d_.*\.(html|txt)$', f))
if len(pages) != 12: errs.append('expected 12 pages, got %d' % len(pages))
total = 0
for fn in pages:
    raw = open(os.path.join(BASE, fn), encoding='utf-8').read()
    if re.search(r'\sdata-l=', raw): errs.append(fn + ': annotation leaked')
    m = re.search(r'charset\s*=\s*["\']?([\w-]+)', raw, re.I)
    if m and m.group(1).lower() != 'utf-8': errs.append(fn + ': non-UTF-8 charset')
    paras = extract_txt(raw) if fn.endswith('.txt') else extract_html(raw)
    total += len(paras)
    rs = by.get(fn, [])
    if not rs: errs.append(fn + ': no rows')
    for r in rs:
        c = r['contains']
        hits = [p for p in paras if c in p['text_sp'] and c in p['text_no']]
        if not hits: errs.append('%s: row not matched %r' % (fn, c))
        n = len(c.split())
        if n > 12: errs.append('%s: contains too long %r' % (fn, c))
    for p in paras:
        ms = [r for r in rs if r['contains'].lower() in p['text_sp'].lower()]
        if not ms: errs.append('%s: paragraph unmatched %r' % (fn, p['text_sp'][:80])); continue
        labs = {r['label'] for r in ms}
        if len(labs) > 1: errs.append('%s: conflicting labels %r for %r' % (fn, labs, p['text_sp'][:80]))
cnt = collections.Counter(r['label'] for r in rows)
print('pages', len(pages), 'paragraphs', total, 'rows', len(rows))
print('labels', dict(sorted(cnt.items())))
print('unclear rows', sum(1 for r in rows if not r['clear']))
for e in errs: print('ERROR', e)
print('FAIL (%d errors)' % len(errs) if errs else 'PASS')
