import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import paragraphs_html, paragraphs_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}
BAD = set("\"'’‘“”&")

def pick(p, others):
    """choose 5-12 consecutive words from one line, present in sp and ns variants, not in other-label paras"""
    others_l = [o.lower() for o in others]
    cands = []
    for line in p["lines_sp"]:
        words = line.split(" ")
        if len(words) < 5:
            cands.append((0, line))
            continue
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for i in range(0, len(words) - n + 1):
                c = " ".join(words[i:i + n])
                pen = sum(ch in BAD for ch in c)
                cands.append((pen * 10 + abs(n - 8) + i * 0.01, c))
    cands.sort(key=lambda x: x[0])
    for _, c in cands:
        if c not in p["full_ns"] and not any(c in l for l in p["lines_ns"]):
            continue
        if any(c.lower() in o for o in others_l):
            continue
        return c
    raise ValueError("no unique window for: " + p["full_sp"])

def main():
    rows = []
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith(".src"):
            continue
        page = fn[:-4]
        text = open(os.path.join(SRC, fn), encoding="utf-8").read()
        if page.endswith(".txt"):
            paras = paragraphs_txt(text, labelled=True)
            out = "\n".join(re.sub(r"^[a-z_]+\??\| ?", "", l) if l.strip() else l for l in text.splitlines()) + "\n"
        else:
            paras = paragraphs_html(text)
            out = re.sub(r'\s+data-[lc]="[^"]*"', "", text)
        open(os.path.join(ROOT, page), "w", encoding="utf-8").write(out)
        seen = {}
        for p in paras:
            if p["label"] not in LABELS:
                raise ValueError(f"{page}: bad/missing label {p['label']!r} for {p['full_sp'][:80]}")
            key = p["full_sp"]
            if key in seen:
                if seen[key]["label"] != p["label"]:
                    raise ValueError(f"{page}: same text two labels: {key}")
                continue
            seen[key] = p
        for key, p in seen.items():
            others = []
            for o in paras:
                if o["label"] != p["label"]:
                    others += [o["full_sp"], o["full_ns"]] + o["lines_sp"] + o["lines_ns"]
            try:
                c = pick(p, others)
            except ValueError as e:
                print("FAIL", page, e); continue
            rows.append({"file": page, "contains": c, "label": p["label"], "clear": p["clear"]})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(rows), "rows")
    print(Counter(r["label"] for r in rows))
    for page in sorted({r["file"] for r in rows}):
        print(page, Counter(r["label"] for r in rows if r["file"] == page))

main()
