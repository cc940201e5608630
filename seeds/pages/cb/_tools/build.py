#!/usr/bin/env python3
"""Build the published pages from _src/ and write held-out.jsonl (stdlib only).

  * HTML sources: every data-l="..." attribute is removed.
  * Text sources: the leading "label| " of every line is removed.
Then paragraphs are extracted from each source (with labels) and from the
published page (without) and compared; one held-out row is written per
distinct paragraph text, with a `contains` snippet of 5-12 consecutive words
(or the whole text when shorter) that occurs in no paragraph of another label
on the page (and, where possible, in no other paragraph at all).
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD_CHARS = set("\"'\u2018\u2019\u201c\u201d&")


def publish(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        src = f.read()
    if name.endswith(".txt"):
        out = []
        for line in src.splitlines():
            if line.strip():
                line = line.split("| ", 1)[1]
            out.append(line)
        pub = "\n".join(out) + "\n"
    else:
        pub = ATTR.sub("", src)
    with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
        f.write(pub)


def para_label(p, name):
    labs = set(p["labels"])
    if len(labs) != 1 or None in labs:
        raise SystemExit("%s: paragraph with labels %s: %r" % (name, labs, p["text"]))
    lab = labs.pop()
    base = lab.rstrip("?")
    if base not in LABELS:
        raise SystemExit("%s: unknown label %r" % (name, lab))
    return base, not lab.endswith("?")


def in_both(snip, p):
    return snip in p["text"] and snip in p["text_nothing"]


def choose(p, label, paras, labels):
    words = p["text"].split(" ")
    words_n = p["text_nothing"].split(" ")
    others_all = [q for q in paras if q["text"] != p["text"]]
    others_lab = [q for q, l in zip(paras, labels) if l != label]

    def free(snip, pool):
        s = snip.lower()
        return not any(s in q["text"].lower() or s in q["text_nothing"].lower() for q in pool)

    if len(words) < 5:
        snip = p["text"]
        if in_both(snip, p) and free(snip, others_lab):
            return snip
        raise SystemExit("no snippet for short paragraph %r" % p["text"])
    cands = []
    sizes = [8, 7, 9, 6, 10, 5, 11, 12]
    for ws in (words, words_n):
        for n in sizes:
            if n > len(ws):
                continue
            for i in range(0, len(ws) - n + 1):
                cands.append(" ".join(ws[i:i + n]))
    for strict_chars, pool in ((True, others_all), (False, others_all),
                               (True, others_lab), (False, others_lab)):
        for snip in cands:
            if strict_chars and any(c in BAD_CHARS for c in snip):
                continue
            if in_both(snip, p) and free(snip, pool):
                return snip
    raise SystemExit("no snippet for paragraph %r" % p["text"])


def main():
    names = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    rows = []
    counts = collections.Counter()
    per_page = collections.OrderedDict()
    for name in names:
        publish(name)
        sp = extract_file(os.path.join(SRC, name), labelled=True)
        pp = extract_file(os.path.join(BATCH, name), labelled=False)
        if [p["text"] for p in sp] != [p["text"] for p in pp]:
            for a, b in zip(sp, pp):
                if a["text"] != b["text"]:
                    print("MISMATCH", name, repr(a["text"]), repr(b["text"]))
                    break
            raise SystemExit("%s: source/published paragraphs differ" % name)
        labs = []
        clears = []
        for p in sp:
            l, c = para_label(p, name)
            labs.append(l)
            clears.append(c)
        seen = {}
        for p, l, c in zip(sp, labs, clears):
            if p["text"] in seen:
                if seen[p["text"]] != (l, c):
                    raise SystemExit("%s: same text, different labels: %r" % (name, p["text"]))
                continue
            seen[p["text"]] = (l, c)
            snip = choose(p, l, sp, labs)
            rows.append({"file": name, "contains": snip, "label": l, "clear": c})
            counts[l] += 1
            per_page.setdefault(name, collections.Counter())[l] += 1
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, c in per_page.items():
        print("%-48s %4d  %s" % (name, sum(c.values()), dict(sorted(c.items()))))
    print("TOTAL rows", len(rows))
    for l in sorted(LABELS):
        print("  %-22s %4d" % (l, counts[l]))
    print("  unclear rows", sum(1 for r in rows if not r["clear"]))


if __name__ == "__main__":
    main()
