"""Checker for the af batch (stdlib only).  Run: python3 _tools/check.py

Re-extracts paragraphs from the PUBLISHED pages and checks that
  * there are 12 pages (9 farm, 3 clean per _tools/manifest.json), two of them .txt;
  * no annotation leaked into a published page;
  * published paragraphs are the same, in order, as the annotated sources' paragraphs;
  * every held-out row is well formed and its 'contains' (5-12 words, or the whole
    paragraph when shorter) is found in at least one paragraph, both when tags are
    removed with nothing and with a space;
  * the label of every matched paragraph (from _src/) equals the row label, and the
    snippet occurs (case-insensitively) in no paragraph of another label on that page;
  * every paragraph is matched; one row per distinct paragraph text;
  * at least 450 rows; clean pages carry no spam labels; farm pages carry >= 3 spam kinds.
Prints PASS or FAIL and saves the output to _tools/check_output.log.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import LABELS, extract_file  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
PREFIX = "af"
SPAM = {"scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}
out_lines = []


def say(*a):
    s = " ".join(str(x) for x in a)
    out_lines.append(s)
    print(s)


def main():
    errors = []
    manifest = json.load(open(os.path.join(HERE, "manifest.json"), encoding="utf-8"))
    pages = sorted(n for n in os.listdir(BATCH) if re.match(PREFIX + r"\d\d_.+\.(html|txt)$", n))
    if len(pages) != 12:
        errors.append("expected 12 published pages, found %d" % len(pages))
    if sum(n.endswith(".txt") for n in pages) != 2:
        errors.append("expected exactly two .txt pages")
    kinds = [manifest.get(n) for n in pages]
    if kinds.count("farm") != 9 or kinds.count("clean") != 3:
        errors.append("manifest must list 9 farm and 3 clean pages: %s" % kinds)
    rows = [json.loads(l) for l in open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = {}
    for i, r in enumerate(rows):
        if set(r) != {"file", "contains", "label", "clear"}:
            errors.append("row %d: bad keys %s" % (i, sorted(r)))
            continue
        if r["label"] not in LABELS or not isinstance(r["clear"], bool) or not r["contains"].strip():
            errors.append("row %d: bad values %r" % (i, r))
        by_file.setdefault(r["file"], []).append(r)
    for f in by_file:
        if f not in pages:
            errors.append("rows for unknown file %s" % f)
    total = {}
    for name in pages:
        raw = open(os.path.join(BATCH, name), encoding="utf-8").read()
        if "data-l" in raw or any(t in raw for t in SPAM):
            errors.append("%s: annotation leaked" % name)
        if name.endswith(".txt") and re.search(r"^(%s)\??\|" % "|".join(LABELS), raw, re.M):
            errors.append("%s: label prefix leaked" % name)
        pub = [p for p, _ in extract_file(os.path.join(BATCH, name))]
        src = [p for p, _ in extract_file(os.path.join(SRC, name), annotated=True)]
        if [p.space for p in pub] != [p.space for p in src]:
            errors.append("%s: published paragraphs differ from source paragraphs" % name)
            continue
        for p in src:
            if p.label is None:
                errors.append("%s: paragraph without a single label: %r" % (name, p.space[:70]))
        matched = [False] * len(pub)
        frows = by_file.get(name, [])
        for r in frows:
            c = r["contains"]
            hits = [i for i, p in enumerate(pub) if c in p.space and c in p.nos]
            if not hits:
                errors.append("%s: row not found: %r" % (name, c))
                continue
            n = len(c.split())
            if n < 5 or n > 12:
                if not any(pub[i].space == c for i in hits):
                    errors.append("%s: short/long snippet is not a whole paragraph: %r" % (name, c))
            for i in hits:
                matched[i] = True
                if src[i].label != r["label"]:
                    errors.append("%s: label mismatch for %r: row %s, source %s" % (name, c, r["label"], src[i].label))
            cl = c.lower()
            for p in src:
                if p.label != r["label"] and (cl in p.space.lower() or cl in p.nos.lower()):
                    errors.append("%s: snippet %r also in a %s paragraph" % (name, c, p.label))
            src_clear = all(src[i].clear for i in hits)
            if src_clear != r["clear"]:
                errors.append("%s: clear flag mismatch for %r" % (name, c))
        for i, m in enumerate(matched):
            if not m:
                errors.append("%s: paragraph not matched: %r" % (name, pub[i].space[:70]))
        distinct = len({p.space for p in pub})
        if distinct != len(frows):
            errors.append("%s: %d distinct paragraphs but %d rows" % (name, distinct, len(frows)))
        labs = {}
        for r in frows:
            labs[r["label"]] = labs.get(r["label"], 0) + 1
            total[r["label"]] = total.get(r["label"], 0) + 1
        spam = SPAM & set(labs)
        if manifest.get(name) == "clean" and spam:
            errors.append("%s: clean page carries spam labels %s" % (name, spam))
        if manifest.get(name) == "farm" and len(spam | ({"promotional"} & set(labs))) < 3:
            errors.append("%s: farm page with fewer than 3 spam kinds" % name)
        say("%-36s %-5s %3d  %s" % (name, manifest.get(name), len(frows),
                                   " ".join("%s=%d" % kv for kv in sorted(labs.items()))))
    say("labels:", " ".join("%s=%d" % kv for kv in sorted(total.items())))
    say("rows:", len(rows))
    if len(rows) < 450:
        errors.append("fewer than 450 rows")
    for e in errors:
        say("ERROR:", e)
    say("PASS" if not errors else "FAIL (%d errors)" % len(errors))
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out_lines) + "\n")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
