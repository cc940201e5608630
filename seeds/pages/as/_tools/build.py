"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract, LABELS

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
BAD = set("\"'\u2018\u2019\u201c\u201d&")


def strip_html(text):
    return re.sub(r'\s+data-l="[^"]*"', "", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        lab, sep, body = line.partition("|")
        assert sep, "unlabelled line: " + line
        out.append(body.strip())
    return "\n".join(out) + "\n"


def choose(p, others):
    words = p["n"].split()
    lows = [o.lower() for o in others]

    def ok(c):
        return (c in p["n"] and c in p["s"]) and not any(c.lower() in o for o in lows)
    if len(words) < 5:
        return p["n"] if ok(p["n"]) else None
    cands = []
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        if size > len(words):
            continue
        for i in range(0, len(words) - size + 1):
            c = " ".join(words[i:i + size])
            cands.append((any(ch in BAD for ch in c), c))
    cands.sort(key=lambda x: x[0])
    for _, c in cands:
        if ok(c):
            return c
    return None


def main():
    rows, errors = [], []
    for name in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, name)
        with open(sp, encoding="utf-8") as f:
            raw = f.read()
        pub = strip_txt(raw) if name.endswith(".txt") else strip_html(raw)
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract(sp, with_labels=True)
        seen = {}
        for p in paras:
            labs = p["labels"]
            if len(labs) != 1 or labs[0] is None or labs[0].rstrip("?") not in LABELS:
                errors.append(f"{name}: bad labels {labs} for {p['n'][:70]!r}")
                continue
            lab = labs[0]
            if p["n"] in seen and seen[p["n"]] != lab:
                errors.append(f"{name}: same text, two labels: {p['n'][:70]!r}")
            seen[p["n"]] = lab
        done = set()
        for p in paras:
            if p["n"] in done or p["n"] not in seen:
                continue
            done.add(p["n"])
            lab = seen[p["n"]]
            others = [q["n"] for q in paras if seen.get(q["n"], "").rstrip("?") != lab.rstrip("?")]
            others += [q["s"] for q in paras if seen.get(q["n"], "").rstrip("?") != lab.rstrip("?")]
            c = choose(p, others)
            if c is None:
                errors.append(f"{name}: no unique snippet for {p['n'][:70]!r}")
                continue
            rows.append({"file": name, "contains": c, "label": lab.rstrip("?"),
                         "clear": not lab.endswith("?")})
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
