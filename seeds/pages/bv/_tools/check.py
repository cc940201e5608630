"""Check published pages against held-out.jsonl. Prints PASS or FAIL lines. Stdlib only."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    files = sorted(f for f in os.listdir(ROOT) if f.startswith("bv") and (f.endswith(".html") or f.endswith(".txt")))
    if len(files) != 12:
        errs.append(f"expected 12 pages, found {len(files)}")
    byfile = {}
    for r in rows:
        if r["label"] not in LABELS:
            errs.append(f"bad label {r}")
        byfile.setdefault(r["file"], []).append(r)
    total = 0
    for fn in files:
        raw = open(os.path.join(ROOT, fn), encoding="utf-8").read()
        if re.search(r"\sdata-l\s*=", raw):
            errs.append(f"{fn}: annotation leaked (data-l)")
        if fn.endswith(".txt"):
            for lab in LABELS:
                if re.search(r"^" + lab + r"\??\|", raw, re.M):
                    errs.append(f"{fn}: label prefix leaked")
        m = re.search(r'charset=["\']?([\w-]+)', raw, re.I)
        if m and m.group(1).lower() not in ("utf-8", "utf8"):
            errs.append(f"{fn}: declares charset {m.group(1)}")
        paras = extract_file(os.path.join(ROOT, fn))
        frows = byfile.get(fn, [])
        if not frows:
            errs.append(f"{fn}: no rows")
        texts = {}
        for p in paras:
            texts[p["text_nospace"]] = p
        total += len(frows)
        matched = set()
        for r in frows:
            c = r["contains"]
            hits = []
            for k, p in texts.items():
                ns = " ".join(p["text_nospace"].split())
                sp = " ".join(p["text_space"].split())
                if c in ns and c in sp:
                    hits.append(k)
            if not hits:
                errs.append(f"{fn}: row not found: {c!r}")
            for k in hits:
                matched.add(k)
            # label disagreement: contains occurs in a paragraph given a different label by another row
            for r2 in frows:
                if r2["label"] == r["label"]:
                    continue
                for k in hits:
                    # find which row is the paragraph's own row
                    pass
        # assign each paragraph its label from rows whose contains it holds
        for k, p in texts.items():
            low = " ".join(k.split()).lower()
            labs = {r["label"] for r in frows if r["contains"].lower() in low}
            if not labs:
                errs.append(f"{fn}: paragraph not matched: {k[:90]!r}")
            elif len(labs) > 1:
                errs.append(f"{fn}: paragraph matched by rows of different labels {labs}: {k[:90]!r}")
        # one row per distinct paragraph text
        if len(frows) != len(texts):
            errs.append(f"{fn}: {len(frows)} rows for {len(texts)} distinct paragraphs")
    # labels agree with source annotation
    for fn in files:
        srcp = os.path.join(ROOT, "_src", fn)
        if not os.path.exists(srcp):
            errs.append(f"{fn}: no source"); continue
        sp = extract_file(srcp, annotated=True)
        for r in byfile.get(fn, []):
            labs = {p["label"].rstrip("?") for p in sp if r["contains"] in " ".join(p["text_nospace"].split())}
            if labs != {r["label"]}:
                errs.append(f"{fn}: label mismatch for {r['contains']!r}: source {labs} row {r['label']}")
    for e in errs:
        print("FAIL", e)
    print(f"pages {len(files)}, rows {len(rows)}")
    print("PASS" if not errs else f"FAIL ({len(errs)} problems)")

if __name__ == "__main__":
    main()
