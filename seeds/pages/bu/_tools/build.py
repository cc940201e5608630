#!/usr/bin/env python3
"""Build published pages from _src/ (strip data-l annotations) and write held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("\"'’‘“”&")


def strip(src):
    return re.sub(r'\s+data-l="[^"]*"', "", src)


def pick(para, others_lc, all_lc):
    """Choose 5-12 consecutive words from one text chunk, unique on the page."""
    words_total = para["text"].split()
    if len(words_total) < 5 and para["text"] == para["text_nosp"]:
        lc = para["text"].lower()
        return None if any(lc in o for o in others_lc) else para["text"]
    cands = []
    srcs = sorted(para["chunks"], key=len, reverse=True) + [para["text"]]
    for ch in srcs:
        w = ch.split()
        if len(w) < 5:
            if len(words_total) < 5:
                cands.append((3, ch))
            continue
        for n in (8, 9, 7, 10, 6, 11, 12, 5):
            for i in range(0, len(w) - n + 1):
                c = " ".join(w[i:i + n])
                if c not in para["text"] or c not in para["text_nosp"]:
                    continue
                score = 0 if not (BAD & set(c)) else 1
                cands.append((score, c))
    cands.sort(key=lambda x: x[0])
    for strict in (True, False):
        for score, c in cands:
            lc = c.lower()
            if any(lc in o for o in others_lc):
                continue
            if strict and sum(lc in o for o in all_lc) > 1:
                continue
            return c
    return None


def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as f:
            src = f.read()
        if name.endswith(".txt"):
            pub = "\n".join(l.partition("| ")[2] if l.strip() else "" for l in src.splitlines()) + "\n"
        else:
            pub = strip(src)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(path, annotated=True)
        seen = {}
        for p in paras:
            if len(p["labels"]) != 1 or p["labels"][0] is None:
                raise SystemExit(f"{name}: bad labels {p['labels']} for {p['text'][:80]}")
            lab = p["labels"][0]
            if lab.rstrip("?") not in LABELS:
                raise SystemExit(f"{name}: unknown label {lab}")
            if p["text"] in seen and seen[p["text"]]["labels"][0].rstrip("?") != lab.rstrip("?"):
                raise SystemExit(f"{name}: same text two labels: {p['text'][:80]}")
            seen.setdefault(p["text"], p)
        for text, p in seen.items():
            lab = p["labels"][0]
            others = [q["text"].lower() for q in seen.values()
                      if q["labels"][0].rstrip("?") != lab.rstrip("?")]
            others += [q["text_nosp"].lower() for q in seen.values()
                       if q["labels"][0].rstrip("?") != lab.rstrip("?")]
            alls = [q["text"].lower() for q in seen.values()]
            c = pick(p, others, alls)
            if c is None:
                print(f"{name}: no unique contains for: {text[:90]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab.rstrip("?"),
                         "clear": not lab.endswith("?")})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows")


if __name__ == "__main__":
    main()
