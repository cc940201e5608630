"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}

def publish(name):
    s = open(os.path.join(SRC, name), encoding="utf-8").read()
    if name.endswith(".txt"):
        lines = []
        for line in s.splitlines():
            if line.strip():
                lines.append(line.partition("| ")[2])
            else:
                lines.append("")
        out = "\n".join(lines) + "\n"
    else:
        out = re.sub(r'\s+data-l="[^"]*"', "", s)
    open(os.path.join(BASE, name), "w", encoding="utf-8").write(out)

FAILS = []
def pick(a, b, others):
    words = b.split(" ")
    bad = re.compile(r"[\"'’‘“”&]")
    best = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        if len(words) < n:
            continue
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i+n])
            if c not in a or c not in b:
                continue
            if any(c.lower() in o for o in others):
                continue
            score = (1 if bad.search(c) else 0)
            if best is None or score < best[0]:
                best = (score, c)
            if score == 0:
                return c
    if best:
        return best[1]
    if not any(b.lower() in o for o in others) and b in a:
        return b
    if not any(a.lower() in o for o in others):
        return a
    FAILS.append(b)
    return b

def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        if not (name.endswith(".html") or name.endswith(".txt")):
            continue
        publish(name)
        paras = extract_file(os.path.join(SRC, name), annotated=True)
        seen = {}
        for a, b, lab in paras:
            if lab is None or lab.rstrip("?") not in LABELS:
                raise SystemExit(f"{name}: bad label {lab!r} for {b[:60]}")
            if b in seen:
                if seen[b] != lab:
                    raise SystemExit(f"{name}: conflicting labels for {b[:60]}")
                continue
            seen[b] = lab
        for b, lab in seen.items():
            a = [x for x in paras if x[1] == b][0][0]
            others = [(x[0] + " \u0000 " + x[1]).lower() for x in paras if x[2].rstrip("?") != lab.rstrip("?")]
            words = b.split(" ")
            if len(words) <= 5:
                c = b if (b in a and not any(b.lower() in o for o in others)) else pick(a, b, others)
            else:
                c = pick(a, b, others)
            rows.append({"file": name, "contains": c, "label": lab.rstrip("?"), "clear": not lab.endswith("?")})
    if FAILS:
        raise SystemExit("no unique window for: " + " || ".join(FAILS))
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "rows")

if __name__ == "__main__":
    main()
