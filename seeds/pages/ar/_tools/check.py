"""Checker: re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}


def main():
    errors = []
    pub_files = sorted(f for f in os.listdir(ROOT)
                       if re.match(r"ar\d\d_.+\.(html|txt)$", f))
    src_files = sorted(os.listdir(SRC))
    if pub_files != src_files:
        errors.append("published files %s != sources %s" % (pub_files, src_files))
    if len(pub_files) != 12:
        errors.append("expected 12 pages, found %d" % len(pub_files))
    if sum(f.endswith(".txt") for f in pub_files) != 2:
        errors.append("expected exactly 2 .txt pages")
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            errors.append("bad row keys %r" % r)
        if r["label"] not in LABELS:
            errors.append("bad label %r" % r)
        if not isinstance(r["clear"], bool):
            errors.append("clear not bool %r" % r)
        by_file[r["file"]].append(r)
    total = 0
    counts = collections.Counter()
    for name in pub_files:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding="utf-8").read()
        if "data-l" in raw:
            errors.append("%s: annotation attribute leaked" % name)
        if name.endswith(".txt") and re.search(r"^[a-z_]+\??\|", raw, re.M):
            errors.append("%s: txt label prefix leaked" % name)
        pub = extract_file(path)
        src = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["sp"] for p in pub] != [p["sp"] for p in src]:
            errors.append("%s: published paragraphs differ from source paragraphs" % name)
            continue
        for p, s in zip(pub, src):
            p["label"] = (s["label"] or "").rstrip("?")
        total += len(pub)
        matched = [False] * len(pub)
        frows = by_file.get(name, [])
        for r in frows:
            c = r["contains"].lower()
            n = len(r["contains"].split())
            hits = [i for i, p in enumerate(pub)
                    if c in p["sp"].lower() and c in p["nosp"].lower()]
            if not hits:
                errors.append("%s: row matches no paragraph: %r" % (name, r["contains"]))
                continue
            full = any(r["contains"] == pub[i]["sp"] for i in hits)
            if not (5 <= n <= 12 or (n < 5 and full)):
                errors.append("%s: snippet length %d: %r" % (name, n, r["contains"]))
            for i, p in enumerate(pub):
                if c in p["sp"].lower() or c in p["nosp"].lower():
                    if p["label"] != r["label"]:
                        errors.append("%s: %r also in %s paragraph %r" % (name, r["contains"], p["label"], p["sp"][:60]))
            for i in hits:
                if pub[i]["label"] == r["label"]:
                    matched[i] = True
        for i, ok in enumerate(matched):
            if not ok:
                errors.append("%s: paragraph not matched: %r" % (name, pub[i]["sp"][:70]))
        distinct = len({p["sp"] for p in pub})
        if distinct != len(frows):
            errors.append("%s: %d distinct paragraphs but %d rows" % (name, distinct, len(frows)))
        for p in pub:
            counts[p["label"]] += 1
        print("%-40s paragraphs=%3d rows=%3d" % (name, len(pub), len(frows)))
    if total < 450:
        errors.append("only %d paragraphs (< 450)" % total)
    print("total paragraphs:", total, "rows:", len(rows))
    for k, v in sorted(counts.items()):
        print("  %-24s %d" % (k, v))
    rc = collections.Counter(r["label"] for r in rows)
    print("rows by label:", dict(sorted(rc.items())),
          "unclear rows:", sum(1 for r in rows if not r["clear"]))
    for e in errors:
        print("ERROR", e)
    print("PASS" if not errors else "FAIL (%d errors)" % len(errors))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
