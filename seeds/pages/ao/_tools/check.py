"""Check published pages against held-out.jsonl. Prints PASS or FAIL."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, split_label, LABELS

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABRE = re.compile(r"^\s*(%s)\??\s*\|" % "|".join(sorted(LABELS)), re.M)


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    pages = sorted(n for n in os.listdir(BASE) if re.match(r"ao\d\d_.*\.(html|txt)$", n))
    srcs = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    if pages != srcs:
        errs.append(f"published {pages} != sources {srcs}")
    if len(pages) != 12:
        errs.append(f"expected 12 pages, found {len(pages)}")
    if sum(n.endswith(".txt") for n in pages) != 2:
        errs.append("expected exactly 2 .txt pages")
    by_file = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            errs.append(f"bad keys {r}")
        if r["label"] not in LABELS:
            errs.append(f"bad label {r}")
        if not isinstance(r["clear"], bool):
            errs.append(f"clear not bool {r}")
        by_file[r["file"]].append(r)
    total_paras = 0
    counts = collections.Counter()
    for name in pages:
        raw = open(os.path.join(BASE, name), encoding="utf-8").read()
        if "data-l" in raw or (name.endswith(".txt") and LABRE.search(raw)):
            errs.append(f"{name}: annotation leaked")
        pub = extract_file(os.path.join(BASE, name))
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["space"] for p in pub] != [p["space"] for p in src]:
            errs.append(f"{name}: published paragraphs differ from source paragraphs")
            continue
        labs = []
        for p in src:
            s = set(p["labels"])
            if len(s) != 1 or None in s:
                errs.append(f"{name}: unlabelled/mixed paragraph {p['space'][:60]}")
                labs.append(None)
            else:
                labs.append(split_label(s.pop())[0])
        total_paras += len(pub)
        frows = by_file.get(name, [])
        matched = [False] * len(pub)
        for r in frows:
            c = r["contains"]
            n = len(c.split())
            hits = [i for i, p in enumerate(pub) if c in p["space"] and c in p["nothing"]]
            if not hits:
                errs.append(f"{name}: row matches no paragraph: {c}")
                continue
            whole = any(c == pub[i]["space"] for i in hits)
            if not (5 <= n <= 12 or whole):
                errs.append(f"{name}: contains length {n} and not whole text: {c}")
            for i, p in enumerate(pub):
                if c.lower() in p["space"].lower() or c.lower() in p["nothing"].lower():
                    if labs[i] != r["label"]:
                        errs.append(f"{name}: '{c}' occurs in a [{labs[i]}] paragraph, row says [{r['label']}]")
            for i in hits:
                if labs[i] == r["label"]:
                    matched[i] = True
            counts[r["label"]] += 1
        for i, m in enumerate(matched):
            if not m:
                errs.append(f"{name}: paragraph not matched: {pub[i]['space'][:70]}")
        distinct = len({p["space"] for p in pub})
        if distinct != len(frows):
            errs.append(f"{name}: {distinct} distinct paragraphs but {len(frows)} rows")
        print(f"{name}: {len(pub)} paragraphs, {len(frows)} rows")
    if len(rows) < 450:
        errs.append(f"only {len(rows)} rows (<450)")
    print("rows:", len(rows), "paragraphs:", total_paras)
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")
    print("unclear rows:", sum(1 for r in rows if not r["clear"]))
    for e in errs:
        print("ERROR", e)
    print("PASS" if not errs else f"FAIL ({len(errs)} errors)")
    return 0 if not errs else 1


if __name__ == "__main__":
    sys.exit(main())
