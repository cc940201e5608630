"""Checker: re-extract paragraphs from the published pages and validate held-out.jsonl."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
PREFIX = "aw"


def main():
    problems = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    files = sorted(f for f in os.listdir(ROOT) if f.startswith(PREFIX) and f.endswith((".html", ".txt")))
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)
        if r["label"] not in LABELS:
            problems.append(f"bad label {r}")
        if not isinstance(r.get("clear"), bool):
            problems.append(f"bad clear {r}")
        n = len(r["contains"].split())
        if not r["contains"].strip():
            problems.append(f"empty contains {r}")
    if len(files) != 12:
        problems.append(f"expected 12 pages, found {len(files)}")
    if sum(f.endswith(".txt") for f in files) != 2:
        problems.append("expected two .txt pages")
    counts = collections.Counter()
    total = 0
    for f in files:
        raw = open(os.path.join(ROOT, f), encoding="utf-8").read()
        if "data-l" in raw:
            problems.append(f"{f}: annotation attribute leaked")
        if f.endswith(".txt") and re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", raw, re.M):
            problems.append(f"{f}: label prefix leaked")
        paras = extract(os.path.join(ROOT, f))
        src_paras = extract(os.path.join(ROOT, "_src", f), annotated=True)
        src_label = {}
        for sp in src_paras:
            for lab in sp["labels"]:
                src_label[sp["text_space"]] = (lab or "").rstrip("?")
        if len(src_paras) != len(paras):
            problems.append(f"{f}: {len(paras)} published paragraphs vs {len(src_paras)} in source")
        total += len(paras)
        frows = byfile.get(f, [])
        if not frows:
            problems.append(f"{f}: no rows")
        matched = [[] for _ in paras]
        for r in frows:
            c = r["contains"]
            hits = []
            for i, p in enumerate(paras):
                if c in p["text_space"] and c in p["text_none"]:
                    hits.append(i)
                    matched[i].append(r)
                elif c.lower() in p["text_space"].lower():
                    matched[i].append(r)  # case-insensitive occurrence: must agree on label
            if not hits:
                problems.append(f"{f}: row matches no paragraph: {c!r}")
            if len(c.split()) > 12 and not any(c == paras[i]["text_space"] for i in hits):
                problems.append(f"{f}: contains longer than 12 words and not whole text: {c[:50]!r}")
            if len(c.split()) < 5 and not any(c == paras[i]["text_space"] for i in hits):
                problems.append(f"{f}: short contains is not a whole paragraph: {c!r}")
        for i, p in enumerate(paras):
            if not matched[i]:
                problems.append(f"{f}: paragraph unmatched: {p['text_space'][:70]!r}")
                continue
            labs = {r["label"] for r in matched[i]}
            if len(labs) > 1:
                problems.append(f"{f}: conflicting labels {labs} on {p['text_space'][:60]!r}")
            want = src_label.get(p["text_space"])
            if want is None:
                problems.append(f"{f}: paragraph not in annotated source: {p['text_space'][:60]!r}")
            elif labs != {want}:
                problems.append(f"{f}: row label {labs} disagrees with source label {want!r} on {p['text_space'][:60]!r}")
            counts[matched[i][0]["label"]] += 1
    print(f"pages: {len(files)}  paragraphs: {total}  rows: {len(rows)}")
    for k in sorted(LABELS):
        print(f"  {k:24s} {counts[k]}")
    if total < 450:
        problems.append(f"only {total} paragraphs (< 450)")
    for p in problems:
        print("FAIL", p)
    print("PASS" if not problems else f"FAIL ({len(problems)} problems)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
