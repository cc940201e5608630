"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, LABELS

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, '_src')
BAD = set('"\'\u2019\u2018\u201c\u201d&')

def publish(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        text = f.read()
    if name.endswith('.txt'):
        lines = []
        for line in text.splitlines():
            if line.strip():
                lab, sep, rest = line.partition('| ')
                assert sep and lab.strip().rstrip('?') in LABELS, (name, line)
                lines.append(rest)
            else:
                lines.append('')
        out = '\n'.join(lines) + '\n'
    else:
        out = re.sub(r'\s+data-l="[^"]*"', '', text)
    with open(os.path.join(BATCH, name), 'w', encoding='utf-8') as f:
        f.write(out)

def choose(para, others):
    words = para['text'].split()
    low_others = [o.lower() for o in others]
    def ok(c):
        if c not in para['text'] or c not in para['nothing']:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)
    if len(words) < 5:
        return para['text'] if ok(para['text']) else None
    cands = []
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        if size > len(words):
            continue
        for start in range(0, len(words) - size + 1):
            c = ' '.join(words[start:start + size])
            if ok(c):
                penalty = sum(ch in BAD for ch in c)
                cands.append((penalty, c))
        if cands and min(cands)[0] == 0:
            break
    return min(cands)[1] if cands else None

def rows_for(name):
    paras = extract_file(os.path.join(SRC, name), annotated=True)
    rows, seen, errors = [], {}, []
    for p in paras:
        if len(p['labels']) != 1 or None in p['labels']:
            errors.append(f'{name}: bad labels {p["labels"]} on: {p["text"][:80]}')
            continue
        raw = next(iter(p['labels']))
        lab = raw.rstrip('?')
        if lab not in LABELS:
            errors.append(f'{name}: unknown label {raw}')
        p['label'], p['clear'] = lab, not raw.endswith('?')
        if p['text'] in seen:
            if seen[p['text']]['label'] != lab:
                errors.append(f'{name}: same text, two labels: {p["text"][:80]}')
            continue
        seen[p['text']] = p
    for t, p in seen.items():
        others = []
        for o in seen.values():
            if o.get('label') != p['label']:
                others += [o['text'], o['nothing']]
        c = choose(p, others)
        if c is None:
            errors.append(f'{name}: no unique contains for: {t[:80]}')
            continue
        rows.append({'file': name, 'contains': c, 'label': p['label'], 'clear': p['clear']})
    return rows, errors

def main():
    names = sorted(n for n in os.listdir(SRC) if n.endswith(('.html', '.txt')))
    all_rows, errs = [], []
    for n in names:
        publish(n)
        r, e = rows_for(n)
        all_rows += r; errs += e
    with open(os.path.join(BATCH, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in all_rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in errs:
        print('ERROR', e)
    print(f'{len(names)} pages, {len(all_rows)} rows, {len(errs)} errors')

if __name__ == '__main__':
    main()
