"""Build published pages from _src, and held-out.jsonl. stdlib only."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}
BAD = set("'\"&\u2019\u2018\u201c\u201d")

def strip(path, s):
    if path.endswith(".txt"):
        out = []
        for line in s.splitlines():
            if not line.strip(): out.append(""); continue
            lab, sep, body = line.partition("| ")
            assert sep, f"unlabelled line in {path}: {line!r}"
            out.append(body)
        return "\n".join(out) + "\n"
    return re.sub(r'\s+data-l="[^"]*"', "", s)

def norm(s): return re.sub(r"\s+", " ", s).strip()

def pick(par, others):
    words = par["text"].split(" ")
    cands = []
    if len(words) < 5: cands.append(par["text"])
    else:
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for st in range(0, len(words) - n + 1):
                cands.append(" ".join(words[st:st+n]))
    def ok(c):
        if c not in par["text"] or c not in par["text_nospace"]: return False
        return not any(c.lower() in o.lower() for o in others)
    good = [c for c in cands if ok(c)]
    if not good: return None
    clean = [c for c in good if not (set(c) & BAD)]
    return (clean or good)[0]

def main():
    rows = []
    for fn in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, fn)
        with open(sp, encoding="utf-8") as f: s = f.read()
        with open(os.path.join(ROOT, fn), "w", encoding="utf-8") as f: f.write(strip(fn, s))
        paras = extract_file(sp, labelled=True)
        seen = {}
        for p in paras:
            labs = p["labels"]
            if len(labs) != 1 or labs[0] is None:
                sys.exit(f"{fn}: bad label(s) {labs} for {p['text'][:80]!r}")
            raw = labs[0]; lab = raw.rstrip("?")
            assert lab in LABELS, (fn, raw)
            if p["text"] in seen:
                if seen[p["text"]] != raw: sys.exit(f"{fn}: conflicting labels for {p['text']!r}")
                continue
            seen[p["text"]] = raw
        for p in paras:
            if p["text"] not in seen: continue
            raw = seen.pop(p["text"]); lab = raw.rstrip("?")
            others = [q["text"] for q in paras if q["labels"][0].rstrip("?") != lab]
            c = pick(p, others)
            if c is None: sys.exit(f"{fn}: no unique contains for {p['text']!r}")
            rows.append({"file": fn, "contains": c, "label": lab, "clear": not raw.endswith("?")})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(rows), Counter(r["label"] for r in rows))
main()
