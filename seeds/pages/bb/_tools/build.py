"""Build: strip annotations from _src/, write published pages and held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic',
          'unsourced_rumour','fabricated_author_bio'}
QUOTES = set('\'"&\u2018\u2019\u201c\u201d')

def publish(name):
    s = open(os.path.join(SRC, name), encoding='utf-8').read()
    if name.endswith('.txt'):
        out = '\n'.join(l.split('|', 1)[1].strip() if l.strip() else ''
                        for l in s.splitlines()) + '\n'
    else:
        out = re.sub(r'\s+data-l="[^"]*"', '', s)
    open(os.path.join(BASE, name), 'w', encoding='utf-8').write(out)

def found(c, p):
    return c in p['nothing'] and c in p['space']

def occurs(c, p):
    c = c.lower()
    return any(c in p[k].lower() for k in ('text', 'nothing', 'space'))

def choose(p, paras, errors, name):
    words = p['text'].split()
    others = [q for q in paras if q['label'] != p['label']]
    samebut = [q for q in paras if q['text'] != p['text']]
    if len(words) < 5:
        c = p['text']
        if not found(c, p) or any(occurs(c, q) for q in others):
            errors.append('%s: short paragraph not usable: %r' % (name, c))
        return c
    cands = []
    for n in (8, 9, 7, 10, 6, 11, 12, 5):
        for i in range(0, len(words) - n + 1):
            cands.append(' '.join(words[i:i + n]))
    best = None
    for strict in (True, False):
        for c in cands:
            if not found(c, p) or any(occurs(c, q) for q in others):
                continue
            if strict and (QUOTES & set(c) or any(occurs(c, q) for q in samebut)):
                continue
            return c
    errors.append('%s: no usable window: %r' % (name, p['text'][:90]))
    return None

def main():
    errors, rows = [], []
    for name in sorted(os.listdir(SRC)):
        publish(name)
        paras = extract_file(os.path.join(SRC, name), annotated=True)
        seen = {}
        for p in paras:
            if p['label'] is None:
                errors.append('%s: unlabelled paragraph: %r' % (name, p['text'][:80]))
                continue
            lab = p['label'].rstrip('?')
            if lab not in LABELS:
                errors.append('%s: bad label %r' % (name, p['label']))
            p['lab'] = lab
            if p['text'] in seen:
                if seen[p['text']] != p['label']:
                    errors.append('%s: same text, two labels: %r' % (name, p['text']))
                continue
            seen[p['text']] = p['label']
        ps = [dict(p, label=p['lab']) for p in paras if p.get('lab')]
        done = set()
        for p, raw in zip(ps, [p for p in paras if p.get('lab')]):
            if p['text'] in done:
                continue
            done.add(p['text'])
            c = choose(p, ps, errors, name)
            rows.append({'file': name, 'contains': c, 'label': p['label'],
                         'clear': not raw['label'].endswith('?')})
    with open(os.path.join(BASE, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in errors:
        print('ERROR', e)
    print('rows', len(rows))
    return 1 if errors else 0

if __name__ == '__main__':
    sys.exit(main())
