"""Checker for the bz batch (stdlib only).  Re-extracts paragraphs from the PUBLISHED
pages and checks held-out.jsonl against them.  Prints PASS or FAIL and writes the
output to _tools/check_output.log.   Run:  python3 _tools/check.py
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_html, extract_txt, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
PREFIX = "bz"
MIN_ROWS = 480
MINIMA = {"unsourced_rumour": 25, "off_topic": 60, "fabricated_author_bio": 30}
FARM = {f"{PREFIX}{i:02d}" for i in range(1, 10)}
CLEAN = {f"{PREFIX}{i:02d}" for i in range(10, 13)}
LABEL_LINE = re.compile(r"^\s*(%s)\??\s*\|" % "|".join(sorted(LABELS)))

out = []
fails = []


def log(s=""):
    out.append(s)
    print(s)


def fail(s):
    fails.append(s)
    log("  FAIL: " + s)


def main():
    pages = sorted(n for n in os.listdir(BATCH)
                   if n.startswith(PREFIX) and (n.endswith(".html") or n.endswith(".txt")))
    log(f"published pages: {len(pages)}")
    if len(pages) != 12:
        fail("expected 12 published pages")
    txts = [p for p in pages if p.endswith(".txt")]
    if len(txts) != 2:
        fail("expected exactly two .txt pages")
    stems = {p[:4] for p in pages}
    if stems != FARM | CLEAN:
        fail(f"page numbering wrong: {sorted(stems)}")

    paras = {}
    for name in pages:
        path = os.path.join(BATCH, name)
        raw = open(path, encoding="utf-8").read()
        # no annotation leaked
        if re.search(r'\sdata-l\s*=', raw):
            fail(f"{name}: data-l annotation leaked")
        if name.endswith(".txt"):
            for ln in raw.splitlines():
                if LABEL_LINE.match(ln):
                    fail(f"{name}: label prefix leaked: {ln[:60]}")
            paras[name], _ = extract_txt(raw)
        else:
            paras[name], hidden = extract_html(raw)
            m = re.search(r"<meta[^>]+charset=[\"']?([\w-]+)", raw, re.I)
            if not m or m.group(1).lower() not in ("utf-8", "utf8"):
                fail(f"{name}: missing or non-UTF-8 charset declaration")
            if hidden:
                fail(f"{name}: text inside hidden elements {hidden[:2]}")

    # labels from the annotated sources, aligned with the published paragraphs
    truth = {}
    for name in pages:
        sp = os.path.join(BATCH, "_src", name)
        truth[name] = None
        if not os.path.exists(sp):
            fail(f"{name}: no annotated source")
            continue
        raw = open(sp, encoding="utf-8").read()
        sps = extract_txt(raw, annotated=True)[0] if name.endswith(".txt") else extract_html(raw)[0]
        if [p["space"] for p in sps] != [p["space"] for p in paras[name]]:
            fail(f"{name}: published paragraphs differ from the annotated source")
            continue
        t = []
        for p in sps:
            lab = p["labels"][0] if len(p["labels"]) == 1 else "MIXED"
            t.append((lab.rstrip("?"), not lab.endswith("?")))
        truth[name] = t

    rows = [json.loads(l) for l in open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    log(f"rows: {len(rows)}")
    by_file = defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            fail(f"row keys wrong: {r}")
        if r["label"] not in LABELS:
            fail(f"bad label: {r}")
        if not isinstance(r["clear"], bool):
            fail(f"clear not bool: {r}")
        if r["file"] not in paras:
            fail(f"row for unknown file: {r}")
            continue
        by_file[r["file"]].append(r)

    for name in pages:
        ps = paras[name]
        frows = by_file.get(name, [])
        matched = [set() for _ in ps]
        for r in frows:
            c, cl = r["contains"], r["contains"].lower()
            nwords = len(c.split())
            hits = [i for i, p in enumerate(ps) if c in p["space"] and c in p["nospace"]]
            if not hits:
                fail(f"{name}: row matches no paragraph: {c!r}")
                continue
            if nwords < 5 and not any(c == ps[i]["space"] for i in hits):
                fail(f"{name}: short contains is not a whole paragraph: {c!r}")
            if nwords > 12:
                fail(f"{name}: contains longer than 12 words: {c!r}")
            for i in hits:
                matched[i].add(r["label"])
                if truth[name] and r["label"] != truth[name][i][0]:
                    fail(f"{name}: row label {r['label']} but source says {truth[name][i][0]}: {c!r}")
                if truth[name] and r["clear"] != truth[name][i][1]:
                    fail(f"{name}: clear flag disagrees with source: {c!r}")
        # label of each paragraph = labels of the rows whose contains is found in it
        distinct_texts = {p["space"] for p in ps}
        if len(frows) != len(distinct_texts):
            fail(f"{name}: {len(frows)} rows for {len(distinct_texts)} distinct paragraphs")
        for i, p in enumerate(ps):
            labs = set()
            for r in frows:
                cl = r["contains"].lower()
                if cl in p["space"].lower() or cl in p["nospace"].lower():
                    labs.add(r["label"])
            if not matched[i]:
                fail(f"{name}: paragraph not matched: {p['space'][:70]!r}")
            if len(labs) > 1:
                fail(f"{name}: paragraph hit by rows of different labels {labs}: {p['space'][:70]!r}")
        cnt = Counter(r["label"] for r in frows)
        kind = "farm" if name[:4] in FARM else "clean"
        log(f"  {name:44s} {kind:5s} {len(ps):3d} paras {len(frows):3d} rows  " +
            " ".join(f"{k}={v}" for k, v in sorted(cnt.items())))
        if kind == "clean":
            for bad in ("scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"):
                if cnt.get(bad):
                    fail(f"{name}: clean page has {bad} rows")
        else:
            if cnt.get("credible", 0) < 4:
                fail(f"{name}: farm page with fewer than 4 credible paragraphs")

    total = Counter(r["label"] for r in rows)
    log("label counts: " + ", ".join(f"{k}={v}" for k, v in sorted(total.items())))
    log("unclear rows: %d" % sum(1 for r in rows if not r["clear"]))
    if len(rows) < MIN_ROWS:
        fail(f"only {len(rows)} rows (< {MIN_ROWS})")
    for k, v in MINIMA.items():
        if total[k] < v:
            fail(f"{k}: {total[k]} rows (< {v})")
    for k in LABELS:
        if not total[k]:
            fail(f"no {k} rows at all")
    log("PASS" if not fails else f"FAIL ({len(fails)} problems)")
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    sys.exit(0 if not fails else 1)


if __name__ == "__main__":
    main()
