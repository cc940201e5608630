#!/usr/bin/env python3
"""Checker for the ap batch (stdlib only).

Re-extracts paragraphs from the PUBLISHED pages and verifies against
held-out.jsonl and the annotated sources.  Prints PASS or FAIL.
"""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402
from pages import PAGES  # noqa: E402

SPAM = {"scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}


def main():
    errs = []
    published = sorted(os.path.basename(p) for p in glob.glob(os.path.join(BATCH, "ap*.*")))
    if published != sorted(PAGES):
        errs.append("published files %s != manifest %s" % (published, sorted(PAGES)))
    nums = sorted(int(re.match(r"ap(\d\d)_", n).group(1)) for n in PAGES)
    if nums != list(range(1, 13)):
        errs.append("numbering is not 01-12")
    kinds = collections.Counter(k for k, _ in PAGES.values())
    if kinds != {"farm": 9, "clean": 3}:
        errs.append("need 9 farm + 3 clean, got %s" % dict(kinds))
    txt = [n for n in PAGES if n.endswith(".txt")]
    if len(txt) != 2 or sorted(PAGES[n][0] for n in txt) != ["clean", "farm"]:
        errs.append("need two .txt pages, one farm and one clean")

    rows = []
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except ValueError:
                errs.append("held-out line %d not JSON" % i)
                continue
            if set(r) != {"file", "contains", "label", "clear"}:
                errs.append("held-out line %d keys %s" % (i, sorted(r)))
            if r.get("label") not in LABELS:
                errs.append("held-out line %d bad label %r" % (i, r.get("label")))
            if not isinstance(r.get("clear"), bool):
                errs.append("held-out line %d clear not bool" % i)
            rows.append(r)
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)

    total = collections.Counter()
    perpage = {}
    npar = 0
    for name in sorted(PAGES):
        pub = os.path.join(BATCH, name)
        if not os.path.exists(pub):
            continue
        with open(pub, encoding="utf-8") as f:
            raw = f.read()
        if "data-l" in raw:
            errs.append("%s: annotation leaked (data-l)" % name)
        if name.endswith(".txt"):
            for line in raw.splitlines():
                if re.match(r"^(%s)\??\|" % "|".join(LABELS), line):
                    errs.append("%s: annotation leaked in line %r" % (name, line[:60]))
        paras = extract_file(pub)
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["space"] for p in paras] != [p["space"] for p in src]:
            errs.append("%s: published paragraphs differ from source paragraphs" % name)
            continue
        for p, s in zip(paras, src):
            p["label"] = (s["label"] or "").rstrip("?")
            p["clear"] = not (s["label"] or "").endswith("?")
            if s["mixed"]:
                errs.append("%s: mixed labels in %r" % (name, p["space"][:60]))
        npar += len(paras)
        matched = [False] * len(paras)
        distinct = set(p["space"] for p in paras)
        frows = byfile.get(name, [])
        if len(frows) != len(distinct):
            errs.append("%s: %d rows for %d distinct paragraphs" % (name, len(frows), len(distinct)))
        for r in frows:
            c = r["contains"]
            n = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p["space"] and c in p["nospace"]]
            if not hits:
                errs.append("%s: row matches no paragraph: %r" % (name, c))
                continue
            if not (5 <= n <= 12) and not any(c == paras[i]["space"] for i in hits):
                errs.append("%s: contains has %d words and is not a whole paragraph: %r" % (name, n, c))
            cl = c.lower()
            for i, p in enumerate(paras):
                if cl in p["space"].lower() or cl in p["nospace"].lower():
                    if p["label"] != r["label"]:
                        errs.append("%s: %r (%s) also in %s paragraph %r" % (
                            name, c, r["label"], p["label"], p["space"][:60]))
            for i in hits:
                matched[i] = True
                if paras[i]["label"] != r["label"]:
                    errs.append("%s: label mismatch for %r" % (name, c))
                if paras[i]["clear"] != r["clear"]:
                    errs.append("%s: clear mismatch for %r" % (name, c))
        for i, m in enumerate(matched):
            if not m:
                errs.append("%s: paragraph not matched: %r" % (name, paras[i]["space"][:70]))
        cnt = collections.Counter(p["label"] for p in paras)
        perpage[name] = cnt
        total.update(cnt)
        kind = PAGES[name][0]
        if kind == "clean":
            bad = [l for l in SPAM if cnt[l]]
            if bad:
                errs.append("%s: clean page carries %s" % (name, bad))
            if cnt["promotional"] != 1:
                errs.append("%s: clean page should have exactly one promotional line" % name)
        else:
            kinds_here = [l for l in SPAM | {"promotional"} if cnt[l]]
            if len(kinds_here) < 3:
                errs.append("%s: farm page has too few spam kinds %s" % (name, kinds_here))
            if not (4 <= cnt["credible"] <= 14):
                errs.append("%s: farm page credible count %d" % (name, cnt["credible"]))

    print("pages: %d, paragraphs: %d, held-out rows: %d" % (len(perpage), npar, len(rows)))
    labs = list(LABELS)
    print("%-40s %s" % ("file", " ".join("%5s" % l[:5] for l in labs)))
    for name, cnt in perpage.items():
        print("%-40s %s" % (name, " ".join("%5d" % cnt[l] for l in labs)))
    print("%-40s %s" % ("TOTAL", " ".join("%5d" % total[l] for l in labs)))
    unclear = sum(1 for r in rows if not r["clear"])
    print("judgement calls (clear=false rows): %d" % unclear)
    if npar < 450:
        errs.append("only %d paragraphs (< 450)" % npar)
    for e in errs:
        print("FAIL:", e)
    print("FAIL" if errs else "PASS")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
