#!/usr/bin/env python3
"""Build the published ab pages from _src/ and write held-out.jsonl (stdlib only).

  * HTML sources: every data-l="..." attribute is removed.
  * Text sources: the leading "label| " of every line is removed.
  * held-out.jsonl: one row per distinct paragraph text per page, with a
    5-12 word "contains" snippet (or the whole text when shorter than 5 words)
    that appears in the paragraph with tags removed by nothing and by a space,
    and that occurs in no paragraph of another label on the same page.
"""
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS, TXT_LINE  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
ATTR = re.compile(r'\s+data-l="[^"]*"')
AVOID = set("'\"&\u2018\u2019\u201c\u201d")


def strip_html(text):
    return ATTR.sub("", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        m = TXT_LINE.match(line)
        if not m:
            raise SystemExit("unannotated text line: %r" % line)
        out.append(m.group(2).rstrip())
    return "\n".join(out) + "\n"


def base_label(lab):
    return lab.rstrip("?")


def choose_contains(text, text0, others):
    """others: list of lower-cased texts of paragraphs with another label."""
    words = text.split(" ")
    def ok(c):
        if c not in text or c not in text0:
            return False
        lc = c.lower()
        return not any(lc in o for o in others)
    if len(words) < 5:
        return text if ok(text) else None
    seed = int(hashlib.md5(text.encode()).hexdigest(), 16)
    cands = []
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        if n > len(words):
            continue
        starts = list(range(0, len(words) - n + 1))
        k = seed % len(starts)
        starts = starts[k:] + starts[:k]
        for s in starts:
            cands.append(" ".join(words[s:s + n]))
    clean = [c for c in cands if not (set(c) & AVOID)]
    for c in clean + cands:
        if ok(c):
            return c
    return None


def main():
    errors = []
    rows = []
    counts = {}
    pages = sorted(f for f in os.listdir(SRC) if f.startswith("ab"))
    for name in pages:
        sp = os.path.join(SRC, name)
        with open(sp, encoding="utf-8") as f:
            raw = f.read()
        out = os.path.join(BATCH, name)
        with open(out, "w", encoding="utf-8") as f:
            f.write(strip_txt(raw) if name.endswith(".txt") else strip_html(raw))
        paras = extract_file(sp, annotated=True)
        # label each paragraph
        labelled = []
        for p in paras:
            labs = p["labels"]
            if None in labs or not labs:
                errors.append("%s: unlabelled paragraph: %r" % (name, p["text"][:80]))
                continue
            bases = {base_label(l) for l in labs}
            if len(bases) != 1:
                errors.append("%s: mixed labels %s in %r" % (name, labs, p["text"][:80]))
                continue
            lab = bases.pop()
            if lab not in LABELS:
                errors.append("%s: unknown label %r" % (name, lab))
                continue
            clear = not any(l.endswith("?") for l in labs)
            labelled.append((p, lab, clear))
        # distinct texts
        distinct = {}
        order = []
        for p, lab, clear in labelled:
            t = p["text"]
            if t in distinct:
                d = distinct[t]
                if d["label"] != lab:
                    errors.append("%s: same text, two labels: %r" % (name, t[:80]))
                d["clear"] = d["clear"] and clear
            else:
                distinct[t] = {"p": p, "label": lab, "clear": clear}
                order.append(t)
        for t in order:
            d = distinct[t]
            others = []
            for p2, lab2, _ in labelled:
                if lab2 != d["label"]:
                    others.append(p2["text"].lower())
                    others.append(p2["text0"].lower())
            c = choose_contains(t, d["p"]["text0"], others)
            if c is None:
                errors.append("%s: no unique snippet for [%s] %r" % (name, d["label"], t[:100]))
                continue
            rows.append({"file": name, "contains": c, "label": d["label"], "clear": d["clear"]})
            counts[d["label"]] = counts.get(d["label"], 0) + 1
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print("pages:", len(pages), "rows:", len(rows))
    for l in LABELS:
        print("  %-22s %d" % (l, counts.get(l, 0)))
    per = {}
    for r in rows:
        per[r["file"]] = per.get(r["file"], 0) + 1
    for k in sorted(per):
        print("  %-40s %d" % (k, per[k]))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
