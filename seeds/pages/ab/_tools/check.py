#!/usr/bin/env python3
"""Checker for the ab batch (stdlib only).

Re-extracts paragraphs from the PUBLISHED pages and verifies that:
  * there are 12 published pages (10 .html, 2 .txt) named ab01_..ab12_;
  * no annotation leaked (no data-l attribute, no "label|" line prefix);
  * every row of held-out.jsonl has a known label, a boolean clear flag, a
    snippet of 5-12 words (or the whole text of a shorter paragraph) that is
    found in some paragraph of its page with tags removed by nothing AND by a space;
  * every paragraph is matched by at least one row, and all rows matching a
    paragraph (case-insensitively) carry the same label;
  * there is exactly one row per distinct paragraph text of a page;
  * the labels agree with the annotated sources in _src/;
  * the batch holds at least 450 rows.
Prints PASS or FAIL and writes the report to _tools/check_output.log.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
NAME = re.compile(r"^ab(0[1-9]|1[0-2])_[a-z0-9-]+\.(html|txt)$")
LEAK_TXT = re.compile(r"^\s*(%s)\??\|" % "|".join(LABELS), re.M)


def main():
    out = []
    err = []
    pub = sorted(f for f in os.listdir(BATCH) if NAME.match(f))
    nums = sorted(f[2:4] for f in pub)
    if nums != ["%02d" % i for i in range(1, 13)]:
        err.append("expected ab01..ab12, found %s" % nums)
    if sum(f.endswith(".txt") for f in pub) != 2:
        err.append("expected two .txt pages")
    paras = {}
    for f in pub:
        path = os.path.join(BATCH, f)
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        if "data-l" in raw:
            err.append("%s: data-l annotation leaked" % f)
        if f.endswith(".txt") and LEAK_TXT.search(raw):
            err.append("%s: label prefix leaked" % f)
        paras[f] = extract_file(path)
    rows = []
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except ValueError:
                err.append("row %d: bad JSON" % i)
                continue
            rows.append((i, r))
    by_file = {}
    for i, r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            err.append("row %d: bad keys %s" % (i, sorted(r)))
            continue
        if r["file"] not in paras:
            err.append("row %d: unknown file %s" % (i, r["file"]))
            continue
        if r["label"] not in LABELS:
            err.append("row %d: unknown label %s" % (i, r["label"]))
        if not isinstance(r["clear"], bool):
            err.append("row %d: clear is not boolean" % i)
        c = r["contains"]
        hits = [p for p in paras[r["file"]] if c in p["text"] and c in p["text0"]]
        if not hits:
            err.append("row %d: snippet not found in %s: %r" % (i, r["file"], c))
        else:
            nw = len(c.split())
            if not (5 <= nw <= 12) and not any(c == p["text"] for p in hits):
                err.append("row %d: snippet has %d words and is not a whole paragraph" % (i, nw))
        by_file.setdefault(r["file"], []).append((i, r))
    # source labels
    src_lab = {}
    for f in pub:
        sp = os.path.join(SRC, f)
        if not os.path.exists(sp):
            err.append("%s: no source" % f)
            continue
        sparas = extract_file(sp, annotated=True)
        if [p["text"] for p in sparas] != [p["text"] for p in paras[f]]:
            err.append("%s: published paragraphs differ from source" % f)
        for p in sparas:
            labs = {l.rstrip("?") for l in p["labels"] if l}
            if len(labs) == 1:
                src_lab.setdefault(f, {})[p["text"]] = labs.pop()
    total = 0
    counts = {}
    for f in pub:
        frows = by_file.get(f, [])
        distinct = []
        for p in paras[f]:
            if p["text"] not in distinct:
                distinct.append(p["text"])
        if len(frows) != len(distinct):
            err.append("%s: %d rows for %d distinct paragraphs" % (f, len(frows), len(distinct)))
        for p in paras[f]:
            lt, l0 = p["text"].lower(), p["text0"].lower()
            m = [r for _, r in frows if r["contains"].lower() in lt and r["contains"].lower() in l0]
            if not m:
                err.append("%s: paragraph not matched: %r" % (f, p["text"][:90]))
                continue
            labs = {r["label"] for r in m}
            if len(labs) != 1:
                err.append("%s: paragraph matched by labels %s: %r" % (f, labs, p["text"][:90]))
                continue
            lab = labs.pop()
            sl = src_lab.get(f, {}).get(p["text"])
            if sl != lab:
                err.append("%s: label %s disagrees with source %s: %r" % (f, lab, sl, p["text"][:90]))
        # one row per distinct text
        for t in distinct:
            own = [r for _, r in frows if r["contains"] in t]
            if not own:
                err.append("%s: no row for distinct text %r" % (f, t[:90]))
        for _, r in frows:
            counts[r["label"]] = counts.get(r["label"], 0) + 1
            total += 1
        out.append("%-36s paragraphs=%3d distinct=%3d rows=%3d" % (f, len(paras[f]), len(distinct), len(frows)))
    if total < 450:
        err.append("only %d rows (need >= 450)" % total)
    out.append("rows total: %d" % total)
    for l in LABELS:
        out.append("  %-22s %d" % (l, counts.get(l, 0)))
    unclear = sum(1 for _, r in rows if r.get("clear") is False)
    out.append("  judgement calls (clear=false): %d" % unclear)
    for e in err:
        out.append("ERROR " + e)
    out.append("FAIL (%d errors)" % len(err) if err else "PASS")
    text = "\n".join(out)
    print(text)
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    sys.exit(1 if err else 0)


if __name__ == "__main__":
    main()
