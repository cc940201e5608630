#!/usr/bin/env python3
"""Build the published ap pages from _src/ and write held-out.jsonl (stdlib only).

  * HTML: every data-l="..." attribute is removed.
  * TXT:  the leading "label| " of every line is removed.
  * held-out.jsonl: one row per distinct paragraph text per page, with a
    5-12 word "contains" window that occurs in both renderings of the
    paragraph and in no paragraph of another label on that page.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file, LABELS, LINE_RE  # noqa: E402
from pages import PAGES  # noqa: E402

ATTR_RE = re.compile(r'\s+data-l="[^"]*"')
BAD = set("\"'&\u2018\u2019\u201c\u201d")


def publish(name):
    src = os.path.join(SRC, name)
    with open(src, encoding="utf-8") as f:
        text = f.read()
    if name.endswith(".html"):
        out = ATTR_RE.sub("", text)
    else:
        lines = []
        for line in text.splitlines():
            if not line.strip():
                lines.append("")
                continue
            m = LINE_RE.match(line)
            if not m:
                raise SystemExit("%s: unannotated line %r" % (name, line))
            lines.append(m.group(2))
        out = "\n".join(lines) + "\n"
    with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
        f.write(out)


def choose(p, others):
    words = p["space"].split()
    low_others = [o.lower() for o in others]

    def ok(c):
        if c not in p["space"] or c not in p["nospace"]:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)

    if len(words) < 5:
        c = p["space"]
        return c if ok(c) else None
    best = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i + n])
            if ok(c):
                clean = not (set(c) & BAD)
                if clean:
                    return c
                if best is None:
                    best = c
    return best


def rows_for(name):
    paras = extract_file(os.path.join(SRC, name), annotated=True)
    errors, rows, seen = [], [], {}
    for p in paras:
        if p["label"] is None:
            errors.append("%s: unlabelled paragraph %r" % (name, p["space"][:80]))
            continue
        if p["mixed"]:
            errors.append("%s: mixed labels %s in %r" % (name, p["labels"], p["space"][:80]))
        base = p["label"].rstrip("?")
        if base not in LABELS:
            errors.append("%s: bad label %r" % (name, p["label"]))
        key = p["space"]
        if key in seen:
            if seen[key] != p["label"]:
                errors.append("%s: same text, two labels %r" % (name, key[:80]))
            continue
        seen[key] = p["label"]
        others = []
        for q in paras:
            if q["label"] and q["label"].rstrip("?") != base:
                others += [q["space"], q["nospace"]]
        c = choose(p, others)
        if c is None:
            errors.append("%s: no unique window for %r" % (name, key[:80]))
            continue
        rows.append({"file": name, "contains": c, "label": base,
                     "clear": not p["label"].endswith("?")})
    return rows, errors


def main():
    allrows, errs = [], []
    for name in sorted(PAGES):
        if not os.path.exists(os.path.join(SRC, name)):
            errs.append("missing source " + name)
            continue
        publish(name)
        r, e = rows_for(name)
        allrows += r
        errs += e
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in allrows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errs:
        print("ERROR", e)
    print("built %d pages, %d rows, %d errors" % (len(PAGES), len(allrows), len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
