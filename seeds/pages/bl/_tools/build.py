"""Strip annotations from _src/ and write published pages plus held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("\"'\u2019\u2018\u201c\u201d&")


def publish(name):
    src = open(os.path.join(SRC, name), encoding="utf-8").read()
    if name.endswith(".txt"):
        out = "\n".join(l.partition("| ")[2] if l.strip() else "" for l in src.splitlines()) + "\n"
    else:
        out = re.sub(r'\s+data-l="[^"]*"', "", src)
    open(os.path.join(BATCH, name), "w", encoding="utf-8").write(out)


def choose(p, others):
    words = p["space"].split(" ")
    lowo = [o.lower() for o in others]

    def ok(c):
        lc = c.lower()
        return (c in p["space"] and c in p["nothing"]
                and not any(lc in o for o in lowo))
    if len(words) < 5:
        return p["space"] if ok(p["space"]) else None
    best = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i + n])
            if not ok(c):
                continue
            if not (BAD & set(c)):
                return c
            best = best or c
    return best


def main():
    rows, problems = [], []
    for name in sorted(os.listdir(SRC)):
        publish(name)
        paras = extract(os.path.join(SRC, name), source=True)
        seen = {}
        for p in paras:
            if len(p["labels"]) != 1:
                problems.append(f"{name}: label conflict {p['labels']} in: {p['space'][:70]}")
                continue
            lab = next(iter(p["labels"]))
            if lab is None or lab.rstrip("?") not in LABELS:
                problems.append(f"{name}: bad label {lab} in: {p['space'][:70]}")
                continue
            if p["space"] in seen and seen[p["space"]][0]["lab"] != lab:
                problems.append(f"{name}: same text, two labels: {p['space'][:70]}")
            p["lab"] = lab
            seen.setdefault(p["space"], []).append(p)
        for text, ps in seen.items():
            p = ps[0]
            lab = p["lab"]
            others = [q[v] for q in paras if q.get("lab", "").rstrip("?") != lab.rstrip("?") for v in ("space", "nothing")]
            c = choose(p, others)
            if c is None:
                problems.append(f"{name}: no unique window for: {text[:70]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab.rstrip("?"),
                         "clear": not lab.endswith("?")})
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for pr in problems:
        print("PROBLEM", pr)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows, {len(problems)} problems")


if __name__ == "__main__":
    main()
