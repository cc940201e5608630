#!/usr/bin/env python3
"""Checker for batch ae (stdlib only).

Re-extracts paragraphs from the PUBLISHED pages and checks them against
held-out.jsonl and the annotated sources:
  * 12 pages with the batch prefix, 9 farm / 3 clean, 2 plain text (1 farm, 1 clean);
  * no annotation leaked into a published page;
  * published paragraphs equal the source paragraphs (same texts, same order);
  * every row's "contains" is found in a paragraph (tags removed with nothing
    and with a space), has 5-12 words (or is the whole shorter paragraph), and
    does not occur case-insensitively in any paragraph of another label;
  * every paragraph is matched by a row with its label; one row per distinct text;
  * clean pages hold only credible/boilerplate plus exactly one promotional line;
    farm pages hold 4-14 credible paragraphs and at least three spam kinds;
  * at least 450 labelled paragraphs in all.
Prints PASS or FAIL and writes the report to _tools/check_output.log.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402
from build import MANIFEST, LABELS, PREFIX  # noqa: E402

SPAM = {"scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio", "promotional"}


def main():
    out = []
    errs = []

    def err(msg):
        errs.append(msg)

    published = sorted(f for f in os.listdir(BATCH)
                       if f.startswith(PREFIX) and f.endswith((".html", ".txt")))
    if published != sorted(MANIFEST):
        err(f"published files {published} differ from manifest")
    if len(published) != 12:
        err(f"expected 12 pages, found {len(published)}")
    kinds = collections.Counter(MANIFEST[f][0] for f in MANIFEST)
    if kinds != {"farm": 9, "clean": 3}:
        err(f"farm/clean split is {dict(kinds)}")
    txt = [f for f in MANIFEST if f.endswith(".txt")]
    if len(txt) != 2 or sorted(MANIFEST[f][0] for f in txt) != ["clean", "farm"]:
        err(f"plain-text pages wrong: {txt}")

    rows = collections.defaultdict(list)
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                err(f"row {n}: bad keys {sorted(r)}")
            if r["label"] not in LABELS:
                err(f"row {n}: bad label {r['label']}")
            rows[r["file"]].append(r)

    grand = collections.Counter()
    total = 0
    for name in sorted(MANIFEST):
        pub = os.path.join(BATCH, name)
        src = os.path.join(BATCH, "_src", name)
        if not os.path.exists(pub) or not os.path.exists(src):
            err(f"{name}: missing published or source file")
            continue
        with open(pub, encoding="utf-8") as fh:
            raw = fh.read()
        if "data-l=" in raw:
            err(f"{name}: data-l annotation leaked")
        if name.endswith(".txt") and re.search(r"(?m)^[a-z_]+\??\|", raw):
            err(f"{name}: label prefix leaked")
        P = extract_file(pub)
        S = extract_file(src, annotated=True)
        if [p["text"] for p in P] != [s["text"] for s in S] or \
           [p["text0"] for p in P] != [s["text0"] for s in S]:
            err(f"{name}: published paragraphs differ from source paragraphs")
            continue
        for p, s in zip(P, S):
            lab = s["label"] or ""
            p["label"] = lab.rstrip("?")
            p["clear"] = not lab.endswith("?")
            if p["label"] not in LABELS:
                err(f"{name}: unlabelled/mixed paragraph [{lab}] {p['text'][:70]}")
        distinct = {}
        for p in P:
            distinct.setdefault(p["text"], p)
        R = rows.get(name, [])
        if len(R) != len(distinct):
            err(f"{name}: {len(R)} rows for {len(distinct)} distinct paragraphs")
        matched = collections.defaultdict(list)
        for r in R:
            c = r["contains"]
            cl = c.lower()
            hits = [p for p in P if c in p["text"] and c in p["text0"]]
            if not hits:
                err(f"{name}: row not found: {c!r}")
                continue
            nwords = len(c.split())
            if not (5 <= nwords <= 12) and not any(c == p["text"] for p in hits):
                err(f"{name}: contains has {nwords} words and is not a whole paragraph: {c!r}")
            for p in P:
                if (cl in p["text"].lower() or cl in p["text0"].lower()) and p["label"] != r["label"]:
                    err(f"{name}: {c!r} ({r['label']}) also in [{p['label']}] {p['text'][:60]}")
            for p in hits:
                matched[p["text"]].append(r)
                if p["clear"] != r["clear"]:
                    err(f"{name}: clear flag mismatch for {c!r}")
        for t, p in distinct.items():
            if not any(r["label"] == p["label"] for r in matched.get(t, [])):
                err(f"{name}: paragraph not matched: [{p['label']}] {t[:70]}")
        cnt = collections.Counter(p["label"] for p in distinct.values())
        grand.update(cnt)
        total += len(distinct)
        kind = MANIFEST[name][0]
        if kind == "clean":
            bad = set(cnt) - {"credible", "boilerplate", "promotional"}
            if bad:
                err(f"{name}: clean page holds {sorted(bad)}")
            if cnt.get("promotional", 0) != 1:
                err(f"{name}: clean page should hold exactly one promotional line, has {cnt.get('promotional', 0)}")
        else:
            if not (4 <= cnt.get("credible", 0) <= 14):
                err(f"{name}: farm page has {cnt.get('credible', 0)} credible paragraphs")
            if len(SPAM & set(cnt)) < 3:
                err(f"{name}: farm page has too few spam kinds {sorted(cnt)}")
            if not cnt.get("off_topic"):
                err(f"{name}: farm page without namesake drift")
        out.append(f"{name:48s} {kind:5s} " + " ".join(f"{l[:5]}={cnt.get(l, 0)}" for l in LABELS)
                   + f" total={len(distinct)}")
    extra = set(rows) - set(MANIFEST)
    if extra:
        err(f"rows for unknown files: {sorted(extra)}")
    if total < 450:
        err(f"only {total} labelled paragraphs (need 450)")
    out.append("TOTAL " + " ".join(f"{l}={grand.get(l, 0)}" for l in LABELS) + f" paragraphs={total}")
    out.extend("ERROR: " + e for e in errs)
    out.append("PASS" if not errs else f"FAIL ({len(errs)} errors)")
    report = "\n".join(out)
    print(report)
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write(report + "\n")
    return 0 if not errs else 1


if __name__ == "__main__":
    sys.exit(main())
