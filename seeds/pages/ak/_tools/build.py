#!/usr/bin/env python3
"""Build the ak batch: strip annotations from _src/ and write the published
pages plus held-out.jsonl (stdlib only).  Usage: python3 _tools/build.py"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import LABELS, extract_html, extract_txt, split_label  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
ATTR = re.compile(r'\s+data-l="[^"]*"')
TXT_PREFIX = re.compile(r"^([a-z_]+\??)\|\s?", re.M)
AVOID = set("'\"\u2018\u2019\u201c\u201d&")


def strip_html(text):
    return ATTR.sub("", text)


def strip_txt(text):
    return TXT_PREFIX.sub("", text)


def pick(par, others):
    """Choose 5-12 consecutive words of par (or its whole text if shorter)
    found in both renderings and absent from every other-label paragraph."""
    low_others = [o["space"].lower() for o in others] + \
                 [o["nothing"].lower() for o in others]

    def ok(c):
        if c not in par["space"] or c not in par["nothing"]:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)

    words = par["space"].split(" ")
    if len(words) < 5:
        c = par["space"]
        return c if ok(c) else None
    best = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        if n > len(words):
            continue
        for s in range(0, len(words) - n + 1):
            c = " ".join(words[s:s + n])
            if not ok(c):
                continue
            if not (set(c) & AVOID):
                return c
            if best is None:
                best = c
    return best


def main():
    rows, problems, stats = [], [], {}
    files = sorted(f for f in os.listdir(SRC) if f.startswith("ak"))
    for name in files:
        with open(os.path.join(SRC, name), encoding="utf-8") as f:
            src = f.read()
        if name.endswith(".txt"):
            paras, errs = extract_txt(src, annotated=True)
            out = strip_txt(src)
        else:
            paras, errs = extract_html(src)
            out = strip_html(src)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(out)
        problems += ["%s: %s" % (name, e) for e in errs]
        # resolve one label per paragraph
        for p in paras:
            if len(p["labels"]) != 1 or None in p["labels"]:
                problems.append("%s line %d: labels %s for %r" % (
                    name, p["line"], p["labels"], p["space"][:70]))
                p["label"], p["clear"] = None, True
                continue
            lab, clear = split_label(next(iter(p["labels"])))
            if lab not in LABELS:
                problems.append("%s line %d: bad label %r" % (name, p["line"], lab))
            p["label"], p["clear"] = lab, clear
        # distinct texts
        seen = {}
        for p in paras:
            key = p["space"]
            if key in seen:
                if seen[key]["label"] != p["label"]:
                    problems.append("%s: same text, two labels: %r" % (name, key[:70]))
                continue
            seen[key] = p
        c = Counter()
        for key, p in seen.items():
            others = [o for o in paras if o["label"] != p["label"]]
            contains = pick(p, others)
            if contains is None:
                problems.append("%s line %d: no unique window for %s %r" % (
                    name, p["line"], p["label"], key[:80]))
                continue
            rows.append({"file": name, "contains": contains,
                         "label": p["label"], "clear": p["clear"]})
            c[p["label"]] += 1
        stats[name] = c
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    total = Counter()
    for name in files:
        c = stats[name]
        total.update(c)
        print("%-40s %4d  %s" % (name, sum(c.values()),
                                 ", ".join("%s=%d" % kv for kv in sorted(c.items(), key=str))))
    print("TOTAL rows %d: %s" % (sum(total.values()),
                                 ", ".join("%s=%d" % kv for kv in sorted(total.items()))))
    print("unclear rows: %d" % sum(1 for r in rows if not r["clear"]))
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
