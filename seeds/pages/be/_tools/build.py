#!/usr/bin/env python3
"""Strip data-l annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, sys, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, norm
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def candidates(chunk):
    w = chunk.split()
    if len(w) < 5:
        yield chunk; return
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        for st in range(0, len(w) - size + 1):
            yield ' '.join(w[st:st+size])

def main():
    rows = []; errors = []
    for fn in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, fn)
        text = open(src, encoding='utf-8').read()
        if fn.endswith('.txt'):
            pub = '\n'.join(l.split('| ', 1)[1] if '| ' in l else l for l in text.splitlines()) + '\n'
        else:
            pub = re.sub(r'\s+data-l="[^"]*"', '', text)
        open(os.path.join(BASE, fn), 'w', encoding='utf-8').write(pub)
        paras = extract_file(src, labelled=True)
        seen = {}
        for p in paras:
            labs = set(p['labels'])
            if len(labs) != 1 or None in labs:
                errors.append(f'{fn}: mixed/missing label {labs}: {p["text_sp"][:70]}'); continue
            lab = labs.pop(); clear = not lab.endswith('?'); lab = lab.rstrip('?')
            if lab not in LABELS: errors.append(f'{fn}: bad label {lab}'); continue
            key = p['text_sp']
            if key in seen:
                if seen[key] != lab: errors.append(f'{fn}: same text two labels: {key[:60]}')
                continue
            seen[key] = lab
            p['lab'] = lab; p['clear'] = clear
        done = set()
        for p in paras:
            if 'lab' not in p or p['text_sp'] in done: continue
            done.add(p['text_sp'])
            others = [q for q in paras if q.get('lab') and q['lab'] != p['lab']]
            best = None
            if len(p['text_sp'].split()) < 5:
                cands = [p['text_sp']]
            else:
                cands = [c for ch in sorted(p['chunks'], key=len, reverse=True) for c in candidates(ch)]
            ok = []
            for c in cands:
                if c not in p['text_sp'] or c not in p['text_nosp']: continue
                lc = c.lower()
                if any(lc in q['text_sp'].lower() or lc in q['text_nosp'].lower() for q in others): continue
                ok.append(c)
            clean = [c for c in ok if not (set(c) & BAD)]
            best = (clean or ok or [None])[0]
            if best is None:
                errors.append(f'{fn}: no unique contains for: {p["text_sp"][:80]}'); continue
            rows.append({'file': fn, 'contains': best, 'label': p['lab'], 'clear': p['clear']})
    with open(os.path.join(BASE, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in errors: print('ERROR', e)
    print(len(rows), 'rows;', len(errors), 'errors')
main()
