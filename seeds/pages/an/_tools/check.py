"""Checker: re-extracts paragraphs from the PUBLISHED pages and validates held-out.jsonl."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import paragraphs, LABEL_RE

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
FARM = {1, 2, 3, 5, 6, 8, 9, 11, 12}
PREFIX = "an"


def main():
    fails = []
    pages = sorted(n for n in os.listdir(BASE) if re.match(PREFIX + r"\d\d_.*\.(html|txt)$", n))
    if len(pages) != 12:
        fails.append(f"expected 12 pages, found {len(pages)}")
    if sum(p.endswith(".txt") for p in pages) != 2:
        fails.append("expected exactly two .txt pages")
    for n in pages:
        num = int(n[2:4])
        if n.endswith(".txt") and not ((num in FARM) ^ (num not in FARM)):
            pass
    txt_kinds = {int(n[2:4]) in FARM for n in pages if n.endswith(".txt")}
    if txt_kinds != {True, False}:
        fails.append("the two .txt pages must be one farm and one clean")
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            fails.append(f"bad row keys {r}")
        if r["label"] not in LABELS:
            fails.append(f"bad label {r}")
        if not isinstance(r["clear"], bool):
            fails.append(f"clear not bool {r}")
        by_file[r["file"]].append(r)
    total = collections.Counter()
    npar = 0
    for n in pages:
        pub = os.path.join(BASE, n)
        text = open(pub, encoding="utf-8").read()
        if "data-l" in text:
            fails.append(f"{n}: annotation leaked (data-l)")
        if n.endswith(".txt") and any(LABEL_RE.match(l) and l.split("|")[0].rstrip("?") in LABELS for l in text.splitlines()):
            fails.append(f"{n}: annotation leaked (label| prefix)")
        paras = paragraphs(pub)
        src = paragraphs(os.path.join(SRC, n), annotated=True)
        if [p["text"] for p in paras] != [p["text"] for p in src]:
            fails.append(f"{n}: published paragraphs differ from source paragraphs")
            continue
        gold = [next(iter(p["labels"])).rstrip("?") for p in src]
        npar += len(paras)
        total.update(gold)
        frows = by_file.get(n, [])
        if not frows:
            fails.append(f"{n}: no rows")
        matched = [False] * len(paras)
        for r in frows:
            c = r["contains"]
            hits = [i for i, p in enumerate(paras) if c in p["text"] and c in p["nothing"]]
            if not hits:
                fails.append(f"{n}: row matches no paragraph: {c!r}")
                continue
            wc = len(c.split())
            if wc < 5 and not any(paras[i]["text"] == c for i in hits):
                fails.append(f"{n}: short contains is not a whole paragraph: {c!r}")
            if wc > 12:
                fails.append(f"{n}: contains longer than 12 words: {c!r}")
            cl = c.lower()
            for i, p in enumerate(paras):
                if (cl in p["text"].lower() or cl in p["nothing"].lower()) and gold[i] != r["label"]:
                    fails.append(f"{n}: {c!r} [{r['label']}] also occurs in a [{gold[i]}] paragraph")
            for i in hits:
                if gold[i] == r["label"]:
                    matched[i] = True
        for i, m in enumerate(matched):
            if not m:
                fails.append(f"{n}: paragraph not matched: {paras[i]['text'][:80]!r}")
        print(f"{n}: {len(paras)} paragraphs, {len(frows)} rows, " +
              ", ".join(f"{k}={v}" for k, v in sorted(collections.Counter(gold).items())))
    print(f"TOTAL paragraphs: {npar}; rows: {len(rows)}")
    for k in sorted(LABELS):
        print(f"  {k}: {total[k]}")
    if npar < 450:
        fails.append(f"only {npar} paragraphs (need >= 450)")
    for k in LABELS:
        if total[k] == 0:
            fails.append(f"label {k} never used")
    for f in fails:
        print("FAIL", f)
    print("PASS" if not fails else f"FAILED ({len(fails)} problems)")
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
