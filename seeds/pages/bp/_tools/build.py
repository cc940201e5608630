"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, norm
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}

def pick(text, others):
    words = text.split(' ')
    if len(words) < 5:
        cands = [text]
    else:
        cands = []
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, len(words) - n + 1):
                cands.append(' '.join(words[i:i+n]))
    def score(c):
        return sum(ch in c for ch in '"\'&\u2019\u201c\u201d')
    cands.sort(key=score)
    for c in cands:
        lc = c.lower()
        if not any(lc in o.lower() for o in others):
            return c
    raise SystemExit('no unique contains for: ' + text[:80])

rows, errs = [], []
for fn in sorted(os.listdir(SRC)):
    path = os.path.join(SRC, fn)
    src = open(path, encoding='utf-8').read()
    if fn.endswith('.txt'):
        pub = '\n'.join(l.partition('|')[2].strip() for l in src.splitlines() if l.strip()) + '\n'
    else:
        pub = re.sub(r'\s+data-l="[^"]*"', '', src)
    open(os.path.join(BASE, fn), 'w', encoding='utf-8').write(pub)
    paras = extract_file(path, labelled=True)
    seen = {}
    for p in paras:
        lab = p['label']
        if lab is None:
            errs.append(f'{fn}: unlabelled paragraph: {p["text"][:70]}'); continue
        clear = not lab.endswith('?'); lab = lab.rstrip('?')
        if lab not in LABELS:
            errs.append(f'{fn}: bad label {lab}'); continue
        if p['text'] in seen:
            if seen[p['text']] != lab:
                errs.append(f'{fn}: same text, two labels: {p["text"][:70]}')
            continue
        seen[p['text']] = lab
        p['lab'] = lab; p['clear'] = clear
    for t, lab in seen.items():
        others = [q['text'] for q in paras if q.get('lab') and q['lab'] != lab] + \
                 [q['text_nosp'] for q in paras if q.get('lab') and q['lab'] != lab]
        p = next(q for q in paras if q['text'] == t)
        c = pick(t, others)
        if c not in p['text_nosp']:
            # fall back to a window that also survives tag removal without space
            ws = t.split(' ')
            ok = None
            for n in range(min(12, len(ws)), 4, -1):
                for i in range(len(ws) - n + 1):
                    w = ' '.join(ws[i:i+n])
                    if w in p['text_nosp'] and not any(w.lower() in o.lower() for o in others):
                        ok = w; break
                if ok: break
            if not ok:
                errs.append(f'{fn}: contains breaks without spaces: {t[:60]}'); continue
            c = ok
        rows.append({'file': fn, 'contains': c, 'label': lab, 'clear': p['clear']})
with open(os.path.join(BASE, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
for e in errs: print('ERR', e)
from collections import Counter
print(len(rows), 'rows', dict(Counter(r['label'] for r in rows)))
