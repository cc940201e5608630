"""Checker: re-extract paragraphs from the PUBLISHED pages and validate held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}
errors = []
rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
files = sorted(f for f in os.listdir(BASE) if re.match(r"bn\d\d_.*\.(html|txt)$", f))
if len(files) != 12:
    errors.append(f"expected 12 pages, found {len(files)}")
total = 0
counts = {}
for f in files:
    pub = open(os.path.join(BASE, f), encoding="utf-8").read()
    if "data-l" in pub or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\|", pub, re.M):
        errors.append(f"{f}: annotation leaked")
    if f.endswith(".html"):
        m = re.findall(r'<meta[^>]+charset=["\']?([\w-]+)', pub, re.I)
        if not m or any(x.lower() != "utf-8" for x in m):
            errors.append(f"{f}: charset not utf-8: {m}")
    paras = extract_file(os.path.join(BASE, f))
    src = extract_file(os.path.join(SRC, f), annotated=True)
    if [p[1] for p in paras] != [p[1] for p in src]:
        errors.append(f"{f}: published paragraphs differ from source")
    total += len(paras)
    frows = [r for r in rows if r["file"] == f]
    srclab = {}
    for a, b, l in src:
        srclab.setdefault(b, l.rstrip("?") if l else None)
    matched = set()
    for r in frows:
        if r["label"] not in LABELS:
            errors.append(f"{f}: bad label {r}")
        c = r["contains"]
        n = len(c.split())
        hits = [i for i, (a, b, _) in enumerate(paras) if c in a and c in b]
        if not hits:
            errors.append(f"{f}: row matches no paragraph: {c!r}")
            continue
        for i in hits:
            matched.add(paras[i][1])
        for i, (a, b, _) in enumerate(paras):
            if (c.lower() in a.lower() or c.lower() in b.lower()) and srclab[b] != r["label"]:
                errors.append(f"{f}: {c!r} occurs in paragraph of other label {srclab[b]}")
        if not (5 <= n <= 12) and not any(c == b or c == a for a, b, _ in paras):
            errors.append(f"{f}: contains not 5-12 words nor whole text: {c!r}")
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    for a, b, _ in paras:
        if b not in matched:
            errors.append(f"{f}: paragraph not matched: {b[:70]!r}")
    distinct = len({p[1] for p in paras})
    if len(frows) != distinct:
        errors.append(f"{f}: {len(frows)} rows for {distinct} distinct paragraphs")
    print(f"{f}: {len(paras)} paragraphs, {len(frows)} rows")
print("label counts:", json.dumps(dict(sorted(counts.items()))))
print("total paragraphs:", total, "rows:", len(rows))
if total < 450:
    errors.append("fewer than 450 paragraphs")
for e in errors:
    print("ERROR", e)
print("PASS" if not errors else f"FAIL ({len(errors)} errors)")
