#!/usr/bin/env python3
"""Build the cj batch: strip annotations from _src/, write the published pages
and held-out.jsonl.  Stdlib only.  Run from anywhere:  python3 _tools/build.py
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "_src")
sys.path.insert(0, HERE)
from extract import extract_file, LABELS, TXT_RE  # noqa: E402

DATA_L = re.compile(r'\s+data-l="[^"]*"')
BAD_CHARS = set("'\"&\u2018\u2019\u201c\u201d")


def strip_html(text):
    return DATA_L.sub("", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        m = TXT_RE.match(line)
        out.append(m.group(3) if m else line)
    return "\n".join(out) + "\n"


def base_label(lab):
    return lab.rstrip("?")


def pick_contains(para, others):
    """Choose 5-12 consecutive words of para (or whole text if shorter)."""
    words = para["space"].split()
    low_others = [o.lower() for o in others]

    def ok(c):
        if c not in para["space"] or c not in para["nothing"]:
            return False
        lc = c.lower()
        return not any(lc in o for o in low_others)

    if len(words) < 5:
        c = para["space"]
        return c if ok(c) else None
    best = None
    for n in (8, 9, 7, 10, 6, 11, 12, 5):
        if n > len(words):
            continue
        for start in range(0, len(words) - n + 1):
            c = " ".join(words[start:start + n])
            if not ok(c):
                continue
            if not (set(c) & BAD_CHARS):
                return c
            if best is None:
                best = c
    if best is None and len(words) <= 12 and ok(para["space"]):
        best = para["space"]
    return best


def main():
    rows, problems = [], []
    counts, page_counts = Counter(), {}
    for name in sorted(os.listdir(SRC)):
        src_path = os.path.join(SRC, name)
        if not os.path.isfile(src_path):
            continue
        with open(src_path, encoding="utf-8") as fh:
            text = fh.read()
        pub = strip_txt(text) if name.endswith(".txt") else strip_html(text)
        pub_path = os.path.join(ROOT, name)
        with open(pub_path, "w", encoding="utf-8") as fh:
            fh.write(pub)
        src_paras = extract_file(src_path, annotated=True)
        pub_paras = extract_file(pub_path)
        if [p["space"] for p in src_paras] != [p["space"] for p in pub_paras]:
            problems.append("%s: src and published paragraphs differ" % name)
        # distinct paragraphs
        seen = {}
        for p in src_paras:
            if p["label"] is None:
                problems.append("%s: unlabelled paragraph: %s" % (name, p["space"][:80]))
                continue
            if len(p["labels"]) > 1:
                problems.append("%s: mixed labels %s in: %s" % (name, p["labels"], p["space"][:80]))
            key = p["space"]
            if key in seen:
                if base_label(seen[key]["label"]) != base_label(p["label"]):
                    problems.append("%s: same text, two labels: %s" % (name, key[:80]))
                continue
            seen[key] = p
        pc = Counter()
        for key, p in seen.items():
            lab = base_label(p["label"])
            if lab not in LABELS:
                problems.append("%s: bad label %r" % (name, p["label"]))
                continue
            others = []
            for k2, q in seen.items():
                if base_label(q["label"]) != lab:
                    others.extend([q["space"], q["nothing"]])
            c = pick_contains(p, others)
            if c is None:
                problems.append("%s: no unique window for [%s] %s" % (name, lab, key[:90]))
                continue
            rows.append({"file": name, "contains": c, "label": lab,
                         "clear": not p["label"].endswith("?")})
            pc[lab] += 1
        page_counts[name] = pc
        counts.update(pc)
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, pc in page_counts.items():
        print("%-48s %4d  %s" % (name, sum(pc.values()),
                                 " ".join("%s=%d" % (k[:6], v) for k, v in sorted(pc.items()))))
    print("TOTAL", sum(counts.values()))
    for lab in LABELS:
        print("  %-22s %d" % (lab, counts[lab]))
    print("judgement calls:", sum(1 for r in rows if not r["clear"]))
    for pr in problems:
        print("PROBLEM:", pr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
