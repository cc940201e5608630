"""Re-extract paragraphs from the PUBLISHED pages (not _src) and verify held-out.jsonl.

Checks
  1. every row names an existing page, a valid label, a boolean clear, and a `contains`
     of 5-12 words (or the whole text of a shorter paragraph / <br> line);
  2. every row matches at least one paragraph (exact, case-sensitive substring of one
     paragraph's folded text) and is an exact substring of a single <br> line of it;
  3. every paragraph is matched by at least one row (case-insensitive);
  4. all rows matching a paragraph (case-insensitive) agree on the label;
  5. no annotation (data-l / data-c attributes, 'label| ' line prefixes) leaked into a page;
  6. every `contains` is found in the page text whether tags are stripped with or without
     inserted spaces;
  7. batch size: 12 pages, 2 of them .txt, >= 450 rows, >= 25 rows per spam label.
"""
import html
import json
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt, fold  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
SPAM = ["promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"]


def strip_doc(text, sep):
    t = re.sub(r"(?is)<(script|style|head|template)\b.*?</\1\s*>", " ", text)
    t = re.sub(r"(?s)<!--.*?-->", " ", t)
    t = re.sub(r"<[^>]+>", sep, t)
    return fold(html.unescape(t))


def main():
    problems = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")
            if l.strip()]
    pages = sorted(f for f in os.listdir(ROOT) if re.match(r"v\d\d_", f))
    by_file = defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
    for r in rows:
        if r["file"] not in pages:
            problems.append(f"row names missing page {r['file']}")
        if r["label"] not in LABELS:
            problems.append(f"bad label {r}")
        if not isinstance(r.get("clear"), bool):
            problems.append(f"clear not boolean {r}")

    total_paras = 0
    for fn in pages:
        text = open(os.path.join(ROOT, fn), encoding="utf-8").read()
        if fn.endswith(".txt"):
            paras, errs = extract_txt(text)
            if re.search(r"(?m)^[a-z_]+\??\| ", text):
                problems.append(f"{fn}: label prefix leaked")
            docs = [fold(text)]
        else:
            paras, errs, annot = extract_html(text)
            if annot or re.search(r"data-[lc]=", text):
                problems.append(f"{fn}: annotation attribute leaked")
            docs = [strip_doc(text, ""), strip_doc(text, " ")]
        problems += [f"{fn}: parse: {e}" for e in errs]
        total_paras += len(paras)
        frows = by_file.get(fn, [])
        matched_labels = defaultdict(set)
        for i, r in enumerate(frows):
            c = r["contains"]
            nw = len(c.split())
            hits_exact = [p for p in paras if c in p["plain"] and c in p["spaced"]]
            hits_ci = [j for j, p in enumerate(paras)
                       if c.lower() in p["plain"].lower() or c.lower() in p["spaced"].lower()]
            if not hits_exact:
                problems.append(f"{fn}: row matches no paragraph exactly: {c!r}")
            elif not any(any(c in ln for ln in p["lines"]) for p in hits_exact):
                problems.append(f"{fn}: contains spans a <br>: {c!r}")
            if nw < 5 or nw > 12:
                if not any(c == p["plain"] or c in p["lines"] and len(p["plain"].split()) < 5
                           or (nw < 5 and c in p["lines"]) for p in hits_exact):
                    problems.append(f"{fn}: contains has {nw} words and is not a whole short "
                                    f"paragraph/line: {c!r}")
            for d in docs:
                if c not in d:
                    problems.append(f"{fn}: contains not found in tag-stripped page: {c!r}")
            for j in hits_ci:
                matched_labels[j].add(r["label"])
        for j, p in enumerate(paras):
            labs = matched_labels.get(j)
            if not labs:
                problems.append(f"{fn}: paragraph not matched by any row: {p['plain'][:70]!r}")
            elif len(labs) > 1:
                problems.append(f"{fn}: paragraph matched by rows with labels {sorted(labs)}: "
                                f"{p['plain'][:70]!r}")
    cnt = Counter(r["label"] for r in rows)
    if len(pages) != 12:
        problems.append(f"{len(pages)} pages, expected 12")
    if sum(1 for p in pages if p.endswith(".txt")) != 2:
        problems.append("expected exactly 2 plain-text pages")
    if len(rows) < 450:
        problems.append(f"only {len(rows)} rows")
    for s in SPAM:
        if cnt[s] < 25:
            problems.append(f"label {s} has only {cnt[s]} rows")
    print(f"pages: {len(pages)}  paragraphs extracted: {total_paras}  rows: {len(rows)}  "
          f"unclear rows: {sum(1 for r in rows if not r['clear'])}")
    for k in sorted(LABELS):
        print(f"  {k:24s} {cnt[k]}")
    per_page = Counter(r["file"] for r in rows)
    for fn in pages:
        print(f"  {fn:44s} {per_page[fn]}")
    if problems:
        print(f"\nFAIL: {len(problems)} problem(s)")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("\nPASS: all checks passed")


if __name__ == "__main__":
    main()
