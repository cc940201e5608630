"""Build published pages + held-out.jsonl from label-annotated sources in _src/."""
import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt, flat, fold, BR

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODES = {"c":"credible","b":"boilerplate","p":"promotional","q":"scraped_faq",
         "o":"off_topic","r":"unsourced_rumour","a":"fabricated_author_bio"}
BAD = set("'\"&\u2018\u2019\u201c\u201d")

def parse_code(code):
    clear = not code.endswith("?")
    code = code.rstrip("?")
    if code not in CODES: raise ValueError("bad label code %r" % code)
    return CODES[code], clear

def choose(p, others):
    """pick a contains string for paragraph p (dict) avoiding others (list of texts, lowercased)."""
    lines = [l.strip() for l in p["nospace"].split(BR) if l.strip()]
    sp = flat(p["space"]); ns = flat(p["nospace"])
    total_words = len(ns.split())
    cands = []
    if total_words < 5:
        cands.append(ns)
    for line in sorted(lines, key=lambda l: -len(l.split())):
        w = line.split()
        if len(w) <= 12 and len(w) >= 1:
            cands.append(line)
        for size in (8, 7, 9, 6, 10, 5, 11, 12):
            for start in range(0, max(1, len(w) - size + 1)):
                if start + size <= len(w):
                    cands.append(" ".join(w[start:start+size]))
    good = []
    for c in cands:
        if c not in ns or c not in sp: continue
        n = len(c.split())
        if total_words >= 5 and not (5 <= n <= 12): continue
        lc = c.lower()
        if any(lc in o for o in others): continue
        good.append(c)
    if not good: return None
    clean = [c for c in good if not (set(c) & BAD)]
    return (clean or good)[0]

def main():
    rows = []; counts = collections.Counter(); pages = collections.Counter(); errors = []
    unclear = []
    for fn in sorted(os.listdir(os.path.join(ROOT, "_src"))):
        if not fn.endswith(".src"): continue
        page = fn[:-4]
        src = open(os.path.join(ROOT, "_src", fn), encoding="utf-8").read()
        if page.endswith(".txt"):
            out_lines = []; paras = []
            for i, line in enumerate(src.splitlines(), 1):
                if not line.strip(): out_lines.append(""); continue
                m = re.match(r"^([a-z]\??)\| (.*)$", line)
                if not m: errors.append(f"{fn}:{i} unlabelled line"); continue
                lab, clear = parse_code(m.group(1))
                out_lines.append(m.group(2))
                t = fold(m.group(2))
                paras.append({"nospace": t, "space": t, "label": lab, "clear": clear})
            pub = "\n".join(out_lines) + "\n"
        else:
            pub = re.sub(r'\s+data-l="[^"]*"', "", src)
            paras = extract_html(src, keep_label=True)
            for p in paras:
                if p["label"] is None:
                    errors.append(f"{fn}: unlabelled paragraph {p['nospace'][:70]!r}"); continue
                p["label"], p["clear"] = parse_code(p["label"])
        open(os.path.join(ROOT, page), "w", encoding="utf-8").write(pub)
        # distinct texts
        seen = {}
        for p in paras:
            key = flat(p["nospace"])
            if key in seen:
                if seen[key]["label"] != p["label"]:
                    errors.append(f"{page}: same text two labels {key[:60]!r}")
                continue
            seen[key] = p
        for key, p in seen.items():
            others = []
            for q in paras:
                if q.get("label") != p["label"]:
                    others += [flat(q["nospace"]).lower(), flat(q["space"]).lower()]
            c = choose(p, others)
            if c is None:
                errors.append(f"{page}: no contains for {p['label']} {key[:80]!r}"); continue
            rows.append({"file": page, "contains": c, "label": p["label"], "clear": p["clear"]})
            counts[p["label"]] += 1; pages[page] += 1
            if not p["clear"]: unclear.append((page, p["label"], key[:100]))
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors: print("ERROR", e)
    print("rows", len(rows))
    for k, v in sorted(counts.items()): print(f"  {k:24s}{v}")
    for k, v in sorted(pages.items()): print(f"  {k:40s}{v}")
    for u in unclear: print("UNCLEAR", *u)
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
