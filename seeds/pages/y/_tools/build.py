import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import html_paras, txt_paras, fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
QUOTES = set("\"'\u2018\u2019\u201c\u201d&")


def pick(p, others):
    cands = []
    for line in p["lines"]:
        w = line.split(" ")
        if len(w) <= 5:
            cands.append(line)
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, max(1, len(w) - n + 1)):
                if i + n <= len(w):
                    cands.append(" ".join(w[i:i + n]))
    best = None
    for c in cands:
        if c not in p["sp"] or c not in p["nosp"]:
            continue
        lc = c.lower()
        if any(lc in o["sp"].lower() or lc in o["nosp"].lower() for o in others):
            continue
        if not any(ch in QUOTES for ch in c):
            return c
        if best is None:
            best = c
    return best


def main():
    rows, errors = [], []
    unclear = {}
    if os.path.exists(os.path.join(SRC, "unclear.json")):
        unclear = json.load(open(os.path.join(SRC, "unclear.json")))
    counts = collections.Counter()
    for fn in sorted(os.listdir(SRC)):
        if not fn.startswith("y"):
            continue
        raw = open(os.path.join(SRC, fn), encoding="utf-8").read()
        if fn.endswith(".txt"):
            paras = txt_paras(raw, labelled=True)
            pub = "\n".join(re.sub(r"^[a-z_]+\| ?", "", l) for l in raw.split("\n"))
        else:
            paras = html_paras(raw)
            pub = re.sub(r'\s+data-l="[^"]*"', "", raw)
        open(os.path.join(ROOT, fn), "w", encoding="utf-8").write(pub)
        seen = {}
        for p in paras:
            if not p["label"]:
                errors.append("%s: unlabelled paragraph %r" % (fn, p["sp"][:70]))
                continue
            if p["sp"] in seen:
                if seen[p["sp"]] != p["label"]:
                    errors.append("%s: same text two labels %r" % (fn, p["sp"][:70]))
                continue
            seen[p["sp"]] = p["label"]
            others = [o for o in paras if o["label"] != p["label"]]
            c = pick(p, others)
            if not c:
                errors.append("%s: no unique window for %r" % (fn, p["sp"][:70]))
                continue
            clear = True
            for key in unclear.get(fn, []):
                if key in p["sp"]:
                    clear = False
            rows.append({"file": fn, "contains": c, "label": p["label"], "clear": clear})
            counts[p["label"]] += 1
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print("rows", len(rows), dict(sorted(counts.items())))
    per = collections.defaultdict(collections.Counter)
    for r in rows:
        per[r["file"]][r["label"]] += 1
    for fn in sorted(per):
        print(fn, sum(per[fn].values()), dict(per[fn]))
    print("unclear rows", sum(1 for r in rows if not r["clear"]))


main()
