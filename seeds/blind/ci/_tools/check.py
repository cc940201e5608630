#!/usr/bin/env python3
"""Checker for the ci batch (stdlib only).

Re-extracts the paragraphs of the PUBLISHED pages and checks them against
held-out.jsonl and the annotated sources in _src/. Prints PASS or FAIL and
writes its output to _tools/check_output.log.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
LABELS = ["credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"]
MINIMA = {"unsourced_rumour": 25, "off_topic": 60, "fabricated_author_bio": 30}
MIN_TOTAL = 480
PREFIX = "ci"

out = []
errors = []


def log(msg=""):
    out.append(msg)


def err(msg):
    errors.append(msg)


def main():
    pages = sorted(f for f in os.listdir(BATCH)
                   if f.startswith(PREFIX) and f.endswith((".html", ".txt")))
    if len(pages) != 12:
        err("expected 12 published pages, found %d" % len(pages))
    if sum(p.endswith(".txt") for p in pages) != 2:
        err("expected exactly 2 .txt pages")
    for i, p in enumerate(pages, 1):
        if not p.startswith("%s%02d_" % (PREFIX, i)):
            err("unexpected page name %s" % p)

    rows = []
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                err("row %d: bad keys %r" % (n, sorted(r)))
            if r["label"] not in LABELS:
                err("row %d: bad label %r" % (n, r["label"]))
            if not isinstance(r["clear"], bool):
                err("row %d: clear not boolean" % n)
            rows.append(r)
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
    for f in by_file:
        if f not in pages:
            err("rows for unknown file %s" % f)

    counts = collections.Counter()
    total_paras = 0
    for page in pages:
        path = os.path.join(BATCH, page)
        raw = open(path, encoding="utf-8").read()
        # leaked annotations
        if "data-l=" in raw:
            err("%s: annotation attribute leaked" % page)
        if page.endswith(".txt"):
            for line in raw.splitlines():
                if re.match(r"^(%s)\??\| " % "|".join(LABELS), line):
                    err("%s: label prefix leaked: %r" % (page, line[:60]))
        else:
            for m in re.finditer(r"<meta[^>]+>", raw, re.I):
                tag = m.group(0)
                cs = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", tag, re.I)
                if cs and cs.group(1).lower() not in ("utf-8", "utf8"):
                    err("%s: declares charset %s" % (page, cs.group(1)))
        pub = extract_file(path)
        src = extract_file(os.path.join(SRC, page), track_labels=True)
        if [p["spaced"] for p in pub] != [p["spaced"] for p in src] or \
           [p["joined"] for p in pub] != [p["joined"] for p in src]:
            err("%s: published paragraphs differ from source paragraphs" % page)
            continue
        for p, s in zip(pub, src):
            if len(s["labels"]) != 1 or s["labels"][0] is None:
                err("%s: source paragraph without single label: %r" % (page, s["spaced"][:70]))
                p["label"] = None
            else:
                p["label"] = s["labels"][0]
        distinct = {}
        for p in pub:
            distinct.setdefault(p["spaced"], p)
        total_paras += len(pub)
        prow = by_file.get(page, [])
        if len(prow) != len(distinct):
            err("%s: %d rows for %d distinct paragraphs" % (page, len(prow), len(distinct)))
        matched = set()
        for r in prow:
            c = r["contains"]
            nw = len(c.split())
            hits = [p for p in pub if c in p["joined"] and c in p["spaced"]]
            if not hits:
                err("%s: row matches no paragraph: %r" % (page, c))
                continue
            whole = any(c == p["spaced"] or c == p["joined"] for p in hits)
            if not (5 <= nw <= 12 or whole):
                err("%s: contains has %d words and is not a whole paragraph: %r" % (page, nw, c))
            cl = c.lower()
            for p in pub:
                if cl in p["joined"].lower() or cl in p["spaced"].lower():
                    lab = (p["label"] or "").rstrip("?")
                    if lab != r["label"]:
                        err("%s: %r occurs in a %s paragraph but row says %s" % (page, c, lab, r["label"]))
                    else:
                        matched.add(p["spaced"])
                        want_clear = not p["label"].endswith("?")
                        if p in hits and want_clear != r["clear"]:
                            err("%s: clear flag disagrees for %r" % (page, c))
            counts[r["label"]] += 1
        for t in distinct:
            if t not in matched:
                err("%s: paragraph not matched by any row: %r" % (page, t[:80]))
        per = collections.Counter(r["label"] for r in prow)
        log("%-48s paragraphs=%3d rows=%3d  %s" % (page, len(pub), len(prow),
            ", ".join("%s=%d" % (k, per[k]) for k in LABELS if per[k])))

    log()
    log("rows per label:")
    for k in LABELS:
        log("  %-22s %d" % (k, counts[k]))
    log("  %-22s %d" % ("TOTAL rows", sum(counts.values())))
    log("  %-22s %d" % ("TOTAL paragraphs", total_paras))
    if sum(counts.values()) < MIN_TOTAL:
        err("fewer than %d labelled rows" % MIN_TOTAL)
    for k, v in MINIMA.items():
        if counts[k] < v:
            err("%s: %d rows, need %d" % (k, counts[k], v))
    log()
    for e in errors:
        log("ERROR " + e)
    log("PASS" if not errors else "FAIL (%d errors)" % len(errors))
    text = "\n".join(out)
    print(text)
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
