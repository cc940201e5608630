"""Re-extract paragraphs from the published pages and check held-out.jsonl against them."""
import os, json, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
    byfile = collections.defaultdict(list)
    for r in rows: byfile[r['file']].append(r)
    pages = sorted(f for f in os.listdir(ROOT) if f.startswith('bc') and f.endswith(('.html', '.txt')))
    srcs = sorted(os.listdir(os.path.join(ROOT, '_src')))
    if pages != srcs: errs.append(f'published pages {pages} != sources {srcs}')
    for f in byfile:
        if f not in pages: errs.append(f'row for missing file {f}')
    total = 0
    for fn in pages:
        raw = open(os.path.join(ROOT, fn), encoding='utf-8').read()
        if 'data-l' in raw: errs.append(f'{fn}: annotation leaked (data-l)')
        if fn.endswith('.txt'):
            for lab in LABELS:
                if any(l.startswith(lab + '|') for l in raw.splitlines()):
                    errs.append(f'{fn}: label prefix leaked')
        paras = extract_file(os.path.join(ROOT, fn))
        matched = [None] * len(paras)
        for r in byfile[fn]:
            total += 1
            if r['label'] not in LABELS: errs.append(f'{fn}: bad label {r}')
            n = len(r['contains'].split())
            c = r['contains'].lower()
            hits = [i for i, p in enumerate(paras) if c in p['text'].lower() and c in p['text_space'].lower()]
            if not hits:
                errs.append(f'{fn}: row matches no paragraph: {r["contains"]}'); continue
            if n > 12: errs.append(f'{fn}: contains too long: {r["contains"]}')
            if n < 5 and not any(p['text'].lower() == c for p in (paras[i] for i in hits)):
                errs.append(f'{fn}: short contains is not a whole paragraph: {r["contains"]}')
            for i in hits:
                if matched[i] is not None and matched[i] != r['label']:
                    errs.append(f'{fn}: label conflict on paragraph: {paras[i]["text"][:60]}')
                matched[i] = r['label']
        for i, m in enumerate(matched):
            if m is None: errs.append(f'{fn}: paragraph not matched: {paras[i]["text"][:70]}')
    # compare labels with the annotated sources
    for fn in srcs:
        sp = extract_file(os.path.join(ROOT, '_src', fn), annotated=True)
        for r in byfile[fn]:
            c = r['contains'].lower()
            for p in sp:
                if c in p['text'].lower() and p['label'].rstrip('?') != r['label']:
                    errs.append(f'{fn}: row label {r["label"]} disagrees with source {p["label"]}')
    cnt = collections.Counter(r['label'] for r in rows)
    print(f'files: {len(pages)}  rows: {total}')
    for k, v in sorted(cnt.items()): print(f'  {k}: {v}')
    print(f'  unclear rows: {sum(1 for r in rows if not r["clear"])}')
    for e in errs: print('FAIL', e)
    print('PASS' if not errs and total >= 400 else f'FAIL ({len(errs)} errors, {total} rows)')

if __name__ == '__main__':
    main()
