#!/usr/bin/env python3
"""Checker for the av batch (stdlib only).

  python3 _tools/check.py | tee _tools/check_output.log

Re-extracts paragraphs from the PUBLISHED pages and verifies:
  * 12 pages (av01..av12), 9 farm + 3 clean is documented in README, 2 .txt pages;
  * no annotation leaked (no data-l attribute, no "label| " line prefixes);
  * published paragraphs equal the annotated source paragraphs, in order;
  * every held-out row has a valid label, 5-12 words (or whole short text), and
    matches at least one paragraph (both text versions) whose source label agrees;
  * no row's snippet occurs in a paragraph of another label on that page;
  * every paragraph is matched by at least one row;
  * one row per distinct paragraph text; at least 450 labelled paragraphs overall.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "_src")
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
PREFIX = re.compile(r"^\s*(%s)\??\s*\|" % "|".join(sorted(LABELS)))


def main():
    errors = []
    pages = sorted(n for n in os.listdir(ROOT)
                   if re.match(r"av\d\d_.*\.(html|txt)$", n))
    if len(pages) != 12:
        errors.append(f"expected 12 published pages, found {len(pages)}")
    if sum(p.endswith(".txt") for p in pages) != 2:
        errors.append("expected exactly 2 .txt pages")
    rows = []
    with open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                errors.append(f"row {i}: bad keys {sorted(r)}")
            if r["label"] not in LABELS:
                errors.append(f"row {i}: bad label {r['label']}")
            if not isinstance(r["clear"], bool):
                errors.append(f"row {i}: clear not bool")
            rows.append(r)
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
    total = 0
    counts = collections.Counter()
    for name in pages:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding="utf-8").read()
        if "data-l=" in raw:
            errors.append(f"{name}: data-l annotation leaked")
        if name.endswith(".txt"):
            for ln in raw.splitlines():
                if PREFIX.match(ln):
                    errors.append(f"{name}: label prefix leaked: {ln[:60]}")
        pub = extract_file(path, annotated=False)
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["sp"] for p in pub] != [p["sp"] for p in src]:
            errors.append(f"{name}: published paragraphs differ from source paragraphs")
            continue
        for p, s in zip(pub, src):
            p["label"] = (s["label"] or "").rstrip("?")
        total += len(pub)
        for p in pub:
            counts[p["label"]] += 1
        frows = by_file.get(name, [])
        texts = collections.Counter(p["sp"] for p in pub)
        if len(frows) != len(texts):
            errors.append(f"{name}: {len(frows)} rows for {len(texts)} distinct paragraphs")
        for r in frows:
            c = r["contains"]
            n = len(c.split())
            hits = [p for p in pub if c in p["sp"] and c in p["ns"]]
            if not hits:
                errors.append(f"{name}: row matches no paragraph: {c!r}")
                continue
            if n < 5 and not any(p["sp"] == c for p in hits):
                errors.append(f"{name}: short snippet is not a whole paragraph: {c!r}")
            if n > 12:
                errors.append(f"{name}: snippet longer than 12 words: {c!r}")
            if not any(p["label"] == r["label"] for p in hits):
                errors.append(f"{name}: label disagrees for {c!r}")
            for p in pub:
                if p["label"] != r["label"] and (c.lower() in p["sp"].lower() or c.lower() in p["ns"].lower()):
                    errors.append(f"{name}: {c!r} ({r['label']}) also in {p['label']} paragraph")
        for p in pub:
            m = [r for r in frows if r["contains"] in p["sp"] and r["contains"] in p["ns"]]
            if not m:
                errors.append(f"{name}: unmatched paragraph: {p['sp'][:70]!r}")
            elif any(r["label"] != p["label"] for r in m):
                errors.append(f"{name}: conflicting rows for {p['sp'][:70]!r}")
        print(f"{name}: {len(pub)} paragraphs, {len(frows)} rows")
    for f in by_file:
        if f not in pages:
            errors.append(f"rows for unknown file {f}")
    if total < 450:
        errors.append(f"only {total} paragraphs (< 450)")
    print(f"total paragraphs: {total}; rows: {len(rows)}")
    for lab in sorted(LABELS):
        print(f"  {lab}: {counts[lab]}")
    for e in errors:
        print("ERROR:", e)
    print("PASS" if not errors else f"FAIL ({len(errors)} errors)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
