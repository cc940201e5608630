import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import *
BASE = "/work/notes/blind-k"
SRC = BASE + "/_src"
BAD = set("&\"'\u2018\u2019\u201c\u201d<>")

def choose(text, others):
    # text: paragraph with \n for br; others: list of folded texts of paragraphs with different labels
    segs = [fold(s) for s in text.split("\n") if fold(s)]
    cands = []
    for seg in segs:
        w = seg.split(" ")
        if len(w) <= 12:
            cands.append(seg)
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for st in range(0, max(1, len(w) - n + 1)):
                if len(w) >= n:
                    cands.append(" ".join(w[st:st + n]))
    # prefer clean & unique
    def ok(c, strict_chars):
        if strict_chars and any(ch in BAD for ch in c):
            return False
        lc = c.lower()
        return not any(lc in o.lower() for o in others)
    for strict in (True, False):
        for c in cands:
            if ok(c, strict):
                return c
    return None

rows = []
report = collections.Counter()
errors = []
for fn in sorted(os.listdir(SRC)):
    path = os.path.join(SRC, fn)
    src = open(path, encoding="utf-8").read()
    out = fn[:-4]  # strip .src
    if out.endswith(".txt"):
        paras = txt_paras(src, True)
        clean = "\n".join(t for t, l in paras) + "\n"
    else:
        paras = html_paras(src)
        clean = re.sub(r' data-l="[^"]*"', "", src)
    open(os.path.join(BASE, out), "w", encoding="utf-8").write(clean)
    seen = {}
    for t, l in paras:
        if l is None:
            errors.append(f"{out}: UNLABELLED: {fold(t)[:80]}")
            continue
        clear = not l.endswith("?")
        lab = LABELS[l.rstrip("?")]
        ft = fold(t.replace("\n", " "))
        if ft in seen:
            if seen[ft] != lab:
                errors.append(f"{out}: identical text, 2 labels: {ft[:60]}")
            continue
        seen[ft] = lab
        others = [fold(t2.replace("\n", " ")) for t2, l2 in paras if l2 and LABELS[l2.rstrip("?")] != lab]
        c = choose(t, others)
        if c is None:
            errors.append(f"{out}: no unique substring: {ft[:80]}")
            continue
        rows.append({"file": out, "contains": c, "label": lab, "clear": clear})
with open(BASE + "/labels.jsonl", "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("\n".join(errors) or "no build errors")
print(len(rows), "rows")
