import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import extract, extract_txt, fold
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}
BAD = set("\"'&\u2018\u2019\u201c\u201d")

def pick(line, others, texts_both, L=8):
    w = line.split(" ")
    if len(w) < 5:
        cands = [line]
    else:
        cands = []
        for n in (L, 9, 10, 7, 11, 6, 12, 5):
            if n > len(w): continue
            for i in range(0, len(w)-n+1):
                cands.append(" ".join(w[i:i+n]))
        cands.sort(key=lambda c: any(ch in BAD for ch in c))
    for c in cands:
        cl = c.lower()
        if all(c in t for t in texts_both) and not any(cl in o for o in others):
            return c
    return None

def main():
    rows, problems = [], []
    for src_name in sorted(os.listdir(SRC)):
        src = open(os.path.join(SRC, src_name), encoding="utf-8").read()
        fn = src_name.removesuffix(".src")  # sources end in .src: an audit of seeds/ skips them
        if fn.endswith(".html"):
            paras = extract(src, "space"); nos = extract(src, "nospace")
            pub = re.sub(r'\s+data-l="[^"]*"', "", src)
            chk = extract(pub, "space")
            assert [p[0] for p in chk] == [p[0] for p in paras], fn
        else:
            paras, nos, publines = [], [], []
            for line in src.split("\n"):
                m = re.match(r"^([a-z_]+!?)\| ?(.*)$", line)
                if m:
                    t = fold(m.group(2)); publines.append(m.group(2))
                    if t: paras.append((t, m.group(1), [t]))
                elif line.strip():
                    problems.append(f"{fn}: unlabelled txt line {line[:40]}")
                else:
                    publines.append("")
            nos = paras
            pub = "\n".join(publines).rstrip("\n") + "\n"
        open(os.path.join(ROOT, fn), "w", encoding="utf-8").write(pub)
        seen = {}
        for (t, lab, lines), (t2, _, _) in zip(paras, nos):
            if lab is None:
                problems.append(f"{fn}: no label: {t[:60]}"); continue
            clear = not lab.endswith("!"); lab = lab.rstrip("!")
            if lab not in LABELS: problems.append(f"{fn}: bad label {lab}"); continue
            if t in seen:
                if seen[t] != lab: problems.append(f"{fn}: same text two labels: {t[:60]}")
                continue
            seen[t] = lab
            others = [p[0].lower() for p in paras if (p[1] or "").rstrip("!") != lab] + [p[0].lower() for p in nos if (p[1] or "").rstrip("!") != lab]
            c = None
            for line in lines:
                c = pick(line, others, [t, t2])
                if c: break
            if not c:
                problems.append(f"{fn}: no unique contains: {t[:70]}"); continue
            rows.append({"file": fn, "contains": c, "label": lab, "clear": clear})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print("rows", len(rows)); print(Counter(r["label"] for r in rows))
    print(Counter(r["file"] for r in rows))
    for p in problems: print("PROBLEM", p)
main()
