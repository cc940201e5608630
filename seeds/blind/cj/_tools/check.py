#!/usr/bin/env python3
"""Checker for the cj batch (stdlib only).

Re-extracts paragraphs from the PUBLISHED pages and checks that
  * there are 12 pages (cj01..cj12), two of them .txt, >= 450 rows in all;
  * every page is valid UTF-8 and any declared charset is UTF-8;
  * no annotation leaked (data-l attributes, "label|" line prefixes);
  * every held-out row is well formed and its `contains` is found, both with
    tags removed with nothing and with a space, in at least one paragraph;
  * `contains` does not occur (case-insensitively) in a paragraph of another
    label on that page;
  * every paragraph is matched by a row, and the label it receives agrees with
    the annotated source in _src/.
Writes its report to stdout and to _tools/check_output.log.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402

CHARSET = re.compile(r'<meta[^>]+charset\s*=\s*["\']?([A-Za-z0-9_-]+)', re.I)
PAGE = re.compile(r"^cj(0[1-9]|1[0-2])_[a-z0-9-]+\.(html|txt)$")


def main():
    out, errors = [], []
    pages = sorted(f for f in os.listdir(ROOT) if PAGE.match(f))
    if len(pages) != 12:
        errors.append("expected 12 pages, found %d" % len(pages))
    if sum(1 for p in pages if p.endswith(".txt")) != 2:
        errors.append("expected two .txt pages")
    rows = []
    with open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                errors.append("row %d: bad keys" % n)
            if r["label"] not in LABELS:
                errors.append("row %d: bad label %r" % (n, r["label"]))
            if not isinstance(r["clear"], bool):
                errors.append("row %d: clear not bool" % n)
            wc = len(r["contains"].split())
            if wc > 12:
                errors.append("row %d: contains has %d words" % (n, wc))
            rows.append(r)
    by_file = defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
    for f in by_file:
        if f not in pages:
            errors.append("rows for unknown file %s" % f)
    counts = Counter()
    total_paras = 0
    for page in pages:
        path = os.path.join(ROOT, page)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append("%s: not UTF-8" % page)
            continue
        for cs in CHARSET.findall(text):
            if cs.lower().replace("_", "-") not in ("utf-8", "utf8"):
                errors.append("%s: declares charset %s" % (page, cs))
        if "data-l=" in text:
            errors.append("%s: data-l annotation leaked" % page)
        if page.endswith(".txt"):
            for line in text.splitlines():
                if re.match(r"^(%s)\??\|" % "|".join(LABELS), line):
                    errors.append("%s: label prefix leaked: %s" % (page, line[:60]))
        paras = extract_file(path)
        total_paras += len(paras)
        src_path = os.path.join(ROOT, "_src", page)
        src_labels = None
        if os.path.exists(src_path):
            sp = extract_file(src_path, annotated=True)
            if [p["space"] for p in sp] == [p["space"] for p in paras]:
                src_labels = [p["label"].rstrip("?") for p in sp]
            else:
                errors.append("%s: published paragraphs differ from _src" % page)
        else:
            errors.append("%s: no annotated source" % page)
        got = [set() for _ in paras]
        prow = by_file.get(page, [])
        if not prow:
            errors.append("%s: no rows" % page)
        for r in prow:
            c = r["contains"]
            hits = [i for i, p in enumerate(paras) if c in p["space"] and c in p["nothing"]]
            if not hits:
                errors.append("%s: row not found: %r" % (page, c))
                continue
            for i in hits:
                got[i].add(r["label"])
            lc = c.lower()
            for i, p in enumerate(paras):
                if lc in p["space"].lower() or lc in p["nothing"].lower():
                    if src_labels and src_labels[i] != r["label"]:
                        errors.append("%s: %r [%s] also in a %s paragraph" %
                                      (page, c, r["label"], src_labels[i]))
            counts[r["label"]] += 1
        for i, p in enumerate(paras):
            if not got[i]:
                errors.append("%s: paragraph unmatched: %s" % (page, p["space"][:80]))
            elif len(got[i]) > 1:
                errors.append("%s: paragraph gets labels %s: %s" % (page, sorted(got[i]), p["space"][:60]))
            elif src_labels and next(iter(got[i])) != src_labels[i]:
                errors.append("%s: label disagrees with source: %s" % (page, p["space"][:60]))
        out.append("%-46s paragraphs=%3d rows=%3d" % (page, len(paras), len(prow)))
    if len(rows) < 450:
        errors.append("only %d rows (< 450)" % len(rows))
    out.append("pages=%d paragraphs=%d rows=%d" % (len(pages), total_paras, len(rows)))
    for lab in LABELS:
        out.append("  %-22s %d" % (lab, counts[lab]))
    out.append("judgement calls (clear=false): %d" % sum(1 for r in rows if not r["clear"]))
    for e in errors:
        out.append("ERROR: " + e)
    out.append("PASS" if not errors else "FAIL (%d errors)" % len(errors))
    report = "\n".join(out)
    print(report)
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write(report + "\n")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
