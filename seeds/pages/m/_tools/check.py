import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import extract, extract_txt, fold
from collections import Counter, defaultdict
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
files = sorted(f for f in os.listdir(ROOT) if re.match(r"m\d\d_.*\.(html|txt)$", f))
errs = []
byfile = defaultdict(list)
for r in rows:
    byfile[r["file"]].append(r)
    if set(r) != {"file","contains","label","clear"}: errs.append(f"bad keys {r}")
total = 0
for fn in files:
    s = open(os.path.join(ROOT, fn), encoding="utf-8").read()
    if "data-l" in s or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)!?\|", s, re.M):
        errs.append(f"{fn}: annotation leaked")
    if fn.endswith(".html"):
        A = [p[0] for p in extract(s, "space")]; B = [p[0] for p in extract(s, "nospace")]
    else:
        A = B = [p[0] for p in extract_txt(s)]
    total += len(A)
    plab = [set() for _ in A]
    for r in byfile[fn]:
        c = r["contains"]; n = len(c.split())
        hitA = [i for i, t in enumerate(A) if c.lower() in t.lower()]
        hitB = [i for i, t in enumerate(B) if c.lower() in t.lower()]
        if not hitA: errs.append(f"{fn}: row matches nothing (spaced): {c}")
        if not hitB: errs.append(f"{fn}: row matches nothing (unspaced): {c}")
        if not (5 <= n <= 12) and not any(fold(t) == c for t in A): errs.append(f"{fn}: contains length {n} and not whole text: {c}")
        for i in set(hitA) | set(hitB): plab[i].add(r["label"])
    for i, t in enumerate(A):
        if not plab[i]: errs.append(f"{fn}: paragraph unmatched: {t[:70]}")
        elif len(plab[i]) > 1: errs.append(f"{fn}: conflicting labels {plab[i]}: {t[:70]}")
    if fn not in byfile: errs.append(f"{fn}: no rows")
for fn in byfile:
    if fn not in files: errs.append(f"rows for missing file {fn}")
print(f"pages: {len(files)}  paragraphs (incl. repeats): {total}  rows: {len(rows)}")
print("labels:", dict(Counter(r['label'] for r in rows)))
print("clear=false rows:", sum(1 for r in rows if not r['clear']))
for f in files: print(f"  {f}: {len(byfile[f])} rows", dict(Counter(r['label'] for r in byfile[f])))
print("ERRORS:", len(errs))
for e in errs: print("  " + e)
print("RESULT:", "PASS" if not errs else "FAIL")
