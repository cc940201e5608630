"""Check published pages against held-out.jsonl; print PASS or FAIL."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
LEAK = re.compile(r'data-l=|^(credible|boilerplate|promotional|scraped_faq|off_topic|'
                  r'unsourced_rumour|fabricated_author_bio)\??\|', re.M)


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)
        if r["label"] not in LABELS:
            errs.append(f"bad label {r}")
        n = len(r["contains"].split())
        if n > 12:
            errs.append(f"contains too long: {r}")
    names = sorted(n for n in os.listdir(SRC))
    pages = [n for n in os.listdir(ROOT) if re.match(r"bf\d\d_.*\.(html|txt)$", n)]
    if sorted(pages) != names:
        errs.append(f"published pages {sorted(pages)} != sources {names}")
    if len(names) != 12:
        errs.append(f"expected 12 pages, got {len(names)}")
    if sum(n.endswith(".txt") for n in names) != 2:
        errs.append("expected exactly two .txt pages")
    total = 0
    counts = collections.Counter()
    for name in names:
        pub_path = os.path.join(ROOT, name)
        pub_text = open(pub_path, encoding="utf-8").read()
        if LEAK.search(pub_text):
            errs.append(f"{name}: annotation leaked")
        pub = extract_file(pub_path)
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["text_space"] for p in pub] != [p["text_space"] for p in src]:
            errs.append(f"{name}: published paragraphs differ from source paragraphs")
            continue
        total += len(pub)
        frows = byfile.get(name, [])
        if not frows:
            errs.append(f"{name}: no rows")
        matched = [False] * len(pub)
        for r in frows:
            c = r["contains"].lower()
            hit = False
            for i, (pp, sp) in enumerate(zip(pub, src)):
                inspace = c in pp["text_space"].lower()
                innothing = c in pp["text_nothing"].lower()
                if inspace or innothing:
                    lab = (sp["label"] or "").rstrip("?")
                    if lab != r["label"]:
                        errs.append(f"{name}: '{r['contains']}' occurs in a {lab} paragraph (row says {r['label']})")
                    elif inspace and innothing:
                        hit = True
                        matched[i] = True
            if not hit:
                errs.append(f"{name}: row matches no paragraph: {r['contains']}")
        for i, m in enumerate(matched):
            if not m:
                errs.append(f"{name}: paragraph not matched: {pub[i]['text_space'][:80]}")
        for sp in src:
            counts[(sp["label"] or "?").rstrip("?")] += 1
    print(f"pages: {len(names)}  paragraphs: {total}  rows: {len(rows)}")
    print("paragraph labels:", dict(sorted(counts.items())))
    print("row labels:", dict(sorted(collections.Counter(r['label'] for r in rows).items())))
    if total < 450:
        errs.append(f"only {total} paragraphs")
    for e in errs:
        print("ERROR", e)
    print("PASS" if not errs else "FAIL")


if __name__ == "__main__":
    main()
