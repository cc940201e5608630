"""Checker: re-extract published pages and verify held-out.jsonl."""
import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract, LABELS, LINE_RE

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
errors = []
def err(m):
    errors.append(m); print("ERROR:", m)

rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8")]
by_file = collections.defaultdict(list)
for r in rows:
    if set(r) != {"file", "contains", "label", "clear"}:
        err("bad keys %r" % r)
    if r["label"] not in LABELS:
        err("bad label %r" % r)
    by_file[r["file"]].append(r)

srcs = sorted(os.listdir(SRC))
pubs = sorted(f for f in os.listdir(BASE) if re.match(r"az\d\d_.*\.(html|txt)$", f))
if srcs != pubs:
    err("src/published mismatch %r %r" % (srcs, pubs))
if len(pubs) != 12: err("expected 12 pages, got %d" % len(pubs))
if sum(f.endswith(".txt") for f in pubs) != 2: err("expected 2 txt pages")
if set(by_file) != set(pubs): err("rows files != pages")

total = collections.Counter()
for name in pubs:
    path = os.path.join(BASE, name)
    text = open(path, encoding="utf-8").read()
    if "data-l" in text: err("%s: annotation leaked" % name)
    if name.endswith(".txt"):
        for line in text.splitlines():
            if LINE_RE.match(line) and line.split("|")[0].rstrip("?") in LABELS:
                err("%s: label prefix leaked: %r" % (name, line[:60]))
    pp = extract(path)
    sp = extract(os.path.join(SRC, name), annotated=name.endswith(".txt"))
    if [p["space"] for p in pp] != [p["space"] for p in sp]:
        err("%s: published paragraphs differ from source" % name); continue
    labs = []
    for p in sp:
        l = next(iter(p["labels"]))
        labs.append(l.rstrip("?") if l else None)
    matched = [False] * len(pp)
    for r in by_file[name]:
        c = r["contains"]
        n = len(c.split())
        hits = [i for i, p in enumerate(pp) if c in p["space"] and c in p["nospace"]]
        if not hits:
            err("%s: row matches no paragraph: %r" % (name, c)); continue
        if n < 5 and not any(pp[i]["space"] == c or c in pp[i]["chunks"] for i in hits):
            err("%s: short contains is not a whole text: %r" % (name, c))
        if n > 12: err("%s: contains longer than 12 words: %r" % (name, c))
        for i, p in enumerate(pp):
            if c.lower() in p["space"].lower() or c.lower() in p["nospace"].lower():
                if labs[i] != r["label"]:
                    err("%s: %r occurs in paragraph labelled %s (row %s)" % (name, c, labs[i], r["label"]))
        for i in hits: matched[i] = True
        total[r["label"]] += 1
    for i, m in enumerate(matched):
        if not m: err("%s: paragraph unmatched: %r" % (name, pp[i]["space"][:80]))
    print("%-45s paragraphs=%3d rows=%3d" % (name, len(pp), len(by_file[name])))

print("rows:", len(rows))
print("labels:", dict(sorted(total.items())))
if len(rows) < 450: err("fewer than 450 rows")
for l in LABELS:
    if total[l] == 0: err("label never used: %s" % l)
print("PASS" if not errors else "FAIL (%d errors)" % len(errors))
