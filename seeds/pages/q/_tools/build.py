import os, re, json, sys, glob
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt, fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
BAD = set('"\'’‘“”&')
UNCLEAR = {}  # (file, substring-of-text) -> reason ; filled from _src/unclear.json
try:
    UNCLEAR = json.load(open(os.path.join(ROOT, '_src', 'unclear.json')))
except FileNotFoundError:
    pass

def choose(p, others):
    text = p['text']
    words_all = text.split()
    if len(words_all) <= 6:
        cands = [text]
        for seg in sorted(p['segs'], key=lambda s: -len(s)):
            w = seg.split()
            for n in range(len(w), 1, -1):
                for s in range(0, len(w) - n + 1):
                    cands.append(' '.join(w[s:s+n]))
    else:
        cands = []
        segs = sorted(p['segs'], key=lambda s: -len(s.split()))
        for seg in segs:
            w = seg.split()
            # trim edge words (may be glued to neighbours)
            for n in (8, 9, 7, 10, 6, 11, 5, 12):
                for s in range(0, max(1, len(w) - n + 1)):
                    c = ' '.join(w[s:s+n])
                    if len(c.split()) < min(5, len(w)): continue
                    cands.append(c)
        w = text.split()
        for n in (8, 9, 7, 10, 6, 11, 5, 12):
            for s in range(0, max(1, len(w) - n + 1)):
                c = ' '.join(w[s:s+n])
                if len(c.split()) >= 5: cands.append(c)
        if len(w) <= 12: cands.insert(0, text)
        cands.sort(key=lambda c: any(ch in BAD for ch in c))
        if not cands: cands = [text]
    for c in cands:
        if c not in text or c not in p['text_nosp']: continue
        if any(c.lower() in o.lower() for o in others): continue
        return c
    return None

rows = []; errors = []; counts = {}
for sp in sorted(glob.glob(os.path.join(ROOT, '_src', 'q*.src'))):
    name = os.path.basename(sp)[:-4]
    src = open(sp, encoding='utf-8').read()
    if name.endswith('.txt'):
        paras = extract_txt(src, labelled=True)
        pub = '\n'.join(l.partition('| ')[2] if '| ' in l else l for l in src.splitlines()) + '\n'
    else:
        paras = extract_html(src)
        pub = re.sub(r'\s+data-l="[^"]*"', '', src)
    open(os.path.join(ROOT, name), 'w', encoding='utf-8').write(pub)
    seen = {}
    for p in paras:
        if p['label'] not in LABELS:
            errors.append(f'{name}: bad/missing label {p["label"]!r}: {p["text"][:60]}')
            continue
        if p['text'] in seen:
            if seen[p['text']] != p['label']:
                errors.append(f'{name}: same text two labels: {p["text"][:60]}')
            continue
        seen[p['text']] = p['label']
    for text, lab in seen.items():
        p = next(x for x in paras if x['text'] == text)
        others = [t for t, l in seen.items() if l != lab]
        c = choose(p, others)
        if c is None:
            errors.append(f'{name}: no unique contains for [{lab}] {text[:70]}'); continue
        clear = True
        for key, why in UNCLEAR.items():
            f, _, sub = key.partition('::')
            if f == name and sub in text: clear = False
        rows.append({'file': name, 'contains': c, 'label': lab, 'clear': clear})
        counts.setdefault(name, {}).setdefault(lab, 0); counts[name][lab] += 1

with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
tot = {}
for n, c in counts.items():
    print(n, sum(c.values()), c)
    for l, k in c.items(): tot[l] = tot.get(l, 0) + k
print('TOTAL', sum(tot.values()), tot)
for e in errors: print('ERROR', e)
