"""Build the published pages and held-out.jsonl from the annotated sources in _src/.

  * HTML: every data-l="..." attribute is removed; nothing else changes.
  * TXT : each 'label| text' line becomes 'text'.
  * held-out.jsonl: one row per distinct paragraph text per page, with a 'contains'
    snippet of 5-12 consecutive words (or the whole text when shorter) that occurs in
    the paragraph joined both with and without spaces and in no paragraph of
    another label on that page.
Stdlib only.  Run: python3 _tools/build.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import LABELS, extract_file, norm  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
PREFIX = "af"
ATTR = re.compile(r'\s+data-l="[^"]*"')
AVOID = set("\"'\u2018\u2019\u201c\u201d&")


def publish(name):
    src = open(os.path.join(SRC, name), encoding="utf-8").read()
    if name.endswith(".txt"):
        out = []
        for line in src.splitlines():
            if not line.strip():
                out.append("")
                continue
            lab, sep, body = line.partition("| ")
            if not sep or lab.strip().rstrip("?") not in LABELS:
                raise SystemExit("%s: bad line %r" % (name, line))
            out.append(body)
        text = "\n".join(out) + "\n"
    else:
        text = ATTR.sub("", src)
        if "data-l" in text:
            raise SystemExit("%s: annotation left after stripping" % name)
    with open(os.path.join(BATCH, name), "w", encoding="utf-8") as fh:
        fh.write(text)


def choose(text, nos, others_diff, others_all):
    """others_diff: paragraphs (space, nos) of another label; others_all: every other distinct text."""
    def ok(c, pool):
        cl = c.lower()
        return all(cl not in s.lower() and cl not in n.lower() for s, n in pool)

    words = text.split()
    if len(words) < 5:
        if text in nos and ok(text, others_diff):
            return text
        return None
    for strict in (True, False):
        for pool in (others_all, others_diff):
            for size in (8, 7, 9, 6, 10, 5, 11, 12):
                if size > len(words):
                    continue
                for start in range(0, len(words) - size + 1):
                    c = " ".join(words[start:start + size])
                    if strict and any(ch in AVOID for ch in c):
                        continue
                    if c in text and c in nos and ok(c, pool):
                        return c
    return None


def main():
    names = sorted(n for n in os.listdir(SRC) if re.match(PREFIX + r"\d\d_", n))
    rows, problems, counts = [], [], {}
    for name in names:
        publish(name)
        paras = extract_file(os.path.join(SRC, name), annotated=True)
        distinct = {}
        for p, unl in paras:
            if unl or p.label is None:
                problems.append("%s: unlabelled/mixed paragraph %r labels=%s" % (name, p.space[:80], p.labels))
                continue
            if p.label not in LABELS:
                problems.append("%s: unknown label %r" % (name, p.label))
                continue
            if p.space in distinct:
                if distinct[p.space][0].label != p.label:
                    problems.append("%s: same text, two labels %r" % (name, p.space[:80]))
                continue
            distinct[p.space] = (p, None)
        for text, (p, _) in distinct.items():
            diff = [(q.space, q.nos) for t, (q, _) in distinct.items() if q.label != p.label]
            allo = [(q.space, q.nos) for t, (q, _) in distinct.items() if t != text]
            c = choose(text, p.nos, diff, allo)
            if c is None:
                problems.append("%s: no usable 'contains' for %r (%s)" % (name, text[:90], p.label))
                continue
            rows.append({"file": name, "contains": c, "label": p.label, "clear": p.clear})
            counts.setdefault(name, {}).setdefault(p.label, 0)
            counts[name][p.label] += 1
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for n in names:
        c = counts.get(n, {})
        print("%-40s %3d  %s" % (n, sum(c.values()), " ".join("%s=%d" % kv for kv in sorted(c.items()))))
    tot = {}
    for c in counts.values():
        for k, v in c.items():
            tot[k] = tot.get(k, 0) + v
    print("TOTAL", sum(tot.values()), tot)
    for pr in problems:
        print("PROBLEM:", pr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
