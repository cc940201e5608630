"""Build the cc batch: strip annotations from _src/ and write published pages
plus held-out.jsonl (stdlib only).  Usage: python3 _tools/build.py"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from para import LABELS, extract_file, norm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
QUOTES = set("'\"\u2018\u2019\u201c\u201d&")
TXT_LABEL = re.compile(r"^([a-z_]+\??)\| ", re.M)


def strip(name, text):
    if name.endswith(".txt"):
        return TXT_LABEL.sub("", text)
    return re.sub(r'\s+data-l="[^"]*"', "", text)


def occurs(s, p):
    s = s.lower()
    return s in p["text_space"].lower() or s in p["text_nothing"].lower()


def inside(s, p):
    return s in p["text_space"] and s in p["text_nothing"]


def choose(par, others):
    words = par["text_space"].split()
    if len(words) < 5:
        s = par["text_space"]
        if inside(s, par) and not any(occurs(s, o) for o in others):
            return s
        return None
    fallback = None
    chunks = sorted(par["chunks"], key=lambda c: -len(c.split()))
    for chunk in chunks:
        w = chunk.split()
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, len(w) - n + 1):
                s = " ".join(w[i:i + n])
                if not inside(s, par) or any(occurs(s, o) for o in others):
                    continue
                if not (set(s) & QUOTES):
                    return s
                if fallback is None:
                    fallback = s
    if fallback is None:
        # windows across inline-tag boundaries (still found in both versions)
        w = words
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, len(w) - n + 1):
                s = " ".join(w[i:i + n])
                if inside(s, par) and not any(occurs(s, o) for o in others):
                    if not (set(s) & QUOTES):
                        return s
                    if fallback is None:
                        fallback = s
    if fallback is None and len(words) <= 12:
        s = par["text_space"]
        if inside(s, par) and not any(occurs(s, o) for o in others):
            return s
    return fallback


def main():
    rows, problems = [], []
    counts, per_page = Counter(), {}
    for name in sorted(os.listdir(SRC)):
        if not re.match(r"cc\d\d_.*\.(html|txt)$", name):
            continue
        path = os.path.join(SRC, name)
        paras, errs = extract_file(path, annotated=True)
        problems += ["%s: %s" % (name, e) for e in errs]
        with open(path, encoding="utf-8") as f:
            pub = strip(name, f.read())
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        # resolve labels
        for p in paras:
            labs = {l for l in p["labels"] if l}
            if len(labs) != 1 or None in p["labels"]:
                problems.append("%s: paragraph label %r: %s" % (name, p["labels"], p["text_space"][:80]))
                p["label"] = "??"
                continue
            lab = labs.pop()
            p["label"] = lab
            if lab.rstrip("?") not in LABELS:
                problems.append("%s: bad label %s" % (name, lab))
        seen = {}
        for p in paras:
            t = p["text_space"]
            if t in seen:
                if seen[t] != p["label"]:
                    problems.append("%s: same text, two labels: %s" % (name, t[:80]))
                continue
            seen[t] = p["label"]
            base = p["label"].rstrip("?")
            others = [o for o in paras if o["label"].rstrip("?") != base]
            s = choose(p, others)
            if s is None:
                problems.append("%s: no unique snippet for [%s] %s" % (name, base, t[:90]))
                continue
            rows.append({"file": name, "contains": s, "label": base,
                         "clear": not p["label"].endswith("?")})
            counts[base] += 1
            per_page.setdefault(name, Counter())[base] += 1
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, c in per_page.items():
        print("%-40s %3d  %s" % (name, sum(c.values()), dict(sorted(c.items()))))
    print("TOTAL", len(rows), dict(sorted(counts.items())))
    for pr in problems:
        print("PROBLEM", pr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
