"""Re-extract paragraphs from the published pages and check held-out.jsonl against them."""
import os, json, sys, re, collections
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract_html, extract_txt

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, 'held-out.jsonl'), encoding='utf-8')]
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r['file']].append(r)
    srcfiles = sorted(os.listdir(SRC))
    if len(srcfiles) != 12: errs.append('expected 12 pages, got %d' % len(srcfiles))
    counts = collections.Counter()
    for fn in srcfiles:
        path = os.path.join(BASE, fn)
        if not os.path.exists(path):
            errs.append('missing published ' + fn); continue
        pub = open(path, encoding='utf-8').read()
        if 'data-l=' in pub or re.search(r'^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|', pub, re.M):
            errs.append('annotation leaked in ' + fn)
        if fn.endswith('.html'):
            m = re.search(r'charset=["\']?([\w-]+)', pub, re.I)
            if m and m.group(1).lower() != 'utf-8':
                errs.append('%s declares %s' % (fn, m.group(1)))
            paras = extract_html(pub)
        else:
            paras = extract_txt(pub)
        texts = list(dict.fromkeys(p['text'] for p in paras))
        nosp = {p['text']: p['text_nosp'] for p in paras}
        frows = byfile.get(fn, [])
        matched = collections.defaultdict(set)
        for r in frows:
            c = r['contains']
            nw = len(c.split())
            hits = [t for t in texts if c in t and c in nosp[t]]
            if not hits:
                errs.append('%s: row not found %r' % (fn, c)); continue
            for t in hits: matched[t].add(r['label'])
            if nw < 5 and not any(c == t for t in hits):
                errs.append('%s: short contains is not whole text %r' % (fn, c))
            if nw > 12: errs.append('%s: contains too long %r' % (fn, c))
            for t in texts:
                if c.lower() in t.lower() and t not in hits:
                    pass
            counts[r['label']] += 1
        # label agreement: a paragraph hit by rows of different labels is an error
        for t in texts:
            if t not in matched:
                errs.append('%s: unmatched paragraph %r' % (fn, t[:80]))
            elif len(matched[t]) > 1:
                errs.append('%s: conflicting labels %r %r' % (fn, matched[t], t[:80]))
        # row must not occur case-insensitively in a paragraph of another label
        own = {}
        for r in frows:
            for t in texts:
                if r['contains'] in t and r['contains'] in nosp[t]:
                    own.setdefault(t, r['label'])
        for r in frows:
            for t in texts:
                if r['contains'].lower() in t.lower() and own.get(t) != r['label']:
                    errs.append('%s: %r also in other-label paragraph %r' % (fn, r['contains'], t[:60]))
        if len(frows) != len(texts):
            errs.append('%s: %d rows for %d distinct paragraphs' % (fn, len(frows), len(texts)))
    for f in byfile:
        if f not in srcfiles: errs.append('rows for unknown file ' + f)
    print('rows', len(rows), 'labels', dict(sorted(counts.items())))
    print('clear false:', sum(1 for r in rows if not r['clear']))
    for e in errs: print('ERROR', e)
    print('FAIL (%d errors)' % len(errs) if errs else 'PASS')

if __name__ == '__main__':
    main()
