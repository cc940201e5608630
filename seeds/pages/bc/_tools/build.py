"""Strip annotations from _src/ into published pages and write held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, norm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, '_src')
BAD = set('"\'&\u2019\u2018\u201c\u201d')

def pick(text, others, text_space=None):
    words = text.split(' ')
    low_others = [o.lower() for o in others]
    if len(words) < 5:
        cands = [text]
    else:
        cands = []
        for ln in range(6, 13):
            for st in range(0, len(words) - ln + 1):
                cands.append(' '.join(words[st:st + ln]))
        for ln in (5,):
            for st in range(0, len(words) - ln + 1):
                cands.append(' '.join(words[st:st + ln]))
        cands.sort(key=lambda c: any(ch in BAD for ch in c))
    for c in cands:
        if text_space is not None and c not in text_space:
            continue
        if not any(c.lower() in o for o in low_others):
            return c
    return None

def main():
    rows, errors = [], []
    for fn in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, fn)
        raw = open(src, encoding='utf-8').read()
        if fn.endswith('.txt'):
            pub = '\n'.join(l.split('|', 1)[1].strip() if '|' in l else l for l in raw.splitlines()) + '\n'
        else:
            pub = re.sub(r'\s+data-l="[^"]*"', '', raw)
        open(os.path.join(ROOT, fn), 'w', encoding='utf-8').write(pub)
        paras = extract_file(src, annotated=True)
        seen = {}; spaced = {}
        for p in paras:
            if p['label'] is None:
                errors.append(f'{fn}: unlabelled paragraph: {p["text"][:60]}')
                continue
            if p['text'] in seen:
                if seen[p['text']] != p['label']:
                    errors.append(f'{fn}: same text, two labels: {p["text"][:60]}')
                continue
            seen[p['text']] = p['label']; spaced[p['text']] = p['text_space']
        for text, lab in seen.items():
            base = lab.rstrip('?')
            others = [q['text'] for q in paras if q['label'] and q['label'].rstrip('?') != base]
            others += [q['text_space'] for q in paras if q['label'] and q['label'].rstrip('?') != base]
            c = pick(text, others, spaced[text])
            if c is None:
                errors.append(f'{fn}: no unique window for [{lab}] {text[:70]}')
                continue
            rows.append({'file': fn, 'contains': c, 'label': base, 'clear': not lab.endswith('?')})
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for e in errors: print('ERROR', e)
    print(f'{len(rows)} rows written; {len(errors)} errors')

if __name__ == '__main__':
    main()
