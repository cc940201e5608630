"""Re-extract paragraphs from the published pages and verify held-out.jsonl."""
import json, os, sys
from collections import defaultdict, Counter
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract_html, extract_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
files = sorted(f for f in os.listdir(ROOT) if f.startswith("z") and f[1:3].isdigit())
errors = []
total = 0
for fn in files:
    raw = open(os.path.join(ROOT, fn), encoding="utf-8").read()
    for leak in ("data-l", "scraped_faq", "unsourced_rumour", "fabricated_author_bio", "off_topic|", "credible|"):
        if leak in raw:
            errors.append(f"{fn}: annotation leak {leak!r}")
    LAB = ("credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
           "unsourced_rumour", "fabricated_author_bio")
    if fn.endswith(".txt") and any(l.split("|", 1)[0].strip().rstrip("?") in LAB for l in raw.splitlines()):
        errors.append(f"{fn}: label prefix leaked")
    paras = extract_txt(raw) if fn.endswith(".txt") else extract_html(raw)
    total += len(paras)
    frows = [r for r in rows if r["file"] == fn]
    plabels = defaultdict(set)
    for r in frows:
        c = r["contains"].lower()
        n = len(r["contains"].split())
        hit_plain = [i for i, p in enumerate(paras) if c in p["text"].lower()]
        hit_sp = [i for i, p in enumerate(paras) if c in p["spaced"].lower()]
        if not hit_plain or not hit_sp:
            errors.append(f"{fn}: row not found (plain={len(hit_plain)}, spaced={len(hit_sp)}): {r['contains']}")
        for i in set(hit_plain) | set(hit_sp):
            plabels[i].add(r["label"])
        if n > 12:
            errors.append(f"{fn}: contains longer than 12 words: {r['contains']}")
        if n < 5 and not any(r["contains"] == p["text"] for p in paras):
            errors.append(f"{fn}: short contains is not a whole paragraph: {r['contains']}")
    for i, p in enumerate(paras):
        if i not in plabels:
            errors.append(f"{fn}: paragraph unmatched: {p['text'][:70]}")
        elif len(plabels[i]) > 1:
            errors.append(f"{fn}: conflicting labels {plabels[i]}: {p['text'][:70]}")
    print(f"{fn:44s} paragraphs={len(paras):3d} rows={len(frows):3d}")
lab = Counter(r["label"] for r in rows)
print("rows:", len(rows), "paragraphs:", total)
for k, v in lab.most_common():
    print(f"  {k:24s}{v}")
print("files without rows:", sorted(set(files) - {r['file'] for r in rows}) or "none")
if errors:
    print("FAIL", len(errors), "errors")
    for e in errors:
        print("  ", e)
    sys.exit(1)
print("PASS: all rows match, all paragraphs matched, labels agree, no leaks")
