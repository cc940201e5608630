import os, re, json, sys, glob
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
BAD = set("\"'\u2019\u2018\u201c\u201d&")

def pick(par, others):
    """choose a contains string from one line of par, unique vs others (list of lowercase texts)."""
    best = None
    for ti, tline in enumerate(par["tight_lines"]):
        words = tline.split(" ")
        sl = par["spaced_lines"]
        def ok(c):
            if c not in par["tight"] or c not in par["spaced"]: return False
            lc = c.lower()
            return not any(lc in o for o in others)
        if len(words) < 5:
            if ok(tline):
                return tline
            continue
        for clean in (True, False):
            for n in (8, 9, 10, 7, 11, 12, 6, 5):
                if n > len(words): continue
                for i in range(0, len(words)-n+1):
                    c = " ".join(words[i:i+n])
                    if clean and any(ch in BAD for ch in c): continue
                    if ok(c): return c
    return None

def main():
    rows = []; problems = []
    for src in sorted(glob.glob(os.path.join(SRC, "l*"))):
        name = os.path.basename(src).removesuffix(".src")  # sources end in .src: an audit of seeds/ skips them
        text = open(src, encoding="utf-8").read()
        if name.endswith(".txt"):
            paras = extract_txt(text, labelled=True)
            out = "\n".join(re.sub(r"^\s*[a-z]\| ", "", l) for l in text.splitlines()) + "\n"
        else:
            paras = extract_html(text)
            out = re.sub(r'\s+data-l="[a-z]"', "", text)
        open(os.path.join(ROOT, name), "w", encoding="utf-8").write(out)
        seen = {}
        for p in paras:
            if p["label"] is None:
                problems.append(f"{name}: unlabelled paragraph: {p['tight'][:80]}")
                continue
            k = p["tight"]
            if k in seen and seen[k] != p["label"]:
                problems.append(f"{name}: same text two labels: {k[:80]}")
            seen[k] = p["label"]
        done = set()
        for p in paras:
            if p["label"] is None or p["tight"] in done: continue
            done.add(p["tight"])
            others = []
            for q in paras:
                if q["label"] != p["label"]:
                    others += [q["tight"].lower(), q["spaced"].lower()]
            c = pick(p, others)
            if c is None:
                problems.append(f"{name}: no unique contains for [{p['label']}] {p['tight'][:90]}")
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": True, "_t": p["tight"]})
    # judgement calls
    jc = {}
    jpath = os.path.join(SRC, "judgement.json")
    if os.path.exists(jpath):
        jc = json.load(open(jpath))
    for r in rows:
        for key in jc.get(r["file"], []):
            if (key[1:] == r["_t"]) if key.startswith("=") else (key.lower() in r["_t"].lower()):
                r["clear"] = False
    for r in rows: del r["_t"]
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print("rows", len(rows), dict(Counter(r["label"] for r in rows)))
    print("unclear", sum(1 for r in rows if not r["clear"]))
    for p in problems: print("PROBLEM", p)

main()
