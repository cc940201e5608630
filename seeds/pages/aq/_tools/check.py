"""Checker: re-extracts paragraphs from the PUBLISHED pages and verifies
held-out.jsonl against them (and against the labels in _src/)."""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, LABELS  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
PUB = re.compile(r"^aq(0[1-9]|1[0-2])_[a-z0-9-]+\.(html|txt)$")
LEAK_TXT = re.compile(r"^\s*(%s)\??\|" % "|".join(sorted(LABELS)), re.M)


def main():
    fails = []
    pub = sorted(f for f in os.listdir(ROOT) if PUB.match(f))
    srcs = sorted(os.listdir(SRC))
    if len(pub) != 12:
        fails.append("expected 12 published pages, found %d" % len(pub))
    if pub != srcs:
        fails.append("published pages and _src differ: %s vs %s" % (pub, srcs))
    if sum(f.endswith(".txt") for f in pub) != 2:
        fails.append("expected exactly two .txt pages")
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            fails.append("bad row keys %r" % r)
        if r["label"] not in LABELS:
            fails.append("bad label %r" % r)
        if not isinstance(r["clear"], bool):
            fails.append("clear not bool %r" % r)
        by_file[r["file"]].append(r)
    for f in by_file:
        if f not in pub:
            fails.append("row for unknown file %s" % f)
    total = 0
    counts = collections.Counter()
    pcounts = collections.Counter()
    for f in pub:
        path = os.path.join(ROOT, f)
        raw = open(path, encoding="utf-8").read()
        if "data-l" in raw:
            fails.append("%s: annotation attribute leaked" % f)
        if f.endswith(".txt") and LEAK_TXT.search(raw):
            fails.append("%s: label prefix leaked" % f)
        paras = extract_file(path)
        sparas = extract_file(os.path.join(SRC, f), annotated=True)
        if [p["text"] for p in paras] != [p["text"] for p in sparas]:
            fails.append("%s: published paragraphs differ from source" % f)
        gold = {}
        for p in sparas:
            gold[p["text"]] = next(iter(p["labels"])).rstrip("?")
        total += len(paras)
        for p in paras:
            pcounts[gold.get(p["text"])] += 1
        matched = [False] * len(paras)
        for r in by_file.get(f, []):
            c = r["contains"]
            nw = len(c.split())
            hits = [i for i, p in enumerate(paras)
                    if c.lower() in p["text"].lower() and c.lower() in p["text_nospace"].lower()]
            if not hits:
                fails.append("%s: row matches no paragraph: %r" % (f, c))
                continue
            whole = any(c == paras[i]["text"] for i in hits)
            if not (5 <= nw <= 12) and not whole:
                fails.append("%s: contains has %d words and is not a whole paragraph: %r" % (f, nw, c))
            for i in hits:
                matched[i] = True
                g = gold.get(paras[i]["text"])
                if g != r["label"]:
                    fails.append("%s: %r labelled %s but matches %s paragraph %r" % (f, c, r["label"], g, paras[i]["text"][:60]))
            counts[r["label"]] += 1
        for i, ok in enumerate(matched):
            if not ok:
                fails.append("%s: paragraph not matched by any row: %r" % (f, paras[i]["text"][:80]))
        print("%-45s paragraphs=%3d rows=%3d" % (f, len(paras), len(by_file.get(f, []))))
    print("total paragraphs:", total, " rows:", len(rows))
    print("  %-22s %6s %6s" % ("label", "rows", "paras"))
    for k in sorted(LABELS):
        print("  %-22s %6d %6d" % (k, counts[k], pcounts[k]))
    unclear = sum(1 for r in rows if not r["clear"])
    print("  rows marked clear=false:", unclear)
    if total < 450:
        fails.append("fewer than 450 paragraphs (%d)" % total)
    for x in fails:
        print("FAIL", x)
    print("PASS" if not fails else "FAIL (%d problems)" % len(fails))
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
