#!/usr/bin/env python3
"""Checker for the ca batch.  python3 _tools/check.py  (prints PASS or FAIL)

Re-extracts the paragraphs of the *published* pages and checks them against
held-out.jsonl and against the annotated sources in _src/.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
errors = []


def err(msg):
    errors.append(msg)


def main():
    pages = sorted(n for n in os.listdir(BATCH)
                   if re.match(r"ca\d\d_.+\.(html|txt)$", n))
    if len(pages) != 12:
        err("expected 12 published pages, found %d" % len(pages))
    if sum(p.endswith(".txt") for p in pages) != 2:
        err("expected exactly 2 .txt pages")
    for i, p in enumerate(pages, 1):
        if not p.startswith("ca%02d_" % i):
            err("page numbering: %s" % p)

    rows = []
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                err("row %d: keys %r" % (ln, sorted(r)))
            if r["label"] not in LABELS:
                err("row %d: bad label %r" % (ln, r["label"]))
            if not isinstance(r["clear"], bool):
                err("row %d: clear not bool" % ln)
            rows.append(r)
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
    for f in by_file:
        if f not in pages:
            err("rows for unknown file %s" % f)

    total = collections.Counter()
    total_paras = 0
    for page in pages:
        path = os.path.join(BATCH, page)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            err("%s: not UTF-8" % page)
            continue
        # leak checks
        if "data-l" in text.lower():
            err("%s: data-l annotation leaked" % page)
        if re.search(r"^(%s)\??\|" % "|".join(LABELS), text, re.M):
            err("%s: text label prefix leaked" % page)
        if page.endswith(".html"):
            for m in re.finditer(r"<meta[^>]+>", text, re.I):
                tag = m.group(0).lower()
                if "charset" in tag and "utf-8" not in tag:
                    err("%s: non UTF-8 charset declaration %s" % (page, tag))
            if not re.search(r"<meta\s+charset=\"utf-8\"", text, re.I):
                err("%s: no <meta charset=utf-8>" % page)
        pub = extract_file(path)
        src = extract_file(os.path.join(SRC, page), annotated=True)
        if [p["text"] for p in pub] != [p["text"] for p in src]:
            err("%s: published paragraphs differ from source paragraphs" % page)
            continue
        # truth labels from source
        truth = []
        for p in src:
            labs = p["labels"]
            if len(labs) != 1 or None in labs:
                err("%s: paragraph with labels %r: %r" % (page, labs, p["text"][:80]))
                continue
            lab = next(iter(labs))
            if lab.rstrip("?") not in LABELS:
                err("%s: bad source label %r" % (page, lab))
            truth.append((p["text"], p["text_nothing"], lab.rstrip("?"), not lab.endswith("?")))
        distinct = {}
        for t in truth:
            if t[0] in distinct and distinct[t[0]][2:] != t[2:]:
                err("%s: repeated text with different labels: %r" % (page, t[0][:80]))
            distinct.setdefault(t[0], t)
        total_paras += len(distinct)
        prow = by_file.get(page, [])
        if len(prow) != len(distinct):
            err("%s: %d rows for %d distinct paragraphs" % (page, len(prow), len(distinct)))
        covered = set()
        seen_contains = set()
        for r in prow:
            c = r["contains"]
            if c in seen_contains:
                err("%s: duplicate contains %r" % (page, c))
            seen_contains.add(c)
            hits = [d for d in distinct.values() if c in d[0] and c in d[1]]
            if not hits:
                err("%s: row not found: %r" % (page, c))
                continue
            n = len(c.split())
            if not (5 <= n <= 12) and not any(c == h[0] or c == h[1] for h in hits):
                err("%s: contains has %d words and is not a whole paragraph: %r" % (page, n, c))
            lc = c.lower()
            for d in distinct.values():
                if (lc in d[0].lower() or lc in d[1].lower()) and d[2] != r["label"]:
                    err("%s: %r (%s) also occurs in a %s paragraph: %r"
                        % (page, c, r["label"], d[2], d[0][:80]))
            for h in hits:
                covered.add(h[0])
                if h[2] != r["label"]:
                    err("%s: label mismatch for %r: row %s, source %s" % (page, c, r["label"], h[2]))
            # the row's own paragraph: the one equal to it, else the first hit
            own = [h for h in hits if c in (h[0], h[1])] or hits
            if own[0][3] != r["clear"]:
                err("%s: clear mismatch for %r" % (page, c))
            total[r["label"]] += 1
        for t in distinct:
            if t not in covered:
                err("%s: paragraph not matched by any row: %r" % (page, t[:80]))

    print("pages: %d, distinct paragraphs: %d, rows: %d" % (len(pages), total_paras, len(rows)))
    for lab in sorted(LABELS):
        print("  %-22s %d" % (lab, total[lab]))
    for e in errors:
        print("ERROR:", e)
    print("FAIL" if errors else "PASS")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
