"""Build the published pages from _src/ and write held-out.jsonl (stdlib only).

Usage: python3 _tools/build.py   (from anywhere)
"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paras import LABELS, paragraphs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
PREFIX = "al"
AVOID = set("\"'\u201c\u201d\u2018\u2019&")
DATA_L = re.compile(r'\s+data-l="[^"]*"')
TXT_LABEL = re.compile(r"^([a-z_]+\??)\| ?")


def split_label(raw):
    clear = not raw.endswith("?")
    return raw.rstrip("?"), clear


def publish(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        text = f.read()
    if name.endswith(".txt"):
        out = "\n".join(TXT_LABEL.sub("", line) for line in text.splitlines()) + "\n"
    else:
        out = DATA_L.sub("", text)
        assert "data-l" not in out, name
    with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
        f.write(out)


def choose(p, others):
    """Pick 5-12 consecutive words of p (or its whole text if shorter) that occur
    in both text forms of p and in no paragraph of another label."""
    pa, pb = p["a"].lower(), p["b"].lower()

    def ok(c):
        c = c.lower()
        return c in pa and c in pb and not any(c in oa or c in ob for oa, ob in others)

    words = p["b"].split()
    if len(words) < 5:
        for c in (p["b"], p["a"]):
            if ok(c):
                return c
        return None
    for strict in (True, False):
        for size in (8, 7, 9, 6, 10, 5, 11, 12):
            for start in range(0, len(words) - size + 1):
                c = " ".join(words[start:start + size])
                if strict and AVOID & set(c):
                    continue
                if ok(c):
                    return c
    return None


def main():
    names = sorted(n for n in os.listdir(SRC) if n.startswith(PREFIX) and n.endswith((".html", ".txt")))
    rows, errors = [], []
    counts, distinct_counts, per_file = Counter(), Counter(), {}
    for name in names:
        publish(name)
        paras = paragraphs(os.path.join(SRC, name), annotated=True)
        for p in paras:
            if len(p["labels"]) != 1:
                errors.append(f"{name}:{p['line']}: mixed/missing labels {p['labels']}: {p['b'][:70]}")
                continue
            lab, clear = split_label(p["labels"][0])
            if lab not in LABELS:
                errors.append(f"{name}:{p['line']}: bad label {p['labels'][0]!r}: {p['b'][:70]}")
                continue
            p["label"], p["clear"] = lab, clear
        if errors:
            continue
        seen = {}
        fc = Counter()
        for p in paras:
            counts[p["label"]] += 1
            fc[p["label"]] += 1
            if p["b"] in seen:
                if seen[p["b"]] != p["label"]:
                    errors.append(f"{name}: same text, two labels: {p['b'][:70]}")
                continue
            seen[p["b"]] = p["label"]
            others = [(o["a"].lower(), o["b"].lower()) for o in paras if o["label"] != p["label"]]
            c = choose(p, others)
            if c is None:
                errors.append(f"{name}:{p['line']}: no unique 'contains' for [{p['label']}] {p['b'][:80]}")
                continue
            distinct_counts[p["label"]] += 1
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": p["clear"]})
        per_file[name] = dict(fc, total=sum(fc.values()))
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(ROOT, "_tools", "counts.json"), "w", encoding="utf-8") as f:
        json.dump({"paragraphs": dict(counts), "rows": dict(distinct_counts), "per_file": per_file,
                   "total_paragraphs": sum(counts.values()), "total_rows": len(rows)}, f, indent=1)
    for name, fc in per_file.items():
        print(f"{name:45s} {fc}")
    print("paragraphs:", dict(counts), "total", sum(counts.values()))
    print("rows:", len(rows), "unclear:", sum(not r["clear"] for r in rows))


if __name__ == "__main__":
    main()
