"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, TXT_LINE  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("'\"&\u2019\u2018\u201c\u201d")


def strip_html(text):
    return re.sub(r'\s+data-l="[^"]*"', "", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        m = TXT_LINE.match(line)
        out.append(m.group(2))
    return "\n".join(out) + "\n"


def choose(para, others):
    """Pick 5-12 consecutive words found in both variants, absent from other-label paragraphs."""
    words = para["sp"].split(" ")
    if len(words) < 5:
        cands = [para["sp"]]
    else:
        cands = []
        for good_only in (True, False):
            for n in (8, 7, 9, 6, 10, 5, 11, 12):
                if n > len(words):
                    continue
                for i in range(0, len(words) - n + 1):
                    c = " ".join(words[i:i + n])
                    if good_only and any(ch in BAD for ch in c):
                        continue
                    cands.append(c)
    for c in cands:
        if c not in para["sp"] or c not in para["nosp"]:
            continue
        lc = c.lower()
        if any(lc in o["sp"].lower() or lc in o["nosp"].lower() for o in others):
            continue
        return c
    return None


def main():
    rows = []
    problems = []
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        pub = strip_txt(text) if name.endswith(".txt") else strip_html(text)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(path, annotated=True)
        seen = {}
        for p in paras:
            lab = p["label"]
            if lab is None or lab.rstrip("?") not in LABELS:
                problems.append("%s: bad/missing label %r for %r" % (name, lab, p["sp"][:60]))
                continue
            if len({(l or "").rstrip("?") for l in p["labels"]}) > 1:
                problems.append("%s: mixed labels %s in %r" % (name, p["labels"], p["sp"][:60]))
            if p["sp"] in seen:
                if seen[p["sp"]]["label"] != lab:
                    problems.append("%s: same text, two labels: %r" % (name, p["sp"][:60]))
                continue
            seen[p["sp"]] = p
        for text_, p in seen.items():
            base = p["label"].rstrip("?")
            others = [o for o in paras if (o["label"] or "").rstrip("?") != base]
            c = choose(p, others)
            if c is None:
                problems.append("%s: no unique snippet for %r" % (name, text_[:70]))
                continue
            rows.append({"file": name, "contains": c, "label": base,
                         "clear": not p["label"].endswith("?")})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for pr in problems:
        print("PROBLEM", pr)
    print("built %d rows" % len(rows))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
