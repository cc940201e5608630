"""Re-extract paragraphs from the published pages and check held-out.jsonl against them."""
import os, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8') if l.strip()]
    files = sorted(f for f in os.listdir(ROOT) if f.startswith('bg') and f.endswith(('.html', '.txt')))
    if len(files) != 12:
        errs.append(f'expected 12 pages, found {len(files)}')
    total = 0
    for fn in files:
        pub = open(os.path.join(ROOT, fn), encoding='utf-8').read()
        if 'data-l' in pub or ('|' in pub and fn.endswith('.txt') and any(l.split('| ')[0] in LABELS or l.split('| ')[0].rstrip('?') in LABELS for l in pub.splitlines() if '| ' in l)):
            errs.append(f'{fn}: annotation leaked')
        paras = extract(os.path.join(ROOT, fn))
        src = extract(os.path.join(ROOT, '_src', fn), annotated=True)
        if [p['text'] for p in paras] != [p['text'] for p in src]:
            errs.append(f'{fn}: published paragraphs differ from source')
            continue
        labs = [s['labels'][0].rstrip('?') for s in src]
        total += len(paras)
        matched = [False] * len(paras)
        for r in (r for r in rows if r['file'] == fn):
            c = r['contains']
            if r['label'] not in LABELS:
                errs.append(f'{fn}: bad label {r}')
            n = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p['text'] and c in p['text0']]
            if not hits:
                errs.append(f'{fn}: no paragraph matches {c!r}'); continue
            if not (5 <= n <= 12) and not any(c == paras[i]['text'] for i in hits):
                errs.append(f'{fn}: contains length {n} {c!r}')
            for i, p in enumerate(paras):
                if c.lower() in p['text'].lower() or c.lower() in p['text0'].lower():
                    if labs[i] != r['label']:
                        errs.append(f'{fn}: {c!r} ({r["label"]}) occurs in {labs[i]} paragraph')
                    else:
                        matched[i] = True
        for i, m in enumerate(matched):
            if not m:
                errs.append(f'{fn}: paragraph not matched: {paras[i]["text"][:60]!r}')
    for e in errs:
        print('FAIL', e)
    cnt = collections.Counter(r['label'] for r in rows)
    print('pages:', len(files), 'paragraphs:', total, 'rows:', len(rows))
    for k in sorted(cnt):
        print(f'  {k}: {cnt[k]}')
    print('clear:', sum(r['clear'] for r in rows), 'unclear:', sum(not r['clear'] for r in rows))
    print('PASS' if not errs else 'FAIL')

if __name__ == '__main__':
    main()
