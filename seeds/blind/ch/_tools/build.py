#!/usr/bin/env python3
"""Build the published pages and held-out.jsonl from the annotated sources.

  _src/<name>.html : data-l="label" attributes are stripped
  _src/<name>.txt  : "label| " prefixes are stripped
Then held-out.jsonl gets one row per distinct paragraph text on each page,
with a 'contains' snippet (5-12 consecutive words, or the whole text if
shorter) that is present in both text renderings of the paragraph and absent
(case-insensitively) from every paragraph of another label on the page.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("'\"&\u2019\u2018\u201c\u201d")
ATTR = re.compile(r'\s+data-l="[^"]*"')


def strip_html(text):
    return ATTR.sub("", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if "| " in line and line.split("| ", 1)[0].strip().rstrip("?") in LABELS:
            line = line.split("| ", 1)[1]
        out.append(line)
    return "\n".join(out) + "\n"


def choose(par, others):
    sp, nil = par["sp"], par["nil"]
    low_others = [o.lower() for o in others]

    def ok(c):
        if c not in sp or c not in nil:
            return False
        lc = c.lower()
        return not any(lc in o for o in low_others)

    words = sp.split()
    if len(words) < 5:
        return sp if ok(sp) else None
    fallback = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        for s in range(0, len(words) - n + 1):
            c = " ".join(words[s:s + n])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                if fallback is None:
                    fallback = c
    return fallback


def main():
    rows, problems = [], []
    names = sorted(f for f in os.listdir(SRC) if f.endswith((".html", ".txt")))
    for name in names:
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        pub = strip_html(text) if name.endswith(".html") else strip_txt(text)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras, errs = extract_file(path, annotated=True)
        problems += ["%s: %s" % (name, e) for e in errs]
        seen = {}
        for p in paras:
            if p["label"] not in LABELS:
                problems.append("%s: bad label %r: %s" % (name, p["label"], p["sp"][:60]))
                continue
            if p["sp"] in seen:
                if seen[p["sp"]]["label"] != p["label"]:
                    problems.append("%s: same text, two labels: %s" % (name, p["sp"][:60]))
                seen[p["sp"]]["clear"] = seen[p["sp"]]["clear"] and p["clear"]
                continue
            seen[p["sp"]] = dict(p)
        for p in seen.values():
            others = []
            for q in paras:
                if q["label"] != p["label"]:
                    others += [q["sp"], q["nil"]]
            c = choose(p, others)
            if c is None:
                problems.append("%s: no unique snippet for [%s] %s" % (name, p["label"], p["sp"][:90]))
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": p["clear"]})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for p in problems:
        print("PROBLEM:", p)
    counts = {}
    for r in rows:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    print("pages:", len(names), "rows:", len(rows))
    for k in sorted(counts):
        print("  %-22s %d" % (k, counts[k]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
