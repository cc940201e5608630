"""Re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

BATCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BATCH, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def main():
    errors = []
    names = sorted(os.listdir(SRC))
    pub = sorted(f for f in os.listdir(BATCH) if re.match(r"bl\d\d_.+\.(html|txt)$", f))
    if names != pub:
        errors.append(f"published {pub} != sources {names}")
    if len(pub) != 12:
        errors.append(f"expected 12 pages, found {len(pub)}")
    if sum(f.endswith(".txt") for f in pub) != 2:
        errors.append("expected two .txt pages")
    rows = [json.loads(l) for l in open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8")]
    byfile = {}
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"} or r["label"] not in LABELS:
            errors.append(f"bad row {r}")
        byfile.setdefault(r["file"], []).append(r)
    total = 0
    for name in pub:
        path = os.path.join(BATCH, name)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"{name}: not UTF-8")
            continue
        if "data-l" in text or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", text, re.M):
            errors.append(f"{name}: annotation leaked")
        if name.endswith(".html"):
            cs = re.findall(r'charset\s*=\s*["\']?([\w-]+)', text, re.I)
            if not cs or any(c.lower() != "utf-8" for c in cs):
                errors.append(f"{name}: charset declaration {cs}")
        paras = extract(path)
        srcp = extract(os.path.join(SRC, name), source=True)
        if [p["space"] for p in paras] != [p["space"] for p in srcp]:
            errors.append(f"{name}: published paragraphs differ from source")
            continue
        total += len(paras)
        rs = byfile.get(name, [])
        used = Counter()
        for i, (p, s) in enumerate(zip(paras, srcp)):
            lab = next(iter(s["labels"])).rstrip("?") if len(s["labels"]) == 1 else None
            hits = [r for r in rs if r["contains"] in p["space"] and r["contains"] in p["nothing"]]
            lowhits = [r for r in rs if r["contains"].lower() in p["space"].lower()
                       or r["contains"].lower() in p["nothing"].lower()]
            if not hits:
                errors.append(f"{name}: paragraph unmatched: {p['space'][:70]}")
            for r in lowhits:
                if r["label"] != lab:
                    errors.append(f"{name}: label clash row {r['contains']!r} ({r['label']}) in {lab} paragraph")
            for r in hits:
                used[r["contains"]] += 1
        for r in rs:
            if not used[r["contains"]]:
                errors.append(f"{name}: row matches no paragraph: {r['contains']!r}")
            n = len(r["contains"].split())
            if n > 12:
                errors.append(f"{name}: contains too long: {r['contains']!r}")
    c = Counter(r["label"] for r in rows)
    print(f"pages: {len(pub)}  paragraphs: {total}  rows: {len(rows)}  unclear: {sum(not r['clear'] for r in rows)}")
    for k in sorted(LABELS):
        print(f"  {k}: {c[k]}")
    for f in pub:
        print(f"  {f}: {len(byfile.get(f, []))} rows")
    for e in errors:
        print("ERROR", e)
    if len(rows) < 500:
        errors.append("fewer than 500 rows")
        print("ERROR fewer than 500 rows")
    print("PASS" if not errors else f"FAIL ({len(errors)} errors)")


if __name__ == "__main__":
    main()
