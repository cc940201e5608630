#!/usr/bin/env python3
"""Checker: re-extract paragraphs from the PUBLISHED pages and verify
held-out.jsonl against them (and against the labels in _src/)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
PUB = re.compile(r"^at\d\d_[a-z0-9-]+\.(html|txt)$")


def main():
    fails = []
    published = sorted(n for n in os.listdir(ROOT) if PUB.match(n))
    srcs = sorted(os.listdir(SRC))
    if published != srcs:
        fails.append("published files %s != sources %s" % (published, srcs))
    if len(published) != 12:
        fails.append("expected 12 pages, found %d" % len(published))
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = {}
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            fails.append("bad row keys %r" % r)
        if r["label"] not in LABELS:
            fails.append("bad label %r" % r)
        if not isinstance(r["clear"], bool):
            fails.append("clear not bool %r" % r)
        by_file.setdefault(r["file"], []).append(r)
    total = 0
    for name in published:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding="utf-8").read()
        if "data-l=" in raw or re.search(r"^[a-z_]+\??\| ", raw, re.M):
            fails.append("%s: annotation leaked" % name)
        paras, errs = extract_file(path, labelled=False)
        fails += ["%s: %s" % (name, e) for e in errs]
        sparas, serrs = extract_file(os.path.join(SRC, name), labelled=True)
        fails += ["%s (src): %s" % (name, e) for e in serrs]
        if [p["text"] for p in paras] != [p["text"] for p in sparas]:
            fails.append("%s: published paragraphs differ from source paragraphs" % name)
            continue
        for p, s in zip(paras, sparas):
            p["label"] = s["label"]
        total += len(paras)
        matched = [False] * len(paras)
        for r in by_file.get(name, []):
            c = r["contains"]
            n = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p["text"] and c in p["text_nosp"]]
            if not hits:
                fails.append("%s: row matches no paragraph: %r" % (name, c))
                continue
            if not any(paras[i]["text"] == c for i in hits) and not 5 <= n <= 12:
                fails.append("%s: contains has %d words: %r" % (name, n, c))
            for i, p in enumerate(paras):
                if c.lower() in p["text"].lower() or c.lower() in p["text_nosp"].lower():
                    if p["label"] != r["label"]:
                        fails.append("%s: %r (%s) also in %s paragraph: %s" % (name, c, r["label"], p["label"], p["text"][:60]))
            for i in hits:
                matched[i] = True
        for i, ok in enumerate(matched):
            if not ok:
                fails.append("%s: paragraph not matched: %s" % (name, paras[i]["text"][:80]))
        print("%-42s paragraphs=%d rows=%d" % (name, len(paras), len(by_file.get(name, []))))
    unknown = set(by_file) - set(published)
    if unknown:
        fails.append("rows for unknown files %s" % unknown)
    if total < 450:
        fails.append("only %d paragraphs (<450)" % total)
    print("total paragraphs", total, "rows", len(rows))
    for f in fails:
        print("FAIL", f)
    print("PASS" if not fails else "FAILED (%d problems)" % len(fails))
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
