import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
pages = sorted(f for f in os.listdir(ROOT) if re.match(r"r\d\d_.*\.(html|txt)$", f))
problems = []
total_paras = 0
for pg in pages:
    text = open(os.path.join(ROOT, pg), encoding="utf-8").read()
    if "data-l" in text or re.search(r"^[a-z]\??\| ", text, re.M):
        problems.append(f"{pg}: annotation leaked")
    if pg.endswith(".txt"):
        paras, errs = extract_txt(text), []
    else:
        paras, errs = extract_html(text)
    problems += [f"{pg}: {e}" for e in errs]
    prow = [r for r in rows if r["file"] == pg]
    total_paras += len(paras)
    for r in prow:
        if r["label"] not in LABELS:
            problems.append(f"{pg}: bad label {r['label']}")
        n = len(r["contains"].split())
        if not (5 <= n <= 12):
            if not any(r["contains"] == p["sp"] for p in paras):
                problems.append(f"{pg}: contains length {n} and not whole text: {r['contains']}")
        hits_sp = [p for p in paras if r["contains"] in p["sp"]]
        hits_ns = [p for p in paras if r["contains"] in p["ns"]]
        if not hits_sp or not hits_ns:
            problems.append(f"{pg}: row matches nothing (sp={len(hits_sp)}, ns={len(hits_ns)}): {r['contains']}")
    for p in paras:
        labs = set()
        for r in prow:
            c = r["contains"].lower()
            if c in p["sp"].lower() or c in p["ns"].lower():
                labs.add(r["label"])
        if not labs:
            problems.append(f"{pg}: paragraph unmatched: {p['sp'][:70]}")
        elif len(labs) > 1:
            problems.append(f"{pg}: conflicting labels {labs}: {p['sp'][:70]}")
print(f"pages: {len(pages)}  paragraphs (with repeats): {total_paras}  rows: {len(rows)}")
counts = {}
for r in rows:
    counts[r["label"]] = counts.get(r["label"], 0) + 1
print("rows per label:", dict(sorted(counts.items())))
print("problems:", len(problems))
for p in problems:
    print("  " + p)
print("RESULT:", "PASS" if not problems else "FAIL")
