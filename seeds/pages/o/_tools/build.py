import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import paras_for, LABELS, fold
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
BAD = set("\"'&\u2018\u2019\u201c\u201d")

def strip_annotations(name, src):
    if name.endswith(".txt"):
        return "\n".join(re.sub(r"^[a-z_]+\??\| ?", "", l) for l in src.splitlines()) + "\n"
    src = re.sub(r'\s+data-l="[a-z_]+"', "", src)
    src = re.sub(r'\s+data-u="1"', "", src)
    return src

def pick(p, others):
    cands = []
    for line in p["lines"]:
        w = line.split(" ")
        if len(w) < 5:
            cands.append(line)
            continue
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, len(w) - n + 1):
                cands.append(" ".join(w[i:i + n]))
    def ok(c, strict):
        if strict and any(ch in BAD for ch in c): return False
        if c not in p["text"] or c not in p["text_sp"]: return False
        cl = c.lower()
        for o in others:
            if cl in o["text"].lower() or cl in o["text_sp"].lower(): return False
        return True
    for strict in (True, False):
        for c in cands:
            if ok(c, strict): return c
    return None

def main():
    rows, errs, counts = [], [], {}
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".src"): continue
        page = name[:-4]
        src = open(os.path.join(SRC, name), encoding="utf-8").read()
        ps = paras_for(page, src, True)
        for p in ps:
            if p["label"] not in LABELS: errs.append(f"{page}: bad/no label {p['label']!r}: {p['text'][:60]}")
            if len(p["labels_seen"]) > 1: errs.append(f"{page}: mixed labels {p['labels_seen']}: {p['text'][:60]}")
        seen = {}
        for p in ps:
            if p["text"] in seen:
                if seen[p["text"]]["label"] != p["label"]:
                    errs.append(f"{page}: same text, two labels: {p['text'][:60]}")
                continue
            seen[p["text"]] = p
        for t, p in seen.items():
            others = [o for o in ps if o["label"] != p["label"]]
            c = pick(p, others)
            if c is None:
                errs.append(f"{page}: no unique contains for: {t[:80]}"); continue
            rows.append({"file": page, "contains": c, "label": p["label"], "clear": not p["unclear"]})
            counts[p["label"]] = counts.get(p["label"], 0) + 1
        open(os.path.join(ROOT, page), "w", encoding="utf-8").write(strip_annotations(page, src))
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errs: print("ERROR", e)
    print("rows", len(rows), counts)
    return 1 if errs else 0
if __name__ == "__main__": sys.exit(main())
