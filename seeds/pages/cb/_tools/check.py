#!/usr/bin/env python3
"""Checker for the blind batch (stdlib only).

Re-extracts paragraphs from the PUBLISHED pages and checks that
  * no annotation leaked into a published page;
  * declared encodings are UTF-8;
  * published paragraphs equal the source paragraphs (labels come from _src/);
  * every held-out row names a page, has a valid label, and its `contains`
    (5-12 words, or the whole text when shorter) occurs in at least one
    paragraph, both with tags removed by nothing and by a space;
  * every paragraph it occurs in carries the row's label, and it occurs in
    no paragraph of another label on the page (case-insensitive);
  * the clear flag agrees with the source ("?" = judgement call);
  * every paragraph is matched by a row, one row per distinct paragraph text;
  * batch requirements (12 pages, 9 farm + 3 clean, 2 .txt, label minima).
Prints PASS or FAIL and writes the same output to _tools/check_output.log.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file, LABELS  # noqa: E402

BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
PREFIX = "cb"
CLEAN = {"cb10", "cb11", "cb12"}
MINIMA = {"_total": 480, "unsourced_rumour": 25, "off_topic": 60,
          "fabricated_author_bio": 30}

out = []
errors = []


def log(s=""):
    out.append(s)
    print(s)


def err(s):
    errors.append(s)
    log("ERROR: " + s)


def main():
    pages = sorted(n for n in os.listdir(BATCH)
                   if n.startswith(PREFIX) and n.endswith((".html", ".txt")))
    if len(pages) != 12:
        err("expected 12 published pages, found %d" % len(pages))
    if sum(1 for p in pages if p.endswith(".txt")) != 2:
        err("expected exactly 2 .txt pages")
    for i, p in enumerate(pages, 1):
        if not p.startswith("%s%02d_" % (PREFIX, i)):
            err("unexpected page name %s" % p)

    rows = []
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                err("row %d has keys %s" % (n, sorted(r)))
            rows.append(r)
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
        if r["file"] not in pages:
            err("row names unknown file %s" % r["file"])
        if r["label"] not in LABELS:
            err("row has bad label %r" % r["label"])

    counts = collections.Counter()
    for name in pages:
        with open(os.path.join(BATCH, name), encoding="utf-8") as f:
            pub = f.read()
        if re.search(r"\sdata-l\s*=", pub):
            err("%s: annotation attribute leaked" % name)
        if name.endswith(".txt"):
            for line in pub.splitlines():
                m = re.match(r"\s*([a-z_]+\??)\|\s", line)
                if m and m.group(1).rstrip("?") in LABELS:
                    err("%s: label prefix leaked: %r" % (name, line[:60]))
        else:
            for m in re.finditer(r"<meta[^>]+>", pub, re.I):
                tag = m.group(0)
                cs = re.search(r"charset\s*=\s*[\"']?([\w-]+)", tag, re.I)
                if cs and cs.group(1).lower() not in ("utf-8", "utf8"):
                    err("%s: declares charset %s" % (name, cs.group(1)))
        pp = extract_file(os.path.join(BATCH, name))
        sp = extract_file(os.path.join(SRC, name), labelled=True)
        if [p["text"] for p in pp] != [p["text"] for p in sp]:
            err("%s: published paragraphs differ from source" % name)
            continue
        labels, clears = [], []
        for p in sp:
            ls = set(p["labels"])
            if len(ls) != 1 or None in ls:
                err("%s: paragraph has labels %s: %r" % (name, ls, p["text"][:60]))
                labels.append(None)
                clears.append(True)
                continue
            l = ls.pop()
            labels.append(l.rstrip("?"))
            clears.append(not l.endswith("?"))
        matched = [False] * len(pp)
        page_rows = by_file.get(name, [])
        for r in page_rows:
            c = r["contains"]
            nw = len(c.split())
            hits = [i for i, p in enumerate(pp) if c in p["text"] and c in p["text_nothing"]]
            if not hits:
                err("%s: contains not found: %r" % (name, c))
                continue
            if nw > 12:
                err("%s: contains longer than 12 words: %r" % (name, c))
            if nw < 5 and not any(pp[i]["text"] == c for i in hits):
                err("%s: contains shorter than 5 words and not a whole text: %r" % (name, c))
            low = c.lower()
            for i, p in enumerate(pp):
                if low in p["text"].lower() or low in p["text_nothing"].lower():
                    if labels[i] != r["label"]:
                        err("%s: %r occurs in a %s paragraph but row says %s"
                            % (name, c, labels[i], r["label"]))
            for i in hits:
                matched[i] = True
                if clears[i] != r["clear"]:
                    err("%s: clear flag mismatch for %r" % (name, c))
            counts[r["label"]] += 1
        for i, m in enumerate(matched):
            if not m:
                err("%s: paragraph not matched by any row: %r" % (name, pp[i]["text"][:70]))
        distinct = len(set(p["text"] for p in pp))
        if distinct != len(page_rows):
            err("%s: %d distinct paragraphs but %d rows" % (name, distinct, len(page_rows)))
        pc = collections.Counter(r["label"] for r in page_rows)
        kind = "clean" if name[:4] in CLEAN else "farm"
        if kind == "farm":
            cred = pc["credible"]
            if cred < 5:
                err("%s: farm page with only %d credible paragraphs" % (name, cred))
            if not any(pc[k] for k in ("off_topic", "unsourced_rumour", "scraped_faq",
                                        "fabricated_author_bio")):
                err("%s: farm page without spam" % name)
        else:
            for k in ("off_topic", "unsourced_rumour", "fabricated_author_bio", "scraped_faq"):
                if pc[k]:
                    err("%s: clean page has %d %s rows" % (name, pc[k], k))
            if pc["promotional"] != 1:
                err("%s: clean page should have exactly one promotional line" % name)
        log("%-50s %-5s %3d rows  %s" % (name, kind, len(page_rows), dict(sorted(pc.items()))))

    total = sum(counts.values())
    log("")
    log("total rows: %d" % total)
    for l in sorted(LABELS):
        log("  %-22s %4d" % (l, counts[l]))
    if total < MINIMA["_total"]:
        err("only %d rows" % total)
    for k, v in MINIMA.items():
        if k != "_total" and counts[k] < v:
            err("only %d %s rows (need %d)" % (counts[k], k, v))
    log("")
    log("FAIL (%d errors)" % len(errors) if errors else "PASS")
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
