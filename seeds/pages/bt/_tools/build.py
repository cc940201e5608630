"""Strip annotations from _src/ and write published pages + held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("\"'&\u2019\u2018\u201c\u201d")


def strip_html(t):
    return re.sub(r'\s+data-l="[^"]*"', "", t)


def strip_txt(t):
    out = []
    for line in t.splitlines():
        if not line.strip():
            out.append("")
            continue
        lab, sep, body = line.partition("| ")
        assert sep, "bad txt line: " + line
        out.append(body)
    return "\n".join(out) + "\n"


def choose(pa, pb, others):
    for words in (pb.split(" "), pa.split(" ")):
        r = _choose(words, pa, pb, others)
        if r:
            return r
    return None


def _choose(words, pa, pb, others):
    low = [(o[0].lower(), o[1].lower()) for o in others]
    def ok(c):
        cl = c.lower()
        if c not in pa or c not in pb:
            return False
        return not any(cl in x or cl in y for x, y in low)
    if len(words) < 5:
        return pb if ok(pb) else None
    n = len(words)
    best = None
    for size in [8, 7, 9, 6, 10, 5, 11, 12]:
        if size > n:
            continue
        starts = sorted(range(n - size + 1), key=lambda s: abs(s - (n - size) // 2))
        for s in starts:
            c = " ".join(words[s:s + size])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    return best


def main():
    rows, problems = [], []
    for name in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, name)
        raw = open(sp, encoding="utf-8").read()
        pub = strip_txt(raw) if name.endswith(".txt") else strip_html(raw)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(sp, labelled=True)
        seen = {}
        for pa, pb, labs in paras:
            labs = {l for l in labs if l is not None}
            if len(labs) != 1:
                problems.append(f"{name}: label problem {labs} for: {pb[:80]}")
                continue
            lab = labs.pop()
            if lab.rstrip("?") not in LABELS:
                problems.append(f"{name}: unknown label {lab}")
            if pb in seen and seen[pb][2] != lab.rstrip("?"):
                problems.append(f"{name}: same text two labels: {pb[:80]}")
            seen.setdefault(pb, (pa, pb, lab.rstrip("?"), not lab.endswith("?")))
        for pb, (pa, _, lab, clear) in seen.items():
            others = [(v[0], v[1]) for k, v in seen.items() if v[2] != lab]
            c = choose(pa, pb, others)
            if c is None:
                problems.append(f"{name}: no unique contains for [{lab}] {pb[:90]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab, "clear": clear})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for p in problems:
        print("PROBLEM", p)
    print(len(rows), "rows written")


if __name__ == "__main__":
    main()
