"""Checker: re-extract paragraphs from the published pages and verify held-out.jsonl."""
import json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paras import extract_file, LABELS

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    byfile = {}
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            errs.append(f"bad keys {r}")
        if r["label"] not in LABELS:
            errs.append(f"bad label {r}")
        n = len(r["contains"].split())
        if n > 12:
            errs.append(f"contains too long {r}")
        byfile.setdefault(r["file"], []).append(r)
    names = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    total = Counter()
    perpage = {}
    for name in names:
        pub = os.path.join(BASE, name)
        if not os.path.exists(pub):
            errs.append(f"missing published {name}"); continue
        raw = open(pub, encoding="utf-8").read()
        if "data-l" in raw:
            errs.append(f"{name}: annotation leaked (data-l)")
        if name.endswith(".txt"):
            for line in raw.splitlines():
                if re.match(r"^\s*[a-z_]+\??\s*\|", line):
                    errs.append(f"{name}: annotation leaked in line {line[:50]}")
        pp = extract_file(pub)
        sp = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["space"] for p in pp] != [p["space"] for p in sp]:
            errs.append(f"{name}: published paragraphs differ from source"); continue
        labs = []
        for p in sp:
            if len(p["labels"]) != 1:
                errs.append(f"{name}: mixed labels {p['space'][:60]}"); labs.append(None); continue
            labs.append(next(iter(p["labels"])).rstrip("?"))
        frows = byfile.get(name, [])
        matched = [False] * len(pp)
        for r in frows:
            c = r["contains"].lower()
            hits = 0
            for i, p in enumerate(pp):
                inn, ins = c in p["nothing"].lower(), c in p["space"].lower()
                if inn and ins:
                    hits += 1
                    matched[i] = True
                    if labs[i] != r["label"]:
                        errs.append(f"{name}: label mismatch {r['contains']!r}: row {r['label']} para {labs[i]}")
                elif inn or ins:
                    if labs[i] != r["label"]:
                        errs.append(f"{name}: {r['contains']!r} partly occurs in a {labs[i]} paragraph")
            if not hits:
                errs.append(f"{name}: row matches no paragraph {r['contains']!r}")
        for i, m in enumerate(matched):
            if not m:
                errs.append(f"{name}: unmatched paragraph {pp[i]['space'][:70]}")
        c = Counter(labs)
        perpage[name] = (len(pp), c)
        total.update(c)
    for r in rows:
        if r["file"] not in names:
            errs.append(f"row for unknown file {r['file']}")
    for name, (n, c) in perpage.items():
        print(f"{name}: {n} paragraphs  " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    print(f"TOTAL paragraphs: {sum(total.values())}  rows: {len(rows)}")
    for k in sorted(LABELS):
        print(f"  {k}: {total.get(k, 0)}")
    if errs:
        print("\n".join(errs[:80]))
        print(f"FAIL ({len(errs)} errors)")
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
