#!/usr/bin/env python3
"""Build the published av pages from _src/ and write held-out.jsonl (stdlib only).

  python3 _tools/build.py

* HTML sources: every data-l="..." attribute is removed.
* Text sources: the "label| " prefix of each line is removed.
* held-out.jsonl: one row per distinct paragraph text per page, with a 5-12 word
  'contains' snippet unique against paragraphs of other labels on the same page.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "_src")
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

ATTR = re.compile(r'\s+data-l="[^"]*"')
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("'\"&\u2018\u2019\u201c\u201d")


def strip_src(name, text):
    if name.endswith(".txt"):
        out = []
        for line in text.splitlines():
            if line.strip():
                lab, sep, rest = line.partition("| ")
                if not sep:
                    raise SystemExit(f"{name}: unlabelled line: {line!r}")
                out.append(rest)
            else:
                out.append(line)
        return "\n".join(out) + "\n"
    return ATTR.sub("", text)


def choose(para, others):
    """Pick a snippet of 5-12 consecutive words (whole text if shorter than 5)."""
    words = para["sp"].split()
    low_others = [o.lower() for o in others]

    def ok(s):
        if s not in para["sp"] or s not in para["ns"]:
            return False
        return not any(s.lower() in o for o in low_others)

    if len(words) < 5:
        s = " ".join(words)
        return s if ok(s) else None
    best = None
    token_lists = [words, para["ns"].split()]
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        cands = []
        for toks in token_lists:
            if size <= len(toks):
                cands += [" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)]
        for s in cands:
            if not ok(s):
                continue
            clean = not (set(s) & BAD)
            if clean:
                return s
            if best is None:
                best = s
    if best is None and len(words) <= 12 and ok(" ".join(words)):
        best = " ".join(words)
    return best


def main():
    rows = []
    problems = []
    for name in sorted(os.listdir(SRC)):
        if not name.startswith("av"):
            continue
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        pub = strip_src(name, text)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as fh:
            fh.write(pub)
        paras = extract_file(path, annotated=True)
        seen = {}
        for p in paras:
            lab = p["label"]
            if lab is None or lab.rstrip("?") not in LABELS:
                problems.append(f"{name}: bad/missing label {lab!r}: {p['sp'][:70]}")
                continue
            if p["mixed"]:
                problems.append(f"{name}: mixed labels {p['mixed']}: {p['sp'][:70]}")
            if p["sp"] in seen:
                if seen[p["sp"]].rstrip("?") != lab.rstrip("?"):
                    problems.append(f"{name}: same text, two labels: {p['sp'][:70]}")
                continue
            seen[p["sp"]] = lab
        done = set()
        for p in paras:
            if p["sp"] in done or p["label"] is None:
                continue
            done.add(p["sp"])
            lab = p["label"].rstrip("?")
            others = [q["sp"] for q in paras if q["label"] and q["label"].rstrip("?") != lab]
            others += [q["ns"] for q in paras if q["label"] and q["label"].rstrip("?") != lab]
            snip = choose(p, others)
            if snip is None:
                problems.append(f"{name}: no unique snippet: {p['sp'][:70]}")
                continue
            rows.append({"file": name, "contains": snip, "label": lab,
                         "clear": not p["label"].endswith("?")})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for pr in problems:
        print("PROBLEM:", pr)
    print(f"built {len(set(r['file'] for r in rows))} pages, {len(rows)} rows")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
