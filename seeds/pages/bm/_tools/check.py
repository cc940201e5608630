"""Checker: re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, '_src')
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic', 'unsourced_rumour',
          'fabricated_author_bio'}


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(BATCH, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    files = sorted(f for f in os.listdir(SRC))
    pub = sorted(f for f in os.listdir(BATCH) if re.match(r'bm\d\d_.*\.(html|txt)$', f))
    if files != pub:
        errs.append(f'source/published mismatch {files} {pub}')
    if len(files) != 12:
        errs.append(f'expected 12 pages, got {len(files)}')
    total = 0
    for fn in pub:
        path = os.path.join(BATCH, fn)
        raw = open(path, encoding='utf-8').read()
        if re.search(r'\sdata-l=', raw):
            errs.append(f'{fn}: annotation leaked (data-l)')
        if fn.endswith('.txt'):
            for l in raw.splitlines():
                if re.match(r'\s*[a-z_]+\??\|', l):
                    errs.append(f'{fn}: label prefix leaked: {l[:50]}')
        else:
            m = re.findall(r'charset=["\']?([\w-]+)', raw, re.I)
            if not m or any(x.lower() != 'utf-8' for x in m):
                errs.append(f'{fn}: charset declaration {m}')
        paras = extract(path)
        src = extract(os.path.join(SRC, fn), labelled=True)
        if [p['space'] for p in paras] != [p['space'] for p in src]:
            errs.append(f'{fn}: published paragraphs differ from source')
            continue
        gold = [p['labels'][0].rstrip('?') if p['labels'] and p['labels'][0] else None for p in src]
        frows = [r for r in rows if r['file'] == fn]
        total += len(frows)
        matched = [False] * len(paras)
        for r in frows:
            if r['label'] not in LABELS:
                errs.append(f'{fn}: bad label {r}')
            c = r['contains']
            n = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p['space'] and c in p['nothing']]
            if not hits:
                errs.append(f'{fn}: row matches no paragraph: {c!r}')
            if n > 12 or (n < 5 and not any(paras[i]['space'] == c for i in hits)):
                errs.append(f'{fn}: contains length {n}: {c!r}')
            for i, p in enumerate(paras):
                if c.lower() in p['space'].lower() or c.lower() in p['nothing'].lower():
                    if gold[i] != r['label']:
                        errs.append(f'{fn}: {c!r} ({r["label"]}) occurs in paragraph labelled {gold[i]}')
            for i in hits:
                matched[i] = True
        for i, ok in enumerate(matched):
            if not ok:
                errs.append(f'{fn}: paragraph not matched: {paras[i]["space"][:70]!r}')
        print(f'{fn}: {len(paras)} paragraphs, {len(frows)} rows')
    cnt = Counter(r['label'] for r in rows)
    print('rows:', len(rows), dict(sorted(cnt.items())))
    if total < 500:
        errs.append(f'only {total} rows')
    for e in errs:
        print('ERROR', e)
    print('PASS' if not errs else f'FAIL ({len(errs)} errors)')


if __name__ == '__main__':
    main()
