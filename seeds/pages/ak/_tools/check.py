#!/usr/bin/env python3
"""Checker for the ak batch (stdlib only).

Re-extracts the paragraphs of the *published* pages and verifies that
  * every held-out row matches at least one paragraph (in both renderings),
  * its `contains` occurs in no paragraph of another label (case-insensitive),
  * its label agrees with the annotated source,
  * every published paragraph is matched by some row,
  * published and source paragraphs line up one to one,
  * no annotation leaked into the published pages.
Prints PASS or FAIL.  Usage: python3 _tools/check.py"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import LABELS, extract_html, extract_txt, split_label  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LEAK_TXT = re.compile(r"^(%s)\??\|" % "|".join(sorted(LABELS)), re.M)


def main():
    errs = []
    pub = sorted(f for f in os.listdir(ROOT)
                 if re.match(r"^ak\d\d_.+\.(html|txt)$", f))
    nums = sorted(int(f[2:4]) for f in pub)
    if nums != list(range(1, 13)):
        errs.append("expected ak01..ak12, found %s" % nums)
    if sum(f.endswith(".txt") for f in pub) != 2:
        errs.append("expected exactly two .txt pages")

    paras = {}
    for name in pub:
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            text = f.read()
        if name.endswith(".txt"):
            if LEAK_TXT.search(text):
                errs.append("%s: label prefix leaked" % name)
            pp, e = extract_txt(text)
        else:
            if re.search(r"\sdata-l\s*=", text):
                errs.append("%s: data-l attribute leaked" % name)
            pp, e = extract_html(text)
        errs += ["%s: %s" % (name, x) for x in e]
        srcp = os.path.join(SRC, name)
        if not os.path.exists(srcp):
            errs.append("%s: no annotated source" % name)
            continue
        with open(srcp, encoding="utf-8") as f:
            stext = f.read()
        sp, _ = (extract_txt(stext, True) if name.endswith(".txt")
                 else extract_html(stext))
        if [p["space"] for p in pp] != [p["space"] for p in sp]:
            errs.append("%s: published and source paragraphs differ" % name)
            continue
        for p, s in zip(pp, sp):
            labs = {split_label(x)[0] for x in s["labels"]}
            p["label"] = labs.pop() if len(labs) == 1 else None
            if p["label"] not in LABELS:
                errs.append("%s: unlabelled/mixed paragraph %r" % (name, p["space"][:60]))
            p["hit"] = False
        paras[name] = pp

    rows = []
    with open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line))
            except ValueError:
                errs.append("held-out line %d: bad JSON" % n)
    seen = set()
    for r in rows:
        name, c, lab = r.get("file"), r.get("contains", ""), r.get("label")
        tag = "%s %r" % (name, c[:50])
        if set(r) != {"file", "contains", "label", "clear"}:
            errs.append("%s: bad keys %s" % (tag, sorted(r)))
        if not isinstance(r.get("clear"), bool):
            errs.append("%s: clear is not boolean" % tag)
        if lab not in LABELS:
            errs.append("%s: unknown label %r" % (tag, lab))
        if (name, c) in seen:
            errs.append("%s: duplicate row" % tag)
        seen.add((name, c))
        if name not in paras:
            errs.append("%s: unknown file" % tag)
            continue
        hits = [p for p in paras[name] if c in p["space"] and c in p["nothing"]]
        if not hits:
            errs.append("%s: matches no paragraph" % tag)
            continue
        nw = len(c.split())
        if not (5 <= nw <= 12) and not any(c == p["space"] for p in hits):
            errs.append("%s: %d words and not a whole paragraph" % (tag, nw))
        for p in hits:
            p["hit"] = True
            if p["label"] != lab:
                errs.append("%s: label %s but source says %s" % (tag, lab, p["label"]))
        cl = c.lower()
        for p in paras[name]:
            if p["label"] != lab and (cl in p["space"].lower() or cl in p["nothing"].lower()):
                errs.append("%s: also occurs in a %s paragraph" % (tag, p["label"]))
    total_paras = 0
    for name, pp in paras.items():
        total_paras += len(pp)
        for p in pp:
            if not p["hit"]:
                errs.append("%s: paragraph not matched: %r" % (name, p["space"][:70]))

    per = Counter(r["label"] for r in rows)
    print("published pages: %d (%d html, %d txt)" % (
        len(pub), sum(f.endswith(".html") for f in pub), sum(f.endswith(".txt") for f in pub)))
    print("paragraphs extracted: %d; held-out rows: %d" % (total_paras, len(rows)))
    for k in sorted(per):
        print("  %-22s %d" % (k, per[k]))
    print("  %-22s %d" % ("(judgement calls)", sum(1 for r in rows if r.get("clear") is False)))
    if len(rows) < 450:
        errs.append("only %d rows (< 450)" % len(rows))
    for e in errs:
        print("ERROR", e)
    print("FAIL (%d errors)" % len(errs) if errs else "PASS")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
