"""Strip annotations from _src/, write published pages and held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def pick(p, others):
    words = p['text'].split()
    def ok(c):
        return c in p['text'] and c in p['text0'] and not any(c.lower() in o for o in others)
    if len(words) < 5:
        return p['text'] if ok(p['text']) else None
    best = None
    for n in (8, 7, 9, 6, 10, 11, 12, 5):
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            c = ' '.join(words[i:i+n])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    return best

def main():
    rows = []; errors = []
    for fn in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, fn)
        raw = open(path, encoding='utf-8').read()
        if fn.endswith('.html'):
            pub = re.sub(r'\s+data-l="[^"]*"', '', raw)
        else:
            pub = '\n'.join(l.split('| ', 1)[1] if l.strip() else '' for l in raw.splitlines()) + '\n'
        open(os.path.join(ROOT, fn), 'w', encoding='utf-8').write(pub)
        paras = extract(path, annotated=True)
        seen = {}
        for p in paras:
            if len(p['labels']) != 1 or p['labels'][0] is None or p['labels'][0].rstrip('?') not in LABELS:
                errors.append(f"{fn}: bad labels {p['labels']} for {p['text'][:70]!r}")
                continue
            lab = p['labels'][0]
            if p['text'] in seen and seen[p['text']] != lab:
                errors.append(f"{fn}: same text two labels {p['text'][:60]!r}")
            seen.setdefault(p['text'], lab)
        for text, lab in seen.items():
            p = next(q for q in paras if q['text'] == text)
            others = [x for q in paras if q['labels'] and q['labels'][0] and q['labels'][0].rstrip('?') != lab.rstrip('?')
                      for x in (q['text'].lower(), q['text0'].lower())]
            c = pick(p, others)
            if c is None:
                errors.append(f"{fn}: no unique window for {text[:70]!r}")
                continue
            rows.append({'file': fn, 'contains': c, 'label': lab.rstrip('?'), 'clear': not lab.endswith('?')})
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in errors:
        print('ERROR', e)
    print(len(rows), 'rows;', len(errors), 'errors')

if __name__ == '__main__':
    main()
