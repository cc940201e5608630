"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paras import extract, LABELS

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
BAD = set("\"'\u2018\u2019\u201c\u201d&")
ATTR = re.compile(r'\s+data-l="[^"]*"')


def strip(path, text):
    if path.endswith(".txt"):
        out = []
        for line in text.splitlines():
            out.append(line.partition("| ")[2] if line.strip() else "")
        return "\n".join(out) + "\n"
    return ATTR.sub("", text)


def choose(p, others):
    words = p["space"].split()
    def ok(c):
        return (c in p["space"] and c in p["nothing"]
                and not any(c.lower() in o.lower() for o in others))
    if len(words) < 5:
        c = p["space"]
        return c if ok(c) else None
    best = None
    for size in range(8, 13) if len(words) >= 8 else range(len(words), 4, -1):
        for start in range(0, len(words) - size + 1):
            c = " ".join(words[start:start + size])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    if best is None:
        for size in range(5, 8):
            for start in range(0, len(words) - size + 1):
                c = " ".join(words[start:start + size])
                if ok(c):
                    return c
    return best


def main():
    rows, errors = [], []
    for name in sorted(os.listdir(SRC)):
        spath = os.path.join(SRC, name)
        with open(spath, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(BASE, name), "w", encoding="utf-8") as f:
            f.write(strip(name, text))
        paras = extract(spath, annotated=True)
        seen = {}
        for p in paras:
            if len(p["labels"]) != 1:
                errors.append(f"{name}: paragraph with labels {p['labels']}: {p['space'][:70]}")
                continue
            lab = p["labels"][0]
            if lab is None or lab.rstrip("?") not in LABELS:
                errors.append(f"{name}: bad label {lab!r}: {p['space'][:70]}")
                continue
            p["label"] = lab
            if p["space"] in seen and seen[p["space"]] != lab.rstrip("?"):
                errors.append(f"{name}: same text, two labels: {p['space'][:70]}")
            seen[p["space"]] = lab.rstrip("?")
        done = set()
        for p in paras:
            if "label" not in p or p["space"] in done:
                continue
            done.add(p["space"])
            lab = p["label"].rstrip("?")
            others = [o["space"] for o in paras if o.get("label", "").rstrip("?") != lab]
            c = choose(p, others)
            if c is None:
                errors.append(f"{name}: no unique contains for [{lab}] {p['space'][:80]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab,
                         "clear": not p["label"].endswith("?")})
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
