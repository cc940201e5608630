"""Build published pages from annotated sources and write held-out.jsonl.

Usage: python3 _tools/build.py   (run from anywhere)
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, LABELS, LINE_RE  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set("'\"\u2018\u2019\u201c\u201d&")


def strip_html(text):
    return ATTR.sub("", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        m = LINE_RE.match(line)
        out.append(m.group(2))
    return "\n".join(out) + "\n"


def page_rows(fname, paras):
    """One row per distinct paragraph text."""
    errors = []
    seen = {}
    for p in paras:
        labs = {l for l in p["labels"]}
        if len(labs) != 1 or None in labs:
            errors.append("%s: mixed/missing labels %s in %r" % (fname, labs, p["text"][:80]))
            continue
        lab = labs.pop()
        base = lab.rstrip("?")
        if base not in LABELS:
            errors.append("%s: bad label %r" % (fname, lab))
            continue
        key = p["text"]
        if key in seen and seen[key][0] != base:
            errors.append("%s: same text two labels %r" % (fname, key[:80]))
        seen.setdefault(key, (base, lab.endswith("?"), p["text_nospace"]))
    rows = []
    texts = list(seen.items())
    for text, (lab, unclear, nospace) in texts:
        others = [t.lower() for t, (l, _, _) in texts if l != lab]
        everyone = [t.lower() for t in seen if t != text]
        words = text.split(" ")
        cands = []
        if len(words) < 5:
            cands = [text]
        else:
            n = min(len(words), 9)
            for size in (n, min(len(words), 12), min(len(words), 7), 5):
                for start in range(0, len(words) - size + 1):
                    cands.append(" ".join(words[start:start + size]))
        best = None
        for strict in (True, False):
            for c in cands:
                if c not in text or c not in nospace:
                    continue
                if any(c.lower() in o for o in others):
                    continue
                if strict and (any(ch in BAD for ch in c) or any(c.lower() in o for o in everyone)):
                    continue
                best = c
                break
            if best:
                break
        if not best:
            errors.append("%s: no unique 'contains' for %r" % (fname, text[:80]))
            continue
        rows.append({"file": fname, "contains": best, "label": lab,
                     "clear": not unclear})
    return rows, errors


def main():
    all_rows, errors = [], []
    for name in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, name)
        with open(src, encoding="utf-8") as f:
            raw = f.read()
        out = strip_txt(raw) if name.endswith(".txt") else strip_html(raw)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(out)
        paras = extract_file(src, annotated=True)
        rows, errs = page_rows(name, paras)
        all_rows += rows
        errors += errs
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in all_rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print("built %d pages, %d rows, %d errors" % (len(os.listdir(SRC)), len(all_rows), len(errors)))


if __name__ == "__main__":
    main()
