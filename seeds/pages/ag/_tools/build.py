"""Build the published pages and held-out.jsonl from the annotated sources.

  python3 _tools/build.py

* _src/*.html : data-l="..." attributes are removed, everything else is kept
  byte for byte.
* _src/*.txt  : the "label| " prefix of every line is removed.
* held-out.jsonl : one row per distinct paragraph text on each page, with a
  5-12 word window ("contains") that is unique on the page.
Standard library only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file, LINE_LABEL  # noqa: E402

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set("\"'\u2018\u2019\u201c\u201d&")


def strip_html(src):
    return ATTR.sub("", src)


def strip_txt(src):
    out = []
    for line in src.splitlines():
        m = LINE_LABEL.match(line)
        out.append(m.group(2) if m else line)
    return "\n".join(out) + "\n"


def choose(p, paras):
    """Pick a window of p's words that identifies p on its page."""
    others = [q for q in paras if q.spaced != p.spaced]
    other_lab = [q for q in others if q.label != p.label]

    def ok(c, strict):
        cl = c.lower()
        if c not in p.joined or c not in p.spaced:
            return False
        for q in other_lab:
            if cl in q.joined.lower() or cl in q.spaced.lower():
                return False
        if strict:
            for q in others:
                if cl in q.joined.lower() or cl in q.spaced.lower():
                    return False
        return True

    words = p.spaced.split(" ")
    if len(words) < 5:
        return p.spaced if ok(p.spaced, False) else None
    for strict in (True, False):
        for clean in (True, False):
            for n in (8, 7, 9, 6, 10, 5, 11, 12):
                if n > len(words):
                    continue
                starts = list(range(0, len(words) - n + 1))
                # prefer windows away from the very start (headings repeat)
                for i in starts:
                    c = " ".join(words[i:i + n])
                    if clean and (BAD & set(c)):
                        continue
                    if ok(c, strict):
                        return c
    return None


def main():
    pages = sorted(f for f in os.listdir(SRC) if f.endswith((".html", ".txt")))
    rows, problems, total = [], [], 0
    for name in pages:
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as f:
            src = f.read()
        pub = strip_html(src) if name.endswith(".html") else strip_txt(src)
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras, errs = extract_file(path, annotated=True)
        problems += [f"{name}: {e}" for e in errs]
        total += len(paras)
        seen = {}
        for p in paras:
            if p.label is None:
                problems.append(f"{name}: line {p.line}: unlabelled {p.spaced[:70]!r}")
                continue
            if p.label not in LABELS:
                problems.append(f"{name}: line {p.line}: bad label {p.label}")
                continue
            if p.spaced in seen:
                if seen[p.spaced].label != p.label:
                    problems.append(f"{name}: duplicate text with two labels {p.spaced[:60]!r}")
                continue
            seen[p.spaced] = p
            c = choose(p, paras)
            if c is None:
                problems.append(f"{name}: line {p.line}: no unique window for {p.label}: {p.spaced[:80]!r}")
                continue
            rows.append({"file": name, "contains": c, "label": p.label, "clear": p.clear})
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for pr in problems:
        print("PROBLEM", pr)
    print(f"built {len(pages)} pages, {total} paragraphs, {len(rows)} rows, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
