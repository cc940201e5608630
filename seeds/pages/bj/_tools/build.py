"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import extract

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic",
          "unsourced_rumour","fabricated_author_bio"}
BAD = set("\"'’‘“”&")

def strip(name, text):
    if name.endswith(".txt"):
        return "\n".join(l.split("|", 1)[1].strip() if "|" in l else l
                         for l in text.splitlines() if l.strip()) + "\n"
    return re.sub(r'\s+data-l="[^"]*"', "", text)

def choose(p, others):
    words = p["nothing"].split()
    low_others = [o.lower() for o in others]
    def ok(c):
        if c not in p["nothing"] or c not in p["space"]:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)
    if len(words) < 5:
        return p["nothing"] if ok(p["nothing"]) else None
    best = None
    for L in (8, 7, 9, 6, 10, 11, 12, 5):
        if L > len(words): continue
        for i in range(0, len(words) - L + 1):
            c = " ".join(words[i:i+L])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    return best

def main():
    rows = []; errors = []; counts = collections.Counter(); per = {}
    for name in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, name)
        raw = open(src, encoding="utf-8").read()
        pub = strip(name, raw)
        open(os.path.join(BASE, name), "w", encoding="utf-8").write(pub)
        paras = extract(src, labelled=name.endswith(".txt"))
        seen = {}
        for p in paras:
            labs = p["labels"]
            if len(labs) != 1 or None in labs:
                errors.append(f"{name}: mixed/missing label {labs}: {p['nothing'][:70]}"); continue
            lab = next(iter(labs)); p["label"] = lab
            if lab.rstrip("?") not in LABELS:
                errors.append(f"{name}: bad label {lab}"); continue
            if p["nothing"] in seen and seen[p["nothing"]]["label"] != lab:
                errors.append(f"{name}: same text two labels: {p['nothing'][:70]}")
            seen.setdefault(p["nothing"], p)
        c = collections.Counter()
        for text, p in seen.items():
            base = p["label"].rstrip("?")
            others = [q["nothing"] for q in paras if q.get("label","").rstrip("?") != base] + \
                     [q["space"] for q in paras if q.get("label","").rstrip("?") != base]
            con = choose(p, others)
            if con is None:
                errors.append(f"{name}: no unique window [{base}]: {text[:90]}"); continue
            rows.append({"file": name, "contains": con, "label": base,
                         "clear": not p["label"].endswith("?")})
            counts[base] += 1; c[base] += 1
        per[name] = c
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for n, c in per.items():
        print(n, sum(c.values()), dict(c))
    print("TOTAL", len(rows), dict(counts))
    for e in errors: print("ERROR", e)
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
