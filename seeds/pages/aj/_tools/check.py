#!/usr/bin/env python3
"""Checker (stdlib only): re-extract paragraphs from the PUBLISHED pages and
verify held-out.jsonl against them.  Prints PASS or FAIL."""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
PREFIX = "aj"


def main():
    errors = []
    rows = [json.loads(l) for l in open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8")
            if l.strip()]
    by_file = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            errors.append("bad keys %r" % r)
        if r["label"] not in LABELS:
            errors.append("bad label %r" % r)
        if not isinstance(r["clear"], bool):
            errors.append("bad clear %r" % r)
        by_file[r["file"]].append(r)

    published = sorted(n for n in os.listdir(BATCH)
                       if n.startswith(PREFIX) and n.endswith((".html", ".txt")))
    if len(published) != 12:
        errors.append("expected 12 published pages, found %d" % len(published))
    want = ["%s%02d_" % (PREFIX, i) for i in range(1, 13)]
    for w in want:
        if not any(n.startswith(w) for n in published):
            errors.append("missing page %s*" % w)
    if sum(n.endswith(".txt") for n in published) != 2:
        errors.append("expected exactly 2 .txt pages")
    for f in by_file:
        if f not in published:
            errors.append("row for unknown file %s" % f)

    counts = collections.Counter()
    total_paras = 0
    for name in published:
        path = os.path.join(BATCH, name)
        raw = open(path, encoding="utf-8").read()
        # annotation leaks
        if "data-l" in raw:
            errors.append("%s: data-l leaked" % name)
        if name.endswith(".txt"):
            for ln in raw.splitlines():
                if re.match(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|"
                            r"unsourced_rumour|fabricated_author_bio)\??\|", ln):
                    errors.append("%s: label prefix leaked: %r" % (name, ln[:60]))
        paras = extract_file(path, annotated=False)
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["text"] for p in paras] != [p["text"] for p in src]:
            errors.append("%s: published paragraphs differ from source" % name)
            continue
        for p, s in zip(paras, src):
            p["label"] = s["label"]
        total_paras += len(paras)
        frows = by_file.get(name, [])
        distinct = {p["text"] for p in paras}
        if len(frows) != len(distinct):
            errors.append("%s: %d rows for %d distinct paragraphs" % (name, len(frows), len(distinct)))
        matched = [False] * len(paras)
        for r in frows:
            c = r["contains"].lower()
            n_words = len(r["contains"].split())
            hits = [i for i, p in enumerate(paras)
                    if c in p["text"].lower() and c in p["text0"].lower()]
            if not hits:
                errors.append("%s: row matches no paragraph: %r" % (name, r["contains"]))
                continue
            if n_words < 5 and not any(paras[i]["text"] == r["contains"] for i in hits):
                errors.append("%s: short contains is not a whole paragraph: %r" % (name, r["contains"]))
            if n_words > 12:
                errors.append("%s: contains longer than 12 words: %r" % (name, r["contains"]))
            loose = [i for i, p in enumerate(paras)
                     if c in p["text"].lower() or c in p["text0"].lower()]
            for i in loose:
                if paras[i]["label"] != r["label"]:
                    errors.append("%s: %r also in a %s paragraph" % (name, r["contains"], paras[i]["label"]))
            for i in hits:
                if paras[i]["label"] == r["label"]:
                    matched[i] = True
            counts[r["label"]] += 1
        for i, m in enumerate(matched):
            if not m:
                errors.append("%s: paragraph unmatched: %r" % (name, paras[i]["text"][:70]))

    print("pages: %d  paragraphs (with repeats): %d  rows: %d" % (len(published), total_paras, len(rows)))
    for lab in sorted(LABELS):
        print("  %-22s %d" % (lab, counts[lab]))
    if len(rows) < 450:
        errors.append("fewer than 450 labelled paragraphs (%d)" % len(rows))
    for e in errors:
        print("ERROR:", e)
    print("FAIL" if errors else "PASS")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
