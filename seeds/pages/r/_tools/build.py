import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt, fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LAB = {"c": "credible", "b": "boilerplate", "p": "promotional", "f": "scraped_faq",
       "o": "off_topic", "r": "unsourced_rumour", "a": "fabricated_author_bio"}
BAD = set("'\"&\u2018\u2019\u201c\u201d")

def choose(p, others):
    cands = []
    for line in p["lines"]:
        words = line.split(" ")
        if len(words) <= 12 and len(words) < 5 or (len(words) <= 12 and line == p["sp"]):
            cands.append(line)
        for n in (8, 9, 7, 10, 6, 11, 5, 12):
            for i in range(0, max(0, len(words) - n) + 1):
                cands.append(" ".join(words[i:i + n]))
    ok = []
    for w in cands:
        if w not in p["sp"] or w not in p["ns"]:
            continue
        lw = w.lower()
        if any(lw in o for o in others):
            continue
        ok.append(w)
    if not ok:
        return None
    clean = [w for w in ok if not (set(w) & BAD)]
    long_clean = [w for w in clean if len(w.split()) >= 7]
    return (long_clean or clean or ok)[0]

def main():
    rows, counts, errs = [], {}, []
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith(".src"):
            continue
        page = fn[:-4]
        raw = open(os.path.join(SRC, fn), encoding="utf-8").read()
        if page.endswith(".txt"):
            paras, out_lines = [], []
            for ln in raw.splitlines():
                if not ln.strip():
                    out_lines.append(""); continue
                m = re.match(r"^([a-z])(\?)?\| (.*)$", ln)
                if not m:
                    errs.append(f"{fn}: unlabelled line {ln[:40]}"); continue
                out_lines.append(m.group(3))
                t = fold(m.group(3))
                paras.append({"sp": t, "ns": t, "lines": [t], "labels": {m.group(1) + (m.group(2) or "")}})
            pub = "\n".join(out_lines).rstrip() + "\n"
        else:
            paras, e = extract_html(raw, labelled=True)
            errs += [f"{fn}: {x}" for x in e]
            pub = re.sub(r'\s+data-l="[a-z]\??"', "", raw)
        open(os.path.join(ROOT, page), "w", encoding="utf-8").write(pub)
        # resolve labels
        seen = {}
        for p in paras:
            labs = {x for x in p["labels"] if x}
            if len(labs) != 1:
                errs.append(f"{fn}: label problem {labs} for: {p['sp'][:60]}"); continue
            l = labs.pop()
            p["lab"], p["clear"] = LAB[l[0]], not l.endswith("?")
            if p["sp"] in seen and seen[p["sp"]] != p["lab"]:
                errs.append(f"{fn}: same text two labels: {p['sp'][:60]}")
            seen[p["sp"]] = p["lab"]
        done = set()
        for p in paras:
            if "lab" not in p or p["sp"] in done:
                continue
            done.add(p["sp"])
            others = [x for q in paras if q.get("lab") != p["lab"] for x in (q["sp"].lower(), q["ns"].lower())]
            c = choose(p, others)
            if c is None:
                errs.append(f"{fn}: no unique contains for [{p['lab']}] {p['sp'][:70]}"); continue
            rows.append({"file": page, "contains": c, "label": p["lab"], "clear": p["clear"]})
            counts.setdefault(page, {}).setdefault(p["lab"], 0)
            counts[page][p["lab"]] += 1
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tot = {}
    for page, c in counts.items():
        print(page, sum(c.values()), dict(sorted(c.items())))
        for k, v in c.items():
            tot[k] = tot.get(k, 0) + v
    print("TOTAL", sum(tot.values()), dict(sorted(tot.items())))
    print("unclear rows:", sum(1 for r in rows if not r["clear"]))
    for e in errs:
        print("ERROR", e)

main()
