import os, re, json, sys, glob
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
problems = []
byfile = {}
for r in rows: byfile.setdefault(r['file'], []).append(r)
pages = sorted(f for f in os.listdir(ROOT) if re.match(r'q\d\d_.*\.(html|txt)$', f))
total = 0
for f in pages:
    src = open(os.path.join(ROOT, f), encoding='utf-8').read()
    if 'data-l' in src: problems.append(f'{f}: annotation data-l leaked')
    if f.endswith('.txt'):
        if re.search(r'^(' + '|'.join(LABELS) + r')\|', src, re.M): problems.append(f'{f}: label prefix leaked')
        paras = extract_txt(src)
    else:
        paras = extract_html(src)
    # independent flat-text checks: strip tags with and without spaces
    body = re.sub(r'(?is)<(script|style|head|template)\b.*?</\1>', ' ', src)
    flat_sp = re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', body))
    flat_no = re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', '', body))
    import html as _h
    flat_sp, flat_no = _h.unescape(flat_sp), _h.unescape(flat_no)
    frows = byfile.get(f, [])
    if not frows: problems.append(f'{f}: no rows')
    total += len(paras)
    for r in frows:
        if r['label'] not in LABELS: problems.append(f'{f}: bad label {r}')
        n = len(r['contains'].split())
        hits = [p for p in paras if r['contains'] in p['text']]
        if not hits: problems.append(f'{f}: row matches no paragraph: {r["contains"]}')
        if r['contains'] not in flat_sp or r['contains'] not in flat_no:
            problems.append(f'{f}: contains not found in both stripped forms: {r["contains"]}')
        low = [p for p in paras if r['contains'].lower() in p['text'].lower()]
        if any(p['lab'] != r['label'] for p in low if 'lab' in p): pass
    for p in paras:
        ms = [r for r in frows if r['contains'] in p['text']]
        if not ms: problems.append(f'{f}: paragraph unmatched: {p["text"][:70]}'); continue
        labs = {r['label'] for r in ms}
        if len(labs) > 1: problems.append(f'{f}: conflicting labels {labs}: {p["text"][:70]}')
        # case-insensitive collision: any row with a different label matching this paragraph
        ci = {r['label'] for r in frows if r['contains'].lower() in p['text'].lower()}
        if len(ci) > 1: problems.append(f'{f}: case-insensitive collision {ci}: {p["text"][:70]}')
    for r in frows:
        n = len(r['contains'].split())
        whole = any(r['contains'] == p['text'] for p in paras)
        if not whole and not (5 <= n <= 12): problems.append(f'{f}: contains length {n}: {r["contains"]}')
counts = {}
for r in rows: counts[r['label']] = counts.get(r['label'], 0) + 1
print(f'pages: {len(pages)}  paragraphs extracted: {total}  rows: {len(rows)}  unclear rows: {sum(not r["clear"] for r in rows)}')
print('rows per label:', json.dumps(counts, sort_keys=True))
for p in problems: print('PROBLEM', p)
print('RESULT:', 'PASS' if not problems else f'FAIL ({len(problems)} problems)')
