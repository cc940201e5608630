#!/usr/bin/env python3
"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_html, norm
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, '_src')
LABELS = {'credible','boilerplate','promotional','scraped_faq','off_topic','unsourced_rumour','fabricated_author_bio'}

def src_paras(name, text):
    """Return list of (space_text, nospace_text, label, clear)."""
    out = []
    if name.endswith('.txt'):
        pub = []
        for line in text.splitlines():
            if not line.strip():
                pub.append(''); continue
            lab, _, body = line.partition('| ')
            lab = lab.strip(); clear = not lab.endswith('?'); lab = lab.rstrip('?')
            assert lab in LABELS, (name, line)
            pub.append(body)
            out.append((norm(body), norm(body), lab, clear))
        return out, '\n'.join(pub) + '\n'
    for p in extract_html(text):
        labs = set(p['labels'])
        if len(labs) != 1 or None in labs:
            raise SystemExit(f'{name}: bad labels {labs} for paragraph: {p["space"][:80]}')
        lab = labs.pop(); clear = not lab.endswith('?'); lab = lab.rstrip('?')
        assert lab in LABELS, (name, lab)
        out.append((p['space'], p['nospace'], lab, clear))
    pub = re.sub(r'\s+data-l="[^"]*"', '', text)
    return out, pub

def choose(space, nospace, others, strict_warn=True, sub=True):
    words = space.split()
    if len(words) <= 5:
        cands = [space]
    else:
        cands = []
        for n in (7, 6, 8, 9, 5, 10, 11, 12):
            for i in range(0, len(words) - n + 1):
                cands.append(' '.join(words[i:i+n]))
    def ok(c, strict):
        if c not in space or c not in nospace: return False
        if strict and re.search(r"[\"'&’“”‘]", c): return False
        lc = c.lower()
        return not any(lc in o.lower() for o in others)
    for strict in (True, False):
        for c in cands:
            if ok(c, strict): return c
    if not sub: return None
    for n in range(min(len(words), 12), 0, -1):
        for i in range(0, len(words) - n + 1):
            c = ' '.join(words[i:i+n])
            if ok(c, False):
                if strict_warn: print('WARN short window:', repr(c), 'for', repr(space[:60]))
                return c
    return None

def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        with open(os.path.join(SRC, name), encoding='utf-8') as f:
            text = f.read()
        paras, pub = src_paras(name, text)
        with open(os.path.join(BASE, name), 'w', encoding='utf-8') as f:
            f.write(pub)
        seen = {}
        for sp, ns, lab, clear in paras:
            if sp in seen:
                if seen[sp][0] != lab: raise SystemExit(f'{name}: same text two labels: {sp[:80]}')
                continue
            seen[sp] = (lab, clear, ns)
        for sp, (lab, clear, ns) in seen.items():
            others = []; diff = []
            for sp2, (lab2, _, ns2) in seen.items():
                if sp2 != sp:  # prefer unique against all other paragraphs
                    others += [sp2, ns2]
                    if lab2 != lab: diff += [sp2, ns2]
            c = choose(sp, ns, others, sub=False) or choose(sp, ns, diff, sub=False) or choose(sp, ns, diff)
            if c is None:
                print('FAIL no unique window:', name, repr(sp[:80])); c = sp
            rows.append({'file': name, 'contains': c, 'label': lab, 'clear': clear})
    with open(os.path.join(BASE, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(len(rows), 'rows')

if __name__ == '__main__':
    main()
