#!/usr/bin/env python3
"""Build the ci batch: strip annotations from _src/, write published pages,
and derive held-out.jsonl from the annotated sources (stdlib only)."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
ATTR = re.compile(r'\s+data-l="[^"]*"')
QUOTEY = set("\"'\u2018\u2019\u201c\u201d&")
PREF = [8, 7, 9, 6, 10, 5, 11, 12]


def strip_src(name, text):
    if name.endswith(".txt"):
        out = []
        for line in text.splitlines():
            if not line.strip():
                out.append("")
                continue
            lab, body = line.split("| ", 1)
            out.append(body)
        return "\n".join(out).rstrip("\n") + "\n"
    return ATTR.sub("", text)


def page_paragraphs(path):
    """Distinct paragraphs with a single label each."""
    paras = extract_file(path, track_labels=True)
    seen = {}
    order = []
    for p in paras:
        labs = p["labels"]
        if len(labs) != 1 or labs[0] is None:
            raise SystemExit("%s: paragraph with labels %r: %r" % (os.path.basename(path), labs, p["spaced"][:90]))
        lab = labs[0]
        if lab.rstrip("?") not in LABELS:
            raise SystemExit("%s: unknown label %r" % (os.path.basename(path), lab))
        key = p["spaced"]
        if key in seen:
            if seen[key]["label"] != lab:
                raise SystemExit("%s: same text, two labels: %r" % (os.path.basename(path), key))
            continue
        rec = {"joined": p["joined"], "spaced": p["spaced"], "label": lab}
        seen[key] = rec
        order.append(rec)
    return order


def choose_contains(rec, others):
    j, s = rec["joined"], rec["spaced"]
    low_others = [o.lower() for o in others]

    def ok(c):
        if c not in j or c not in s:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)

    words = s.split(" ")
    if len(words) < 5:
        if ok(s):
            return s
        if ok(j):
            return j
        return None
    best = None
    for n in PREF:
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i + n])
            if not ok(c):
                continue
            score = (sum(ch in QUOTEY for ch in c) * 100) + PREF.index(n) * 3 + i
            if best is None or score < best[0]:
                best = (score, c)
        if best is not None and best[0] < 100:
            return best[1]
    return best[1] if best else None


def main():
    names = sorted(f for f in os.listdir(SRC) if f.endswith((".html", ".txt")))
    rows = []
    problems = []
    for name in names:
        with open(os.path.join(SRC, name), encoding="utf-8") as fh:
            text = fh.read()
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as fh:
            fh.write(strip_src(name, text))
        recs = page_paragraphs(os.path.join(SRC, name))
        for r in recs:
            others = []
            for o in recs:
                if o["label"].rstrip("?") != r["label"].rstrip("?"):
                    others += [o["joined"], o["spaced"]]
            c = choose_contains(r, others)
            if c is None:
                problems.append("%s: no unique contains for [%s] %r" % (name, r["label"], r["spaced"][:100]))
                continue
            rows.append({"file": name, "contains": c, "label": r["label"].rstrip("?"),
                         "clear": not r["label"].endswith("?")})
    if problems:
        print("\n".join(problems))
        raise SystemExit(1)
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("built %d pages, %d rows" % (len(names), len(rows)))


if __name__ == "__main__":
    main()
