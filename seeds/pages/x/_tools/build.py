import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import paras_for, CODES
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
BAD = set("\"'&\u2019\u2018\u201c\u201d")
UNCLEAR = {}  # (file, substring-of-paragraph) -> reason
try:
    exec(open(os.path.join(os.path.dirname(__file__), "unclear.py")).read())
except FileNotFoundError:
    pass

def publish(name, src):
    if name.endswith(".txt"):
        return "\n".join(l.partition("| ")[2] if "| " in l else l for l in src.splitlines()) + "\n"
    return re.sub(r'\s+data-l="[^"]*"', "", src)

def choose(p, others):
    low_others = [o.lower() for o in others]
    def ok(c):
        cl = c.lower()
        return c in p["text"] and c in p["text_sp"] and not any(cl in o for o in low_others)
    cands = []
    for line in p["lines"]:
        w = line.split()
        if len(w) < 5:
            cands.append((0 if not BAD & set(line) else 1, 0, line))
            continue
        for n in (7, 6, 8, 5, 9, 10, 11, 12):
            for i in range(0, len(w) - n + 1):
                c = " ".join(w[i:i + n])
                cands.append((1 if BAD & set(c) else 0, abs(n - 7) + i * 0.01, c))
    cands.sort(key=lambda x: (x[0], x[1]))
    for _, _, c in cands:
        if ok(c):
            return c
    return None

rows, errors, counts, pages = [], [], {}, {}
for name in sorted(os.listdir(SRC)):
    if not re.match(r"x\d\d_", name):
        continue
    src = open(os.path.join(SRC, name), encoding="utf-8").read()
    pub = publish(name, src)
    open(os.path.join(ROOT, name), "w", encoding="utf-8").write(pub)
    paras = paras_for(name, src, labelled=True)
    seen = {}
    for p in paras:
        if p["label"] not in CODES.values():
            errors.append(f"{name}: no/bad label {p['label']!r}: {p['text'][:70]}")
            continue
        if p["text"] in seen and seen[p["text"]] != p["label"]:
            errors.append(f"{name}: same text two labels: {p['text'][:70]}")
        seen.setdefault(p["text"], p["label"])
    for text, lab in seen.items():
        p = next(q for q in paras if q["text"] == text)
        others = [q["text"] for q in paras if q["label"] != lab] + [q["text_sp"] for q in paras if q["label"] != lab]
        c = choose(p, others)
        if c is None:
            errors.append(f"{name}: no unique window [{lab}]: {text[:80]}")
            continue
        clear = True
        for (f, sub), why in UNCLEAR.items():
            if f == name and sub in text:
                clear = False
        rows.append({"file": name, "contains": c, "label": lab, "clear": clear})
        counts[lab] = counts.get(lab, 0) + 1
        pages.setdefault(name, {}).setdefault(lab, 0)
        pages[name][lab] += 1
with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as fh:
    for r in rows:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
for e in errors:
    print("ERROR", e)
for n, d in pages.items():
    print(n, sum(d.values()), d)
print("TOTAL", len(rows), dict(sorted(counts.items())))
print("unclear rows:", sum(1 for r in rows if not r["clear"]))
