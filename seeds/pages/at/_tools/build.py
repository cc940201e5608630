#!/usr/bin/env python3
"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json
import os
import re
import sys
from collections import Counter, OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
ATTR = re.compile(r'''\s+data-l=("[^"]*"|'[^']*')''')
TXT_LABEL = re.compile(r"^[a-z_]+\??\| ", re.M)
BAD = set("\"'\u2018\u2019\u201c\u201d&")


def strip(name, text):
    if name.endswith(".txt"):
        return TXT_LABEL.sub("", text)
    return ATTR.sub("", text)


def pick_contains(para, others):
    """Choose 5-12 consecutive words present in both joins and in no
    paragraph of another label (case-insensitive)."""
    words = para["text"].split()
    both = lambda s: s in para["text"] and s in para["text_nosp"]
    clash = lambda s: any(s.lower() in o["text"].lower() or s.lower() in o["text_nosp"].lower()
                          for o in others)
    if len(words) < 5:
        s = para["text"]
        if both(s) and not clash(s):
            return s
        return None
    best = None
    for strict in (True, False):
        for n in (8, 9, 10, 7, 6, 11, 12, 5):
            if n > len(words):
                continue
            for i in range(0, len(words) - n + 1):
                s = " ".join(words[i:i + n])
                if strict and any(c in BAD for c in s):
                    continue
                if both(s) and not clash(s):
                    return s
        if best:
            return best
    return None


def main():
    rows, errors, counts = [], [], Counter()
    per_file = OrderedDict()
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(strip(name, text))
        paras, errs = extract_file(path, labelled=True)
        errors += ["%s: %s" % (name, e) for e in errs]
        distinct = OrderedDict()
        for p in paras:
            if p["label"] not in LABELS:
                errors.append("%s line %s: bad label %r: %s" % (name, p["line"], p["label"], p["text"][:60]))
                continue
            counts[p["label"]] += 1
            key = p["text"]
            if key in distinct:
                if distinct[key]["label"] != p["label"]:
                    errors.append("%s: duplicate text with two labels: %s" % (name, key[:60]))
                distinct[key]["clear"] = distinct[key]["clear"] and p["clear"]
            else:
                distinct[key] = dict(p)
        per_file[name] = Counter(p["label"] for p in paras)
        for p in distinct.values():
            others = [o for o in paras if o["label"] != p["label"]]
            c = pick_contains(p, others)
            if c is None:
                errors.append("%s: no unique contains for [%s] %s" % (name, p["label"], p["text"][:80]))
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": p["clear"]})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, c in per_file.items():
        print("%-40s %4d  %s" % (name, sum(c.values()), dict(sorted(c.items(), key=lambda kv: str(kv[0])))))
    print("TOTAL", sum(counts.values()), dict(sorted(counts.items())))
    print("rows", len(rows), "unclear", sum(1 for r in rows if not r["clear"]))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
