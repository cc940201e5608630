"""Checker: re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import os, re, json, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
        if r["label"] not in LABELS: errs.append("bad label %r" % r)
        if not isinstance(r["clear"], bool): errs.append("bad clear %r" % r)
    srcs = sorted(os.listdir(SRC))
    pubs = sorted(f for f in os.listdir(BASE) if re.match(r"bh\d\d_.*\.(html|txt)$", f))
    if srcs != pubs: errs.append("src/published mismatch %r %r" % (srcs, pubs))
    if len(pubs) != 12: errs.append("expected 12 pages, got %d" % len(pubs))
    if sum(1 for f in pubs if f.endswith(".txt")) != 2: errs.append("expected two .txt pages")
    total = 0
    for fn in pubs:
        raw = open(os.path.join(BASE, fn), encoding="utf-8").read()
        if re.search(r"\bdata-l=", raw): errs.append("%s: annotation leaked" % fn)
        if fn.endswith(".txt") and re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", raw, re.M):
            errs.append("%s: txt label leaked" % fn)
        pub = extract_file(os.path.join(BASE, fn))
        src = extract_file(os.path.join(SRC, fn), annotated=True)
        if [p["text"] for p in pub] != [p["text"] for p in src]:
            errs.append("%s: published paragraphs differ from source" % fn); continue
        total += len(pub)
        frows = by_file.get(fn, [])
        if not frows: errs.append("%s: no rows" % fn)
        matched = [False] * len(pub)
        for r in frows:
            c = r["contains"].lower()
            wc = len(r["contains"].split())
            hits = [i for i, p in enumerate(pub) if c in p["text"].lower() and c in p["text_nospace"].lower()]
            if not hits: errs.append("%s: row matches nothing: %r" % (fn, r["contains"])); continue
            if not (5 <= wc <= 12) and not any(pub[i]["text"].lower() == c for i in hits):
                errs.append("%s: contains length %d and not a whole paragraph: %r" % (fn, wc, r["contains"]))
            for i in hits:
                if src[i]["label"].rstrip("?") != r["label"]:
                    errs.append("%s: label disagreement %r row=%s para=%s" % (fn, r["contains"], r["label"], src[i]["label"]))
                matched[i] = True
        for i, m in enumerate(matched):
            if not m: errs.append("%s: paragraph unmatched: %r" % (fn, pub[i]["text"][:80]))
        texts = [p["text"] for p in pub]
        if len(set(texts)) != len([r for r in frows]): errs.append("%s: rows %d != distinct paragraphs %d" % (fn, len(frows), len(set(texts))))
    cnt = collections.Counter(r["label"] for r in rows)
    print("pages:", len(pubs), "paragraphs:", total, "rows:", len(rows))
    print("labels:", dict(sorted(cnt.items())))
    if total < 450: errs.append("fewer than 450 paragraphs")
    for e in errs: print("ERROR", e)
    print("PASS" if not errs else "FAIL")

if __name__ == "__main__":
    main()
