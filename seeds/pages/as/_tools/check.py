"""Checker: re-extract published pages and verify held-out.jsonl (stdlib only)."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract, LABELS

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
LEAK = re.compile(r"^\s*(%s)\??\s*\|" % "|".join(sorted(LABELS)))


def main():
    fails = []
    rows = [json.loads(l) for l in open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    pubs = sorted(f for f in os.listdir(BATCH) if re.match(r"as\d\d_.+\.(html|txt)$", f))
    srcs = sorted(os.listdir(SRC))
    if pubs != srcs:
        fails.append(f"published {pubs} != sources {srcs}")
    if len(pubs) != 12:
        fails.append(f"expected 12 pages, got {len(pubs)}")
    if sum(f.endswith(".txt") for f in pubs) != 2:
        fails.append("expected exactly 2 .txt pages")
    byfile = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            fails.append(f"bad row keys {r}")
        if r["label"] not in LABELS:
            fails.append(f"bad label {r}")
        byfile[r["file"]].append(r)
    total = collections.Counter()
    nparas = 0
    for f in pubs:
        path = os.path.join(BATCH, f)
        text = open(path, encoding="utf-8").read()
        if "data-l" in text:
            fails.append(f"{f}: data-l annotation leaked")
        if f.endswith(".txt") and any(LEAK.match(l) for l in text.splitlines()):
            fails.append(f"{f}: label prefix leaked")
        paras = extract(path)
        src = extract(os.path.join(SRC, f), with_labels=True)
        if [p["n"] for p in paras] != [p["n"] for p in src]:
            fails.append(f"{f}: published paragraphs differ from source")
        srclab = {}
        for p in src:
            srclab[p["n"]] = p["labels"][0].rstrip("?") if p["labels"] and p["labels"][0] else None
        matched = collections.defaultdict(set)
        for r in byfile.get(f, []):
            c = r["contains"]
            nw = len(c.split())
            hits = [p for p in paras if c in p["n"] and c in p["s"]]
            if not hits:
                fails.append(f"{f}: row matches no paragraph: {c!r}")
                continue
            if nw < 5 and not any(c == p["n"] for p in hits):
                fails.append(f"{f}: short snippet is not a whole paragraph: {c!r}")
            if nw > 12:
                fails.append(f"{f}: snippet longer than 12 words: {c!r}")
            for p in paras:
                if c.lower() in p["n"].lower() or c.lower() in p["s"].lower():
                    matched[p["n"]].add(r["label"])
                    if srclab.get(p["n"]) != r["label"]:
                        fails.append(f"{f}: {c!r} ({r['label']}) occurs in paragraph labelled {srclab.get(p['n'])}: {p['n'][:60]!r}")
            total[r["label"]] += 1
        distinct = {p["n"] for p in paras}
        nparas += len(paras)
        for t in distinct:
            if t not in matched:
                fails.append(f"{f}: paragraph not matched by any row: {t[:70]!r}")
            elif len(matched[t]) > 1:
                fails.append(f"{f}: paragraph matched by rows of several labels: {t[:70]!r}")
        if len(distinct) != len(byfile.get(f, [])):
            fails.append(f"{f}: {len(distinct)} distinct paragraphs but {len(byfile.get(f, []))} rows")
    for f in byfile:
        if f not in pubs:
            fails.append(f"row for unknown file {f}")
    print(f"pages: {len(pubs)}  paragraphs: {nparas}  rows: {len(rows)}")
    for k in sorted(LABELS):
        print(f"  {k:24s} {total[k]}")
    if len(rows) < 450:
        fails.append(f"only {len(rows)} labelled paragraphs (<450)")
    for x in fails:
        print("FAIL", x)
    print("PASS" if not fails else f"FAIL ({len(fails)} problems)")
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
