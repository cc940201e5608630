#!/usr/bin/env python3
"""Check the published pages against held-out.jsonl.

Re-extracts paragraphs from the PUBLISHED pages (not the sources) and checks:
  * 12 pages with the batch prefix, 2 of them .txt; UTF-8; any declared
    charset is UTF-8; no annotation (data-l, "label| ") leaked;
  * every row's file exists, label is one of the seven, 'contains' is 5-12
    words or the whole paragraph text, and is found in at least one paragraph
    (with tags removed both by nothing and by a space);
  * every paragraph is matched by at least one row;
  * labels agree: every paragraph a row's snippet occurs in (case-insensitive)
    carries the row's label according to the annotated source;
  * one row per distinct paragraph text; batch minimums.
Prints PASS or FAIL and writes the report to _tools/check_output.log.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(HERE)
PREFIX = "ch"
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
MIN_TOTAL = 480
MINS = {"unsourced_rumour": 25, "off_topic": 60, "fabricated_author_bio": 30}


def main():
    out, fails = [], []

    def fail(msg):
        fails.append(msg)

    pages = sorted(f for f in os.listdir(ROOT)
                   if f.startswith(PREFIX) and f.endswith((".html", ".txt")))
    if len(pages) != 12:
        fail("expected 12 pages, found %d" % len(pages))
    if sum(p.endswith(".txt") for p in pages) != 2:
        fail("expected exactly 2 .txt pages")
    for i, p in enumerate(pages, 1):
        if not p.startswith("%s%02d_" % (PREFIX, i)):
            fail("page name out of sequence: %s" % p)

    rows = []
    with open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                r = json.loads(line)
                if set(r) != {"file", "contains", "label", "clear"}:
                    fail("row %d: bad keys %s" % (n, sorted(r)))
                if r["label"] not in LABELS:
                    fail("row %d: bad label %s" % (n, r["label"]))
                if not isinstance(r["clear"], bool):
                    fail("row %d: clear is not boolean" % n)
                rows.append(r)

    counts, per_page = {}, {}
    for page in pages:
        path = os.path.join(ROOT, page)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            fail("%s: not UTF-8" % page)
            continue
        if "data-l=" in text:
            fail("%s: data-l annotation leaked" % page)
        if page.endswith(".txt"):
            for line in text.splitlines():
                if re.match(r"^\s*[a-z_]+\??\|\s", line):
                    fail("%s: label prefix leaked: %s" % (page, line[:50]))
        else:
            for m in re.finditer(r"<meta[^>]*(charset\s*=\s*[\"']?([\w-]+))", text, re.I):
                if m.group(2).lower() not in ("utf-8", "utf8"):
                    fail("%s: declares charset %s" % (page, m.group(2)))
        pub, errs = extract_file(path, annotated=False)
        src, serrs = extract_file(os.path.join(ROOT, "_src", page), annotated=True)
        for e in serrs:
            fail("%s (source): %s" % (page, e))
        if [p["sp"] for p in pub] != [p["sp"] for p in src]:
            fail("%s: published paragraphs differ from annotated source" % page)
            continue
        for p, s in zip(pub, src):
            p["label"] = s["label"]
        prow = [r for r in rows if r["file"] == page]
        per_page[page] = len(prow)
        distinct = set(p["sp"] for p in pub)
        if len(prow) != len(distinct):
            fail("%s: %d rows for %d distinct paragraphs" % (page, len(prow), len(distinct)))
        matched = [False] * len(pub)
        for r in prow:
            c = r["contains"]
            lc = c.lower()
            hits = [i for i, p in enumerate(pub) if c in p["sp"] and c in p["nil"]]
            if not hits:
                fail("%s: snippet not found: %s" % (page, c))
            nw = len(c.split())
            if not (5 <= nw <= 12) and not any(c == pub[i]["sp"] for i in hits):
                fail("%s: snippet is %d words and not a whole paragraph: %s" % (page, nw, c))
            for i in hits:
                matched[i] = True
            for p in pub:
                if lc in p["sp"].lower() or lc in p["nil"].lower():
                    if p["label"] != r["label"]:
                        fail("%s: snippet [%s] also in a %s paragraph: %s" % (page, r["label"], p["label"], c))
            counts[r["label"]] = counts.get(r["label"], 0) + 1
        for i, m in enumerate(matched):
            if not m:
                fail("%s: paragraph not matched: %s" % (page, pub[i]["sp"][:80]))
    for r in rows:
        if r["file"] not in pages:
            fail("row for missing file %s" % r["file"])

    total = sum(counts.values())
    out.append("pages: %d   rows: %d" % (len(pages), total))
    for page in pages:
        out.append("  %-45s %d" % (page, per_page.get(page, 0)))
    for k in sorted(LABELS):
        out.append("  %-22s %d" % (k, counts.get(k, 0)))
    out.append("  unclear (judgement calls): %d" % sum(1 for r in rows if not r["clear"]))
    if total < MIN_TOTAL:
        fail("only %d rows (< %d)" % (total, MIN_TOTAL))
    for k, v in MINS.items():
        if counts.get(k, 0) < v:
            fail("only %d %s rows (< %d)" % (counts.get(k, 0), k, v))
    out += ["FAIL: " + f for f in fails]
    out.append("PASS" if not fails else "FAIL")
    report = "\n".join(out)
    print(report)
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as f:
        f.write(report + "\n")
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
