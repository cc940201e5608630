import os, re, json, sys, glob
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALID = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
errors = []
files = sorted(f for f in os.listdir(ROOT) if re.match(r"l\d\d_.*\.(html|txt)$", f))
print("pages:", len(files), files)
byfile = defaultdict(list)
for r in rows:
    byfile[r["file"]].append(r)
    if r["label"] not in VALID: errors.append(f"bad label {r}")
    n = len(r["contains"].split())
    if set(r) != {"file","contains","label","clear"}: errors.append(f"bad keys {r}")
total_paras = 0
for f in files:
    text = open(os.path.join(ROOT, f), encoding="utf-8").read()
    for leak in ("data-l=", "data-j=", "c| ", "f| ", "o| ", "r| ", "a| ", "p| ", "b| "):
        if f.endswith(".txt") and leak != "data-l=" and leak != "data-j=":
            if any(line.startswith(leak) for line in text.splitlines()):
                errors.append(f"{f}: annotation leak {leak!r}")
        elif leak in ("data-l=", "data-j=") and leak in text:
            errors.append(f"{f}: annotation leak {leak!r}")
    paras = extract_txt(text) if f.endswith(".txt") else extract_html(text)
    total_paras += len(paras)
    frows = byfile.get(f, [])
    if not frows: errors.append(f"{f}: no rows")
    matched = [set() for _ in paras]
    for r in frows:
        c = r["contains"].lower()
        hit_t = [i for i,p in enumerate(paras) if c in p["tight"].lower()]
        hit_s = [i for i,p in enumerate(paras) if c in p["spaced"].lower()]
        if not hit_t: errors.append(f"{f}: row not found (tight): {r['contains']}")
        if not hit_s: errors.append(f"{f}: row not found (spaced): {r['contains']}")
        n = len(r["contains"].split())
        para_words = min([len(paras[i]["tight"].split()) for i in hit_t] or [0])
        if n > 12 or (n < 5 and not any(len(l.split()) < 5 and l == r["contains"] for i in hit_t for l in paras[i]["tight_lines"])):
            errors.append(f"{f}: contains length {n}: {r['contains']}")
        for i in set(hit_t) | set(hit_s):
            matched[i].add(r["label"])
    for i,p in enumerate(paras):
        if not matched[i]: errors.append(f"{f}: paragraph unmatched: {p['tight'][:90]}")
        elif len(matched[i]) > 1: errors.append(f"{f}: conflicting labels {matched[i]}: {p['tight'][:90]}")
    # rows unknown file
for r in rows:
    if r["file"] not in files: errors.append(f"row for missing file {r['file']}")
cnt = Counter(r["label"] for r in rows)
print("rows:", len(rows), "paragraph instances:", total_paras)
for k in sorted(VALID): print(f"  {k:24s} {cnt.get(k,0)}")
print("per file:")
for f in files:
    c = Counter(r["label"] for r in byfile[f])
    print(f"  {f:36s} {len(byfile[f]):3d} {dict(c)}")
print("unclear rows:", sum(1 for r in rows if not r["clear"]))
for e in errors: print("ERROR", e)
print("RESULT:", "PASS" if not errors else f"FAIL ({len(errors)} errors)")
