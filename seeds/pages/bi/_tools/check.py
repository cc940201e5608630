"""Re-extract paragraphs from the published pages and check held-out.jsonl against them."""
import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract, LABELS

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, '_src')

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(BATCH, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    byfile = collections.defaultdict(list)
    for r in rows:
        if r['label'] not in LABELS: errs.append(('bad label', r))
        byfile[r['file']].append(r)
    names = sorted(os.listdir(SRC))
    if len(names) != 12: errs.append(('expected 12 pages', len(names)))
    counts = collections.Counter(); npara = 0
    for name in names:
        pub = os.path.join(BATCH, name)
        if not os.path.exists(pub): errs.append(('missing published', name)); continue
        text = open(pub, encoding='utf-8').read()
        if 'data-l' in text: errs.append(('annotation leaked', name))
        if name.endswith('.txt'):
            for line in text.split('\n'):
                if re.match(r'\s*(%s)\??\s*\|' % '|'.join(LABELS), line):
                    errs.append(('label prefix leaked', name, line[:40]))
        else:
            for m in re.finditer(r'charset\s*=\s*["\']?([\w-]+)', text, re.I):
                if m.group(1).lower() not in ('utf-8', 'utf8'):
                    errs.append(('non-utf8 charset', name, m.group(1)))
        paras = extract(pub)
        srcp = extract(os.path.join(SRC, name), labelled=True)
        if [p['space'] for p in paras] != [p['space'] for p in srcp]:
            errs.append(('published/src paragraph mismatch', name)); continue
        for p, s in zip(paras, srcp):
            if len(s['labels']) != 1: errs.append(('mixed/unlabelled paragraph', name, p['space'][:60])); continue
            p['lab'] = next(iter(s['labels'])).rstrip('?')
        npara += len(paras)
        frows = byfile.get(name, [])
        if not frows: errs.append(('no rows', name))
        matched = [False] * len(paras)
        for r in frows:
            c = r['contains']
            n = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p['space'] and c in p['nothing']]
            if not hits: errs.append(('row matches no paragraph', name, c)); continue
            if n < 5 and not any(paras[i]['space'] == c for i in hits):
                errs.append(('short contains is not whole text', name, c))
            if n > 12: errs.append(('contains too long', name, c))
            for i, p in enumerate(paras):
                if c.lower() in p['space'].lower() and p['lab'] != r['label']:
                    errs.append(('contains occurs in other-label paragraph', name, c, p['lab']))
            for i in hits:
                matched[i] = True
            counts[r['label']] += 1
        for i, m in enumerate(matched):
            if not m: errs.append(('paragraph unmatched', name, paras[i]['space'][:70]))
    if set(byfile) - set(names): errs.append(('rows for unknown files', set(byfile) - set(names)))
    for e in errs: print('ERROR', *e)
    print('pages', len(names), 'paragraphs', npara, 'rows', len(rows))
    print('label counts', dict(sorted(counts.items())))
    print('FAIL' if errs else 'PASS')

if __name__ == '__main__':
    main()
