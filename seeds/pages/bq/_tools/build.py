"""Strip annotations from _src/ and write published pages + held-out.jsonl (stdlib only)."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract_html, extract_txt, norm

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
ERRS = []
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def strip_html(s):
    return re.sub(r'\s+data-l=("[^"]*"|\'[^\']*\')', '', s)

def strip_txt(s):
    out = []
    for line in s.splitlines():
        if not line.strip():
            continue
        out.append(line.partition('|')[2].strip())
    return '\n'.join(out) + '\n'

def choose(p, others):
    txt, nosp = p['text'], p['text_nosp']
    lo = [o.lower() for o in others]
    def ok(c):
        return c and c in txt and c in nosp and not any(c.lower() in o for o in lo)
    words_all = txt.split()
    if len(words_all) < 5:
        cands = [txt] + sorted((norm(s) for s in p['segs'] if norm(s)), key=len, reverse=True)
        for c in cands:
            if ok(c):
                return c
        ERRS.append('no contains for short: %r' % txt); return txt
    segs = sorted((norm(s) for s in p['segs'] if norm(s)), key=len, reverse=True) + [txt]
    for strict in (True, False):
        for seg in segs:
            w = seg.split()
            for n in (8, 7, 9, 6, 10, 5, 11, 12):
                for i in range(0, max(0, len(w) - n) + 1):
                    c = ' '.join(w[i:i+n])
                    if len(w) < n: continue
                    if strict and any(ch in BAD for ch in c): continue
                    if ok(c):
                        return c
    if len(words_all) <= 12 and ok(txt):
        return txt
    ERRS.append('no contains: %r' % txt); return txt

def main():
    rows = []
    for fn in sorted(os.listdir(SRC)):
        raw = open(os.path.join(SRC, fn), encoding='utf-8').read()
        if fn.endswith('.html'):
            pub = strip_html(raw)
            paras = extract_html(raw)
        else:
            pub = strip_txt(raw)
            paras = extract_txt(raw, annotated=True)
        open(os.path.join(BASE, fn), 'w', encoding='utf-8').write(pub)
        seen = {}
        for p in paras:
            labs = {l for l in p['labels']}
            if len(labs) != 1 or None in labs:
                raise SystemExit('%s: bad labels %r for %r' % (fn, labs, p['text'][:80]))
            lab = labs.pop()
            clear = not lab.endswith('?')
            lab = lab.rstrip('?')
            if lab not in LABELS:
                raise SystemExit('%s: unknown label %s' % (fn, lab))
            if p['text'] in seen:
                if seen[p['text']][0] != lab:
                    raise SystemExit('%s: same text two labels %r' % (fn, p['text']))
                continue
            seen[p['text']] = (lab, clear, p)
        for t, (lab, clear, p) in seen.items():
            others = [t2 for t2, (l2, _, _) in seen.items() if l2 != lab]
            rows.append({'file': fn, 'contains': choose(p, others), 'label': lab, 'clear': clear})
    with open(os.path.join(BASE, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in ERRS: print('BUILD ERROR', e)
    print('pages', len(os.listdir(SRC)), 'rows', len(rows))

if __name__ == '__main__':
    main()
