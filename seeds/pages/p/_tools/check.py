"""Re-extract paragraphs from published pages and verify held-out.jsonl."""
import json, os, re, sys, glob, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, fold, LABELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def paragraphs(path):
    text = open(path, encoding='utf-8').read()
    leaks = []
    if path.endswith('.txt'):
        ps = [fold(l) for l in text.split('\n') if l.strip()]
        out = [(p, p) for p in ps]
        for l in text.split('\n'):
            if re.match(r'^[a-z_]+\??\| ', l):
                leaks.append(l[:40])
    else:
        if re.search(r'data-[lc]=', text):
            leaks.append('data-l/data-c attribute')
        ps, errs = extract_html(text)
        if errs:
            leaks.append('parse errors %r' % errs[:3])
        out = []
        for p in ps:
            a, b = p.variants()
            out.append((' '.join(a), ' '.join(b)))
    for lab in LABELS:
        if re.search(r'\b%s\b' % lab, text.replace('scraped_faq', 'scraped_faq') ) and lab in ('scraped_faq','unsourced_rumour','fabricated_author_bio','off_topic'):
            leaks.append('label word %s in page' % lab)
    return out, leaks

def main():
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'held-out.jsonl'), encoding='utf-8')]
    problems = []
    byfile = collections.defaultdict(list)
    for r in rows:
        if set(r) != {'file', 'contains', 'label', 'clear'} or r['label'] not in LABELS:
            problems.append('bad row %r' % r)
        n = len(r['contains'].split())
        if n > 12 or (n < 5 and False):
            problems.append('length %r' % r)
        byfile[r['file']].append(r)
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, 'p[0-9][0-9]_*')))
    total = 0
    for f in files:
        paras, leaks = paragraphs(os.path.join(ROOT, f))
        problems += ['%s: leak %s' % (f, x) for x in leaks]
        frows = byfile.get(f, [])
        if not frows:
            problems.append('%s: no rows' % f)
        labs_for = [set() for _ in paras]
        labs_ci = [set() for _ in paras]
        for r in frows:
            c = r['contains']
            hit = False
            for i, (a, b) in enumerate(paras):
                if c in a and c in b:
                    labs_for[i].add(r['label']); hit = True
                elif c in a or c in b:
                    problems.append('%s: %r only in one strip variant' % (f, c))
                if c.lower() in a.lower() or c.lower() in b.lower():
                    labs_ci[i].add(r['label'])
            if not hit:
                problems.append('%s: row matches nothing: %r' % (f, c))
            if len(c.split()) < 5 and not any(c == a for a, b in paras):
                problems.append('%s: short contains is not whole paragraph: %r' % (f, c))
        for i, (a, b) in enumerate(paras):
            total += 1
            if not labs_for[i]:
                problems.append('%s: paragraph unmatched: %r' % (f, a[:60]))
            if len(labs_ci[i]) > 1:
                problems.append('%s: conflicting labels %r on %r' % (f, labs_ci[i], a[:60]))
    extra = set(byfile) - set(files)
    if extra:
        problems.append('rows for missing files %r' % extra)
    cnt = collections.Counter(r['label'] for r in rows)
    print('files:', len(files), 'paragraph occurrences:', total, 'rows:', len(rows))
    print('labels:', dict(sorted(cnt.items())))
    print('unclear rows:', sum(1 for r in rows if not r['clear']))
    if problems:
        print('FAIL', len(problems))
        for p in problems: print(' ', p)
        sys.exit(1)
    print('PASS: every row matches a paragraph, every paragraph matched, labels agree, no leaks, both strip variants')

if __name__ == '__main__':
    main()
