"""Build the bz batch: strip annotations from _src/ and write the published pages,
then write held-out.jsonl (one row per distinct paragraph text per page).
Stdlib only.  Run:  python3 _tools/build.py
"""
import json
import os
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_html, extract_txt, LABELS, norm  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
BAD = set("'\"\u2018\u2019\u201c\u201d&")
LABEL_ATTR = re.compile(r'\s+data-l="[^"]*"')


def publish(name, text):
    if name.endswith(".txt"):
        out = []
        for line in text.splitlines():
            if not line.strip():
                out.append("")
                continue
            _, _, rest = line.partition("|")
            out.append(rest[1:] if rest.startswith(" ") else rest)
        return "\n".join(out).rstrip("\n") + "\n"
    return LABEL_ATTR.sub("", text)


def pick_contains(para, others_lower):
    """Choose 5-12 consecutive words (or the whole text if shorter) that occur in both
    renderings of the paragraph and in no paragraph of another label (case-insensitive)."""
    sp, ns = para["space"], para["nospace"]
    words = sp.split(" ")

    def ok(c):
        cl = c.lower()
        return c in sp and c in ns and not any(cl in o for o in others_lower)

    if len(words) < 5:
        return sp if ok(sp) else None
    cands = []
    for n in (8, 7, 9, 6, 10, 11, 5, 12):
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i + n])
            bad = sum(ch in BAD for ch in c)
            cands.append((bad > 0, c.strip(".,;:").count(" ") != n - 1, i, c))
    # prefer windows without quotes/ampersands; keep word-count preference order
    for c in [x for x in cands if not x[0]] + [x for x in cands if x[0]]:
        if ok(c[3]):
            return c[3]
    return None


def main():
    errors = []
    rows = []
    counts = Counter()
    unclear = Counter()
    per_page = OrderedDict()
    for name in sorted(os.listdir(SRC)):
        if not name.startswith("bz"):
            continue
        with open(os.path.join(SRC, name), encoding="utf-8") as f:
            src = f.read()
        pub = publish(name, src)
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
            f.write(pub)
        if name.endswith(".txt"):
            sparas, _ = extract_txt(src, annotated=True)
            pparas, _ = extract_txt(pub)
        else:
            sparas, sk = extract_html(src)
            pparas, _ = extract_html(pub)
            if sk:
                errors.append(f"{name}: text inside hidden elements: {sk[:3]}")
        if [p["space"] for p in sparas] != [p["space"] for p in pparas]:
            errors.append(f"{name}: source and published paragraphs differ")
        # label per distinct paragraph
        distinct = OrderedDict()
        for p in sparas:
            labs = p["labels"]
            if len(labs) != 1 or labs[0].rstrip("?") not in LABELS:
                errors.append(f"{name}: bad/mixed label {labs} for: {p['space'][:80]}")
                continue
            lab = labs[0]
            key = p["space"]
            if key in distinct and distinct[key][0] != lab:
                errors.append(f"{name}: same text, two labels: {key[:80]}")
            distinct.setdefault(key, (lab, p))
        page_counts = Counter()
        for key, (lab, p) in distinct.items():
            base = lab.rstrip("?")
            others = [q["space"].lower() for k2, (l2, q) in distinct.items() if l2.rstrip("?") != base]
            others += [q["nospace"].lower() for k2, (l2, q) in distinct.items() if l2.rstrip("?") != base]
            c = pick_contains(p, others)
            if c is None:
                errors.append(f"{name}: no unique contains for [{base}] {key[:90]}")
                continue
            rows.append({"file": name, "contains": c, "label": base, "clear": not lab.endswith("?")})
            counts[base] += 1
            page_counts[base] += 1
            if lab.endswith("?"):
                unclear[base] += 1
        per_page[name] = page_counts
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, pc in per_page.items():
        print(f"{name:45s} {sum(pc.values()):3d} " + " ".join(f"{k}={v}" for k, v in sorted(pc.items())))
    print("TOTAL", len(rows), dict(sorted(counts.items())))
    print("judgement calls (clear=false):", dict(unclear))
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)


if __name__ == "__main__":
    main()
