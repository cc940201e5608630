#!/usr/bin/env python3
"""Re-extract paragraphs from the published pages and check held-out.jsonl."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
PREFIX = "ce"


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    pages = sorted(f for f in os.listdir(ROOT) if re.match(PREFIX + r"\d\d_.*\.(html|txt)$", f))
    if len(pages) != 12:
        errs.append(f"expected 12 pages, found {len(pages)}")
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)
        if r["label"] not in LABELS:
            errs.append(f"bad label {r}")
        n = len(r["contains"].split())
        if n > 12:
            errs.append(f"contains too long: {r}")
    counts = collections.Counter()
    total = 0
    for page in pages:
        path = os.path.join(ROOT, page)
        raw = open(path, encoding="utf-8").read()
        if "data-l" in raw or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", raw, re.M):
            errs.append(f"{page}: annotation leaked")
        if page.endswith(".html"):
            m = re.search(r'<meta[^>]+charset=["\']?([\w-]+)', raw, re.I)
            if m and m.group(1).lower() != "utf-8":
                errs.append(f"{page}: charset {m.group(1)}")
        src = extract_file(os.path.join(ROOT, "_src", page), annotated=True)
        paras = extract_file(path)
        if [p["text"] for p in src] != [p["text"] for p in paras]:
            errs.append(f"{page}: published paragraphs differ from source")
            continue
        gold = [p["label"].rstrip("?") for p in src]
        matched = [False] * len(paras)
        for r in byfile.get(page, []):
            c = r["contains"]
            hits = [i for i, p in enumerate(paras) if c in p["text"] and c in p["tight"]]
            if not hits:
                errs.append(f"{page}: row matches nothing: {c!r}")
            for i in hits:
                matched[i] = True
                if gold[i] != r["label"]:
                    errs.append(f"{page}: label mismatch {r['label']} vs {gold[i]}: {c!r}")
            for i, p in enumerate(paras):
                if gold[i] != r["label"] and c.lower() in p["text"].lower():
                    errs.append(f"{page}: {c!r} occurs in a {gold[i]} paragraph")
            counts[r["label"]] += 1
        for i, ok in enumerate(matched):
            if not ok:
                errs.append(f"{page}: unmatched paragraph: {paras[i]['text'][:80]!r}")
        total += len(byfile.get(page, []))
    extra = set(byfile) - set(pages)
    if extra:
        errs.append(f"rows for unknown files: {extra}")
    print(f"pages: {len(pages)}  rows: {total}")
    for k in sorted(LABELS):
        print(f"  {k}: {counts[k]}")
    for e in errs:
        print("ERROR", e)
    print("PASS" if not errs else "FAIL")
    return 0 if not errs else 1


if __name__ == "__main__":
    sys.exit(main())
