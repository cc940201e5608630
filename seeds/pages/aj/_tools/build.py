#!/usr/bin/env python3
"""Build the published pages from _src/ and write held-out.jsonl (stdlib only).

HTML sources: every data-l="..." attribute is removed.
Text sources: the leading "label| " of each line is removed.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file, extract_html, extract_txt, LINE  # noqa: E402

ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set("\"'&\u2019\u2018\u201c\u201d")


def strip_html(text):
    return ATTR.sub("", text)


def strip_txt(text):
    out = []
    for raw in text.splitlines():
        m = LINE.match(raw)
        out.append(m.group(2) if m else raw)
    return "\n".join(out) + "\n"


def choose_contains(para, others_low, all_low_same):
    """Pick 5-12 consecutive words (or the whole text if shorter than 5 words)
    present in both renderings and absent from paragraphs of other labels."""
    words = para["text"].split(" ")
    t0 = para["text0"].lower()
    t1 = para["text"].lower()

    def ok(c):
        cl = c.lower()
        if cl not in t0 or cl not in t1:
            return False
        return not any(cl in o for o in others_low)

    if len(words) < 5:
        c = para["text"]
        if ok(c):
            return c
        raise SystemExit("short paragraph not unique/consistent: %r" % c)
    cands = []
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        if size > len(words):
            continue
        for start in range(0, len(words) - size + 1):
            c = " ".join(words[start:start + size])
            bad = sum(ch in BAD for ch in c)
            # prefer no quotes/ampersands, prefer starting a little in, prefer
            # snippets unique among same-label paragraphs too
            dup = sum(c.lower() in s for s in all_low_same) > 1
            cands.append((bad, dup, abs(start - 1), abs(size - 8), c))
    cands.sort()
    for bad, dup, _, _, c in cands:
        if ok(c):
            return c
    raise SystemExit("no valid contains for: %r" % para["text"][:80])


def main():
    rows = []
    names = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    for name in names:
        spath = os.path.join(SRC, name)
        with open(spath, encoding="utf-8") as f:
            raw = f.read()
        pub = strip_html(raw) if name.endswith(".html") else strip_txt(raw)
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(spath, annotated=True)
        for p in paras:
            if p["label"] is None or None in p["labels"]:
                raise SystemExit("%s: unlabelled paragraph %r" % (name, p["text"][:80]))
            if len(p["labels"]) > 1:
                raise SystemExit("%s: mixed labels %s in %r" % (name, p["labels"], p["text"][:80]))
        seen = {}
        for p in paras:
            key = p["text"]
            if key in seen:
                if seen[key]["label"] != p["label"]:
                    raise SystemExit("%s: same text, two labels: %r" % (name, key[:80]))
                continue
            seen[key] = p
        for key, p in seen.items():
            others = [q["text"].lower() for q in paras if q["label"] != p["label"]]
            others += [q["text0"].lower() for q in paras if q["label"] != p["label"]]
            same = [q["text"].lower() for q in seen.values() if q["label"] == p["label"]]
            c = choose_contains(p, others, same)
            rows.append({"file": name, "contains": c, "label": p["label"],
                         "clear": p["clear"]})
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("built %d pages, %d rows" % (len(names), len(rows)))


if __name__ == "__main__":
    main()
