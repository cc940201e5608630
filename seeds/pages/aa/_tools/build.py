"""Build the published pages and held-out.jsonl from the annotated sources.

usage: python3 _tools/build.py      (run from anywhere)

  _src/aaNN_slug.html  -> aaNN_slug.html   (data-l attributes stripped)
  _src/aaNN_slug.txt   -> aaNN_slug.txt    ("label| " prefixes stripped)
  held-out.jsonl       one row per distinct paragraph text per page
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
import paras  # noqa: E402

LABELS = {"credible", "boilerplate", "promotional", "scraped_faq",
          "off_topic", "unsourced_rumour", "fabricated_author_bio"}
ATTR = re.compile(r'\s+data-l="[^"]*"')
QUOTES = set("'\"\u2018\u2019\u201c\u201d&")


def strip_html(src):
    return ATTR.sub("", src)


def strip_txt(src):
    out = []
    for line in src.splitlines():
        if not line.strip():
            out.append("")
            continue
        m = paras.LABEL_LINE.match(line)
        if not m:
            raise SystemExit("unannotated text line: %r" % line)
        out.append(m.group(2))
    return "\n".join(out) + "\n"


def split_label(raw):
    clear = not raw.endswith("?")
    lab = raw.rstrip("?")
    return lab, clear


def choose_contains(p, others):
    """Pick 5-12 consecutive words (or the whole text if shorter) found in both
    text variants and absent (case-insensitively) from every paragraph of
    another label on the page."""
    words = p["text"].split()
    if len(words) < 5:
        cands = [p["text"]]
    else:
        cands = []
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, len(words) - n + 1):
                cands.append(" ".join(words[i:i + n]))
    good = []
    for c in cands:
        if c not in p["text"] or c not in p["text_none"]:
            continue
        lc = c.lower()
        if any(lc in o for o in others):
            continue
        good.append(c)
    if not good:
        return None
    plain = [c for c in good if not (set(c) & QUOTES)]
    return (plain or good)[0]


def main():
    errors = []
    rows = []
    files = sorted(f for f in os.listdir(SRC) if re.match(r"aa\d\d_.*\.(html|txt)$", f))
    for name in files:
        spath = os.path.join(SRC, name)
        with open(spath, encoding="utf-8") as fh:
            src = fh.read()
        pub = strip_txt(src) if name.endswith(".txt") else strip_html(src)
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as fh:
            fh.write(pub)
        sp = paras.extract_file(spath, annotated=True)
        pp = paras.extract_file(os.path.join(BATCH, name))
        if [p["text"] for p in sp] != [p["text"] for p in pp]:
            errors.append("%s: source and published paragraphs differ" % name)
        # label of every paragraph
        bytext = {}
        for p in sp:
            if len(p["labels"]) != 1 or None in p["labels"]:
                errors.append("%s: paragraph with labels %r: %s" % (name, p["labels"], p["text"][:80]))
                continue
            raw = next(iter(p["labels"]))
            lab, clear = split_label(raw)
            if lab not in LABELS:
                errors.append("%s: unknown label %r" % (name, raw))
                continue
            p["label"], p["clear"] = lab, clear
            prev = bytext.get(p["text"])
            if prev and prev["label"] != lab:
                errors.append("%s: same text, two labels: %s" % (name, p["text"][:80]))
            if prev is None:
                bytext[p["text"]] = p
        for text, p in bytext.items():
            if "label" not in p:
                continue
            others = [q["text"].lower() for q in sp if q.get("label") != p["label"]]
            others += [q["text_none"].lower() for q in sp if q.get("label") != p["label"]]
            c = choose_contains(p, others)
            if c is None:
                errors.append("%s: no unique contains for [%s] %s" % (name, p["label"], text[:90]))
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": p["clear"]})
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print("built %d pages, %d rows, %d errors" % (len(files), len(rows), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
