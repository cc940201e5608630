"""Checker: re-extract paragraphs from PUBLISHED pages and validate held-out.jsonl."""
import json, os, re, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}
errs = []
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
byfile = defaultdict(list)
for r in rows: byfile[r["file"]].append(r)
pages = sorted(f for f in os.listdir(ROOT) if re.match(r"cd\d\d_.*\.(html|txt)$", f))
if len(pages) != 12: errs.append(f"expected 12 pages, got {len(pages)}")
if sum(p.endswith(".txt") for p in pages) != 2: errs.append("expected 2 txt pages")
for fn in pages:
    raw = open(os.path.join(ROOT, fn), encoding="utf-8").read()
    if re.search(r"\bdata-l=", raw): errs.append(f"{fn}: annotation leaked")
    if fn.endswith(".txt") and re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\| ", raw, re.M):
        errs.append(f"{fn}: label prefix leaked")
    m = re.search(r'charset=["\']?([\w-]+)', raw, re.I)
    if m and m.group(1).lower() != "utf-8": errs.append(f"{fn}: charset {m.group(1)}")
    paras = extract_file(os.path.join(ROOT, fn))
    matched = [None] * len(paras)
    for r in byfile.get(fn, []):
        if r["label"] not in LABELS: errs.append(f"{fn}: bad label {r}")
        c = r["contains"]; n = len(c.split())
        hits = [i for i, p in enumerate(paras) if c in p["text"] and c in p["text_nospace"]]
        if not hits: errs.append(f"{fn}: row not matched: {c!r}")
        if n > 12: errs.append(f"{fn}: contains too long: {c!r}")
        for i, p in enumerate(paras):
            if c.lower() in p["text"].lower():
                if matched[i] is not None and matched[i] != r["label"]:
                    errs.append(f"{fn}: label clash on {p['text'][:60]!r}")
                matched[i] = r["label"] if matched[i] is None else matched[i]
                if i in hits and n < 5 and c != p["text"]:
                    pass
    for i, p in enumerate(paras):
        if matched[i] is None: errs.append(f"{fn}: paragraph unmatched: {p['text'][:80]!r}")
    # label agreement with source
    src = extract_file(os.path.join(ROOT, "_src", fn), labelled=True)
    if [p["text"] for p in src] != [p["text"] for p in paras]:
        errs.append(f"{fn}: source/published paragraph mismatch")
    else:
        for s, i in zip(src, range(len(paras))):
            if s["labels"][0].rstrip("?") != matched[i]:
                errs.append(f"{fn}: label disagrees for {s['text'][:60]!r}")
    texts = [p["text"] for p in paras]
    if len(set(texts)) != len(byfile.get(fn, [])): errs.append(f"{fn}: rows {len(byfile.get(fn, []))} != distinct paragraphs {len(set(texts))}")
cnt = Counter(r["label"] for r in rows)
print("rows:", len(rows)); print("labels:", dict(cnt))
for lab, need in (("unsourced_rumour", 25), ("off_topic", 60), ("fabricated_author_bio", 30)):
    if cnt[lab] < need: errs.append(f"too few {lab}: {cnt[lab]}")
if len(rows) < 480: errs.append("fewer than 480 rows")
for e in errs: print("ERROR", e)
print("PASS" if not errs else "FAIL")
