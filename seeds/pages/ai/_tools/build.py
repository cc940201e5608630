#!/usr/bin/env python3
"""Build the published pages and held-out.jsonl from the annotated sources.

  _src/<name>.html : data-l="label" attributes (children inherit, trailing ?
                     marks a judgement call) -> stripped
  _src/<name>.txt  : "label| text" per line -> text only

Stdlib only.  Run from anywhere:  python3 _tools/build.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, extract_html, extract_txt, LABEL_LINE  # noqa: E402

ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, '_src')
PREFIX = 'ai'
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq',
          'off_topic', 'unsourced_rumour', 'fabricated_author_bio'}
DATA_L = re.compile(r'\s+data-l="[^"]*"')
AVOID = re.compile(r"[\"'\u2018\u2019\u201c\u201d&]")


def publish(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        text = f.read()
    if name.endswith('.txt'):
        out = []
        for line in text.splitlines():
            if not line.strip():
                out.append('')
                continue
            m = LABEL_LINE.match(line)
            if not m:
                raise SystemExit('%s: unannotated line %r' % (name, line))
            out.append(m.group(2))
        pub = '\n'.join(out).rstrip('\n') + '\n'
    else:
        pub = DATA_L.sub('', text)
    with open(os.path.join(ROOT, name), 'w', encoding='utf-8') as f:
        f.write(pub)


def labelled(name):
    """Labelled paragraphs of one source file (errors on mixed/missing labels)."""
    paras = extract_file(os.path.join(SRC, name), annotated=True)
    errs = []
    for p in paras:
        labs = p['labels']
        if len(labs) != 1 or None in labs:
            errs.append('%s: label problem %s: %r' % (name, labs, p['sp'][:90]))
            continue
        lab = next(iter(labs))
        if lab.rstrip('?') not in LABELS:
            errs.append('%s: unknown label %r' % (name, lab))
        p['label'] = lab
    return paras, errs


def choose(p, others_low, same_low):
    """Pick 5-12 consecutive words found in both renderings, absent from
    paragraphs of other labels (case-insensitive), preferably unique."""
    words = p['sp'].split(' ')
    if len(words) < 5:
        c = p['sp']
        if c in p['no'] and not any(c.lower() in o for o in others_low):
            return c
        return None
    best = None
    for n in (8, 9, 10, 7, 11, 12, 6, 5):
        for start in range(0, len(words) - n + 1):
            c = ' '.join(words[start:start + n])
            if c not in p['no']:
                continue
            cl = c.lower()
            if any(cl in o for o in others_low):
                continue
            if AVOID.search(c):
                if best is None:
                    best = c
                continue
            if any(cl in o for o in same_low):
                if best is None:
                    best = c
                continue
            return c
    return best


def main():
    names = sorted(n for n in os.listdir(SRC)
                   if n.startswith(PREFIX) and n.endswith(('.html', '.txt')))
    # clear stale published pages
    for n in os.listdir(ROOT):
        if n.startswith(PREFIX) and n.endswith(('.html', '.txt')) and n not in names:
            os.remove(os.path.join(ROOT, n))
    rows, errs = [], []
    counts = {}
    total = 0
    for name in names:
        publish(name)
        paras, e = labelled(name)
        errs += e
        if e:
            continue
        pub = extract_file(os.path.join(ROOT, name))
        if [q['sp'] for q in pub] != [q['sp'] for q in paras]:
            errs.append('%s: published paragraphs differ from source' % name)
        # distinct texts
        seen = {}
        for p in paras:
            key = p['sp']
            if key in seen:
                if seen[key]['label'] != p['label']:
                    errs.append('%s: same text, two labels: %r' % (name, key))
                continue
            seen[key] = p
        for key, p in seen.items():
            lab = p['label'].rstrip('?')
            others = [x for x in paras if x['label'].rstrip('?') != lab]
            others_low = [x['sp'].lower() for x in others] + [x['no'].lower() for x in others]
            same = [x for x in seen.values() if x is not p]
            same_low = [x['sp'].lower() for x in same] + [x['no'].lower() for x in same]
            c = choose(p, others_low, same_low)
            if c is None:
                errs.append('%s: no usable contains for %s %r' % (name, lab, key[:90]))
                continue
            rows.append({'file': name, 'contains': c, 'label': lab,
                         'clear': not p['label'].endswith('?')})
        n = len(paras)
        total += n
        for p in paras:
            counts[p['label'].rstrip('?')] = counts.get(p['label'].rstrip('?'), 0) + 1
        per = {}
        for p in paras:
            per[p['label'].rstrip('?')] = per.get(p['label'].rstrip('?'), 0) + 1
        print('%-40s %4d  %s' % (name, n, ' '.join('%s=%d' % kv for kv in sorted(per.items()))))
    with open(os.path.join(ROOT, 'held-out.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('total paragraphs', total, 'rows', len(rows))
    for k in sorted(counts):
        print('  %-22s %d' % (k, counts[k]))
    if errs:
        print('\nERRORS:')
        for e in errs:
            print(' ', e)
        sys.exit(1)


if __name__ == '__main__':
    main()
