"""Check published pages against held-out.jsonl and _src annotations (stdlib only)."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paras import extract, LABELS

BASE = os.path.dirname(os.path.abspath(__file__)).rsplit(os.sep, 1)[0]
SRC = os.path.join(BASE, "_src")


def main():
    fails = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    pages = sorted(n for n in os.listdir(BASE) if re.match(r"ax\d\d_.*\.(html|txt)$", n))
    if len(pages) != 12:
        fails.append(f"expected 12 published pages, found {len(pages)}")
    if sum(p.endswith(".txt") for p in pages) != 2:
        fails.append("expected exactly 2 .txt pages")
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
        if set(r) != {"file", "contains", "label", "clear"}:
            fails.append(f"bad row keys {r}")
        if r["label"] not in LABELS:
            fails.append(f"bad label {r}")
    counts = collections.Counter()
    total_paras = 0
    for name in pages:
        path = os.path.join(BASE, name)
        raw = open(path, encoding="utf-8").read()
        if re.search(r"\sdata-l=", raw):
            fails.append(f"{name}: annotation attribute leaked")
        if name.endswith(".txt") and any(re.match(r"(%s)\??\| " % "|".join(LABELS), l) for l in raw.splitlines()):
            fails.append(f"{name}: label prefix leaked")
        pub = extract(path, annotated=False)
        src = extract(os.path.join(SRC, name), annotated=True)
        if [p["space"] for p in pub] != [p["space"] for p in src]:
            fails.append(f"{name}: published paragraphs differ from source paragraphs")
            continue
        truth = [(p["space"], p["nothing"], (p["labels"][0] or "").rstrip("?")) for p in src]
        total_paras += len(truth)
        matched = [False] * len(truth)
        for r in by_file.get(name, []):
            c = r["contains"]
            n = len(c.split())
            hits = [i for i, (s, no, _) in enumerate(truth) if c in s and c in no]
            if not hits:
                fails.append(f"{name}: row matches no paragraph: {c!r}")
                continue
            if not (5 <= n <= 12) and c not in [truth[i][0] for i in hits]:
                fails.append(f"{name}: contains neither 5-12 words nor whole text: {c!r}")
            for i, (s, _, lab) in enumerate(truth):
                if c.lower() in s.lower() and lab != r["label"]:
                    fails.append(f"{name}: {c!r} also in a [{lab}] paragraph (row says {r['label']})")
            for i in hits:
                matched[i] = True
            counts[r["label"]] += 1
        for i, m in enumerate(matched):
            if not m:
                fails.append(f"{name}: paragraph not matched by any row: {truth[i][0][:70]!r}")
        print(f"{name}: {len(truth)} paragraphs, {len(by_file.get(name, []))} rows")
    for f in by_file:
        if f not in pages:
            fails.append(f"rows for unknown file {f}")
    print("rows by label:", dict(sorted(counts.items())))
    print(f"total rows {len(rows)}, total paragraphs {total_paras}")
    if len(rows) < 450:
        fails.append(f"only {len(rows)} labelled rows (<450)")
    for f in fails:
        print("FAIL", f)
    print("PASS" if not fails else f"FAILED ({len(fails)} problems)")
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
