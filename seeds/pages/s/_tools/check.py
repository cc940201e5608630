import json, os, re, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(__file__))
from para import paragraphs_html, paragraphs_txt, fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
errors = []
pages = sorted(f for f in os.listdir(ROOT) if re.match(r"s\d\d_.*\.(html|txt)$", f))
byfile = defaultdict(list)
for r in rows:
    byfile[r["file"]].append(r)
    w = len(r["contains"].split())
    if not (5 <= w <= 12):
        pass  # short paragraphs use whole text; verified below
total = 0
for page in pages:
    text = open(os.path.join(ROOT, page), encoding="utf-8").read()
    if "data-l=" in text or "data-c=" in text or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", text, re.M):
        errors.append(f"{page}: annotation leaked")
    paras = paragraphs_txt(text) if page.endswith(".txt") else paragraphs_html(text)
    total += len(paras)
    matched = [set() for _ in paras]
    for r in byfile[page]:
        c = r["contains"]
        w = len(c.split())
        hit = False
        for i, p in enumerate(paras):
            in_sp = any(c in l for l in p["lines_sp"])
            in_ns = any(c in l for l in p["lines_ns"]) or c in p["full_ns"]
            if in_sp and in_ns:
                matched[i].add(r["label"]); hit = True
            elif c.lower() in p["full_sp"].lower() or c.lower() in p["full_ns"].lower():
                matched[i].add(r["label"])  # case-insensitive hit counts as conflict check
        if not hit:
            errors.append(f"{page}: row matches nothing: {c!r}")
        if w < 5 and not any(c == p["full_sp"] for p in paras):
            errors.append(f"{page}: short contains is not a whole paragraph: {c!r}")
        if w > 12:
            errors.append(f"{page}: contains too long: {c!r}")
    for i, p in enumerate(paras):
        if not matched[i]:
            errors.append(f"{page}: paragraph unmatched: {p['full_sp'][:90]!r}")
        elif len(matched[i]) > 1:
            errors.append(f"{page}: conflicting labels {matched[i]} on {p['full_sp'][:90]!r}")
for r in rows:
    if r["file"] not in pages:
        errors.append("row for missing page " + r["file"])
print("pages:", len(pages))
print("paragraph instances:", total, " rows:", len(rows))
print("labels:", dict(Counter(r["label"] for r in rows)))
print("clear=false rows:", sum(1 for r in rows if not r["clear"]))
print("errors:", len(errors))
for e in errors:
    print("  ", e)
print("RESULT:", "PASS" if not errors else "FAIL")
