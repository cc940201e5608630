#!/usr/bin/env python3
"""Build the published pages of the ca batch from _src/ and write held-out.jsonl.

  python3 _tools/build.py

* HTML sources: every data-l="..." attribute is removed.
* Text sources: the leading "label| " of every line is removed.
* held-out.jsonl: one row per distinct paragraph text per page; "contains" is
  a 5-12 word window (or the whole text when shorter) chosen so that it is
  found in the paragraph with tags removed by nothing and by a space, and does
  not occur (case-insensitively) in any paragraph of another label on the page.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS, norm  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
ATTR = re.compile(r'\s+data-l="[^"]*"')
TXT_LABEL = re.compile(r"^([a-z_]+\??)\|\s?", re.M)
BAD_CHARS = set("\"'\u2018\u2019\u201c\u201d&")


def strip_source(name, text):
    if name.endswith(".txt"):
        return TXT_LABEL.sub("", text)
    return ATTR.sub("", text)


def paragraph_label(p, where):
    labs = p["labels"]
    if len(labs) != 1 or None in labs:
        raise SystemExit("%s: paragraph with labels %r: %r" % (where, labs, p["text"][:90]))
    lab = next(iter(labs))
    if lab.rstrip("?") not in LABELS:
        raise SystemExit("%s: unknown label %r" % (where, lab))
    return lab


def distinct(paras, where):
    """Return ordered list of (text, text_nothing, label, clear)."""
    out = {}
    for p in paras:
        lab = paragraph_label(p, where)
        key = p["text"]
        item = (p["text"], p["text_nothing"], lab.rstrip("?"), not lab.endswith("?"))
        if key in out and out[key][2:] != item[2:]:
            raise SystemExit("%s: same text, different labels: %r" % (where, key))
        out.setdefault(key, item)
    return list(out.values())


def choose_contains(item, items):
    text, text_nothing, label, _ = item
    words = text.split()
    others_diff = [i for i in items if i[2] != label]
    others_all = [i for i in items if i[0] != text]

    def ok_in_self(c):
        return c in norm(text) and c in norm(text_nothing)

    def bad_elsewhere(c, pool):
        lc = c.lower()
        return any(lc in i[0].lower() or lc in i[1].lower() for i in pool)

    if len(words) < 5:
        c = text
        if not ok_in_self(c):
            c = text_nothing
        if bad_elsewhere(c, others_diff):
            raise SystemExit("short paragraph %r occurs in another-label paragraph" % c)
        return c
    best = None
    cands = []
    for wl in (words, text_nothing.split()):
        for n in (8, 7, 9, 6, 10, 11, 12, 5):
            for s in range(0, len(wl) - n + 1):
                cands.append(" ".join(wl[s:s + n]))
    if True:
        for c in cands:
            if not ok_in_self(c) or bad_elsewhere(c, others_diff):
                continue
            score = 0
            if any(ch in BAD_CHARS for ch in c):
                score += 4
            if bad_elsewhere(c, others_all):
                score += 8
            if c[-1] in ",;:" or c[0] in ",;:":
                score += 1
            if best is None or score < best[0]:
                best = (score, c)
            if score == 0:
                return c
    if best is None:
        raise SystemExit("no usable window for %r" % text[:90])
    return best[1]


def main():
    names = sorted(n for n in os.listdir(SRC) if n.startswith("ca"))
    rows = []
    problems = []
    for name in names:
        spath = os.path.join(SRC, name)
        with open(spath, encoding="utf-8") as f:
            text = f.read()
        pub = strip_source(name, text)
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(spath, annotated=True)
        items = distinct(paras, name)
        for it in items:
            try:
                c = choose_contains(it, items)
            except SystemExit as e:
                problems.append("%s: %s" % (name, e))
                continue
            rows.append({
                "file": name,
                "contains": c,
                "label": it[2],
                "clear": it[3],
            })
    if problems:
        print("\n".join(problems))
        raise SystemExit("build failed: %d problems" % len(problems))
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("built %d pages, %d rows" % (len(names), len(rows)))


if __name__ == "__main__":
    main()
