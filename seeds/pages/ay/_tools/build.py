"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
BAD = set('\'"&\u2019\u2018\u201c\u201d')

def strip_html(t):
    return re.sub(r'''\s+data-l=("[^"]*"|'[^']*')''', '', t)

def strip_txt(t):
    return '\n'.join(l.split('| ', 1)[1] if '| ' in l else l for l in t.splitlines()) + '\n'

def choose(para, others):
    words = para['a'].split(' ')
    la, lb = para['a'].lower(), para['b'].lower()
    def ok(c):
        cl = c.lower()
        return cl in la and cl in lb and not any(cl in o['a'].lower() or cl in o['b'].lower() for o in others)
    if len(words) < 5:
        if ok(para['a']):
            return para['a']
        raise SystemExit('short paragraph not unique: %r' % para['a'])
    best = None
    for n in (8, 9, 10, 7, 6, 5, 11, 12):
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            c = ' '.join(words[i:i + n])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    if best:
        return best
    raise SystemExit('no unique window for %r' % para['a'])

def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, name)
        with open(src, encoding='utf-8') as f:
            text = f.read()
        pub = strip_txt(text) if name.endswith('.txt') else strip_html(text)
        with open(os.path.join(ROOT, name), 'w', encoding='utf-8') as f:
            f.write(pub)
        paras = extract(src, annotated=True)
        seen = {}
        for p in paras:
            if p['label'] is None:
                raise SystemExit('%s: unlabelled paragraph %r' % (name, p['a']))
            if p['a'] in seen:
                if seen[p['a']]['label'] != p['label']:
                    raise SystemExit('%s: same text, two labels %r' % (name, p['a']))
                continue
            seen[p['a']] = p
        for text_, p in seen.items():
            lab = p['label']
            others = [q for q in paras if q['label'].rstrip('?') != lab.rstrip('?')]
            rows.append({'file': name, 'contains': choose(p, others),
                         'label': lab.rstrip('?'), 'clear': not lab.endswith('?')})
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('built', len(rows), 'rows')

if __name__ == '__main__':
    main()
