"""Independent check: re-extract paragraphs from the published pages (no label markup)
and verify labels.jsonl rows against them."""
import os, sys, json, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import html_paras, txt_paras, fold
BASE = "/work/notes/blind-k"
rows = [json.loads(l) for l in open(BASE + "/labels.jsonl", encoding="utf-8")]
files = sorted(f for f in os.listdir(BASE) if f.startswith("k") and f.endswith((".html", ".txt")))
LAB = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}
problems = []
per_label = collections.Counter(); per_file = {}
for f in files:
    src = open(os.path.join(BASE, f), encoding="utf-8").read()
    if "data-l=" in src: problems.append(f"{f}: label markup leaked")
    paras = [fold(t.replace("\n", " ")) for t, _ in (txt_paras(src, False) if f.endswith(".txt") else html_paras(src))]
    frows = [r for r in rows if r["file"] == f]
    assigned = [set() for _ in paras]; assigned_ci = [set() for _ in paras]
    for r in frows:
        if r["label"] not in LAB: problems.append(f"{f}: bad label {r['label']}")
        c = fold(r["contains"])
        hits = [i for i, p in enumerate(paras) if c in p]
        if not hits: problems.append(f"{f}: row matches nothing: {c}")
        for i in hits: assigned[i].add(r["label"])
        for i, p in enumerate(paras):
            if c.lower() in p.lower(): assigned_ci[i].add(r["label"])
    c = collections.Counter()
    for i, p in enumerate(paras):
        if not assigned[i]: problems.append(f"{f}: paragraph not covered: {p[:70]}")
        elif len(assigned[i]) > 1: problems.append(f"{f}: conflicting labels {assigned[i]}: {p[:70]}")
        elif len(assigned_ci[i]) > 1: problems.append(f"{f}: case-insensitive conflict {assigned_ci[i]}: {p[:70]}")
        else:
            c[next(iter(assigned[i]))] += 1
    per_file[f] = c; per_label.update(c)
    if not frows: problems.append(f"{f}: no rows")
orphan = {r["file"] for r in rows} - set(files)
if orphan: problems.append(f"rows for missing files: {orphan}")
print("PROBLEMS:" if problems else "CHECK OK: every row matches >=1 paragraph; every paragraph covered by exactly one label (case-sensitive and case-insensitive)")
for p in problems: print("  ", p)
print(f"rows: {len(rows)}  unclear rows: {sum(1 for r in rows if not r['clear'])}")
for f in files: print(f, sum(per_file[f].values()), dict(per_file[f]))
print("per label:", dict(per_label.most_common()), "total paragraphs:", sum(per_label.values()))
