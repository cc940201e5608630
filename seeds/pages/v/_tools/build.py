"""Build the published pages and held-out.jsonl from the annotated sources in _src/.

_src/*.html : HTML whose elements carry data-l="<label>" (inherited by descendants) and
              optionally data-c="0" (clear=false, inherited).  Both attributes are stripped.
_src/*.txt  : plain text, each line 'label| text' or 'label?| text' (? = clear false).
"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
from para import (extract_html, extract_txt, strip_annotations_html,  # noqa: E402
                  strip_annotations_txt, fold)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD_CHARS = set("'\"&\u2018\u2019\u201c\u201d")
PREF_LENGTHS = [8, 7, 9, 6, 10, 5, 11, 12]


def window_ok(cand, para, others):
    low = cand.lower()
    if cand not in para["plain"] or cand not in para["spaced"]:
        return False
    for o in others:
        if low in o["plain"].lower() or low in o["spaced"].lower():
            return False
    return True


def choose_contains(para, others):
    """5-12 consecutive words from one <br> line of the paragraph, found in both renderings,
    not a substring of any differently-labelled paragraph; avoid quotes and ampersands."""
    for strict in (True, False):
        for line in sorted(para["lines"], key=len, reverse=True):
            words = line.split(" ")
            if len(words) < 5:
                continue
            # prefer windows that start a little way into the line
            starts = list(range(len(words)))
            mid = min(2, len(words) - 1)
            starts = starts[mid:] + starts[:mid]
            for n in PREF_LENGTHS:
                if n > len(words):
                    continue
                for s in starts:
                    if s + n > len(words):
                        continue
                    cand = " ".join(words[s:s + n])
                    if strict and (set(cand) & BAD_CHARS):
                        continue
                    if strict and not re.search(r"[A-Za-z0-9]$", cand):
                        continue
                    if window_ok(cand, para, others):
                        return cand
    # short paragraph (or no valid window): whole text of one line, then whole paragraph
    for cand in sorted(para["lines"], key=len, reverse=True) + [para["plain"]]:
        if window_ok(cand, para, others):
            return cand
    return None


def main():
    rows, errors = [], []
    counts, page_counts = Counter(), {}
    pages = sorted(f for f in os.listdir(SRC) if re.match(r"v\d\d_", f))
    for fn in pages:
        text = open(os.path.join(SRC, fn), encoding="utf-8").read()
        if fn.endswith(".txt"):
            paras, errs = extract_txt(text, annotated=True)
            published = strip_annotations_txt(text)
        else:
            paras, errs, _ = extract_html(text)
            published = strip_annotations_html(text)
        errors += [f"{fn}: {e}" for e in errs]
        with open(os.path.join(ROOT, fn), "w", encoding="utf-8") as fh:
            fh.write(published)
        # distinct paragraph texts
        seen = {}
        for p in paras:
            if p["label"] not in LABELS:
                errors.append(f"{fn}: bad/missing label {p['label']!r} for {p['plain'][:60]!r}")
                continue
            key = p["plain"]
            if key in seen:
                if seen[key]["label"] != p["label"]:
                    errors.append(f"{fn}: same text, two labels: {key[:60]!r}")
                continue
            seen[key] = p
        pc = Counter()
        for key, p in seen.items():
            others = [o for o in paras if o["label"] != p["label"]]
            c = choose_contains(p, others)
            if c is None:
                errors.append(f"{fn}: no unique contains for [{p['label']}] {key[:70]!r}")
                continue
            rows.append({"file": fn, "contains": c, "label": p["label"], "clear": p["clear"]})
            counts[p["label"]] += 1
            pc[p["label"]] += 1
        page_counts[fn] = pc
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for fn, pc in page_counts.items():
        print(f"{fn:40s} {sum(pc.values()):4d}  " +
              " ".join(f"{k}={v}" for k, v in sorted(pc.items())))
    print("TOTAL", sum(counts.values()), dict(sorted(counts.items())))
    print("unclear rows:", sum(1 for r in rows if not r["clear"]))
    if errors:
        print("\nERRORS:")
        for e in errors:
            print(" ", e)
        sys.exit(1)


if __name__ == "__main__":
    main()
