"""Re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import extract_html, extract_txt, flat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic",
          "unsourced_rumour","fabricated_author_bio"}
def main():
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
    byfile = collections.defaultdict(list)
    for r in rows: byfile[r["file"]].append(r)
    problems = []; npara = 0
    pages = sorted(f for f in os.listdir(ROOT) if re.match(r"t\d\d_.*\.(html|txt)$", f))
    for f in byfile:
        if f not in pages: problems.append(f"row file missing: {f}")
    for page in pages:
        text = open(os.path.join(ROOT, page), encoding="utf-8").read()
        if "data-l" in text or re.search(r"^[a-z]\??\| ", text, re.M):
            problems.append(f"{page}: annotation leaked")
        paras = extract_txt(text) if page.endswith(".txt") else extract_html(text)
        npara += len(paras)
        prs = byfile.get(page, [])
        for r in prs:
            if r["label"] not in LABELS: problems.append(f"{page}: bad label {r}")
            n = len(r["contains"].split())
            hit = False
            for p in paras:
                a = flat(p["nospace"]); b = flat(p["space"])
                ina = r["contains"] in a; inb = r["contains"] in b
                if ina or inb:
                    hit = True
                    if ina != inb:
                        problems.append(f"{page}: contains not robust to tag spacing: {r['contains']!r}")
            if not hit: problems.append(f"{page}: row matches no paragraph: {r['contains']!r}")
        for p in paras:
            a = flat(p["nospace"]).lower(); b = flat(p["space"]).lower()
            labs = {r["label"] for r in prs if r["contains"].lower() in a or r["contains"].lower() in b}
            if not labs: problems.append(f"{page}: paragraph unmatched: {a[:80]!r}")
            elif len(labs) > 1: problems.append(f"{page}: conflicting labels {labs} for {a[:80]!r}")
    print(f"pages: {len(pages)}  paragraphs (with repeats): {npara}  rows: {len(rows)}")
    c = collections.Counter(r["label"] for r in rows)
    for k in sorted(c): print(f"  {k:24s}{c[k]}")
    print("unclear rows:", sum(1 for r in rows if not r["clear"]))
    for p in problems: print("PROBLEM", p)
    print("RESULT:", "PASS" if not problems else f"FAIL ({len(problems)} problems)")
    return 1 if problems else 0
if __name__ == "__main__":
    sys.exit(main())
