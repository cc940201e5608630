"""Build the published cg pages and held-out.jsonl from the annotated sources.

  _src/cgNN_slug.html  -> cgNN_slug.html  (data-l="..." attributes stripped)
  _src/cgNN_slug.txt   -> cgNN_slug.txt   ("label| " prefixes stripped)
  held-out.jsonl       one row per distinct paragraph text of each page

stdlib only.  Run from anywhere: python3 _tools/build.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, extract_html, extract_txt  # noqa: E402

ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD_CHARS = set("\"'\u2018\u2019\u201c\u201d&")
ATTR_RE = re.compile(r'\s+data-l="[^"]*"')
TXT_RE = re.compile(r"^[a-z_]+\??\| ", re.M)


def publish(name, text):
    if name.endswith(".txt"):
        return TXT_RE.sub("", text)
    return ATTR_RE.sub("", text)


def pick_contains(para, others):
    """5-12 consecutive words found in both renderings, absent from other labels."""
    words = para["b"].split()
    a, b = para["a"], para["b"]
    others_l = [o.lower() for o in others]
    if len(words) < 5:
        cands = [para["b"]]
    else:
        cands = []
        n_max = min(12, len(words))
        for n in [8, 7, 9, 6, 10, 5, 11, 12]:
            if n > n_max:
                continue
            # start a little way in when possible, to vary the window
            starts = list(range(0, len(words) - n + 1))
            starts.sort(key=lambda s: (abs(s - min(2, len(words) - n)), s))
            cands += [" ".join(words[s:s + n]) for s in starts]
    good, fallback = None, None
    for c in cands:
        if c not in a or c not in b:
            continue
        if any(c.lower() in o for o in others_l):
            continue
        if not BAD_CHARS & set(c):
            good = c
            break
        if fallback is None:
            fallback = c
    return good or fallback


def main():
    rows, errors, counts, per_page = [], [], {}, []
    names = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    for name in names:
        with open(os.path.join(SRC, name), encoding="utf-8") as f:
            src = f.read()
        pub = publish(name, src)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        ann = extract_file(os.path.join(SRC, name), labelled=True)
        plain = extract_txt(pub) if name.endswith(".txt") else extract_html(pub)
        if [p["b"] for p in ann] != [p["b"] for p in plain]:
            errors.append("%s: annotated and published paragraphs differ" % name)
        # distinct paragraphs with one label each
        distinct = {}
        for p in ann:
            if len(p["labels"]) != 1 or not p["labels"][0]:
                errors.append("%s: paragraph without a single label %s: %r"
                              % (name, p["labels"], p["b"][:80]))
                continue
            raw = p["labels"][0]
            lab = raw.rstrip("?")
            if lab not in LABELS:
                errors.append("%s: unknown label %r" % (name, raw))
                continue
            key = p["b"]
            if key in distinct and distinct[key]["label"] != lab:
                errors.append("%s: same text, two labels: %r" % (name, key[:80]))
            distinct.setdefault(key, {"para": p, "label": lab,
                                      "clear": not raw.endswith("?")})
        page_rows = 0
        for key, d in distinct.items():
            others = []
            for k2, d2 in distinct.items():
                if d2["label"] != d["label"]:
                    others += [d2["para"]["a"], d2["para"]["b"]]
            c = pick_contains(d["para"], others)
            if c is None:
                errors.append("%s: no unique window for %s paragraph %r"
                              % (name, d["label"], key[:90]))
                continue
            rows.append({"file": name, "contains": c, "label": d["label"],
                         "clear": d["clear"]})
            counts[d["label"]] = counts.get(d["label"], 0) + 1
            page_rows += 1
        per_page.append((name, page_rows))
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, n in per_page:
        print("%-45s %4d rows" % (name, n))
    print("total rows:", len(rows))
    for lab in sorted(counts):
        print("  %-22s %4d" % (lab, counts[lab]))
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
