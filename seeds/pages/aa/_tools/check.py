"""Checker for the blind batch (Python 3 stdlib only).

Re-extracts the paragraphs of the PUBLISHED pages and checks them against
held-out.jsonl and the annotated sources. Prints PASS or FAIL and keeps its
output in _tools/check_output.log.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
import paras  # noqa: E402

LABELS = ["credible", "boilerplate", "promotional", "scraped_faq",
          "off_topic", "unsourced_rumour", "fabricated_author_bio"]
SPAM = {"scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}

out_lines = []


def say(msg=""):
    out_lines.append(msg)
    print(msg)


def main():
    errors = []
    with open(os.path.join(HERE, "pages.json"), encoding="utf-8") as fh:
        manifest = json.load(fh)          # file -> "farm" | "clean"
    published = sorted(f for f in os.listdir(BATCH) if re.match(r"aa\d\d_.*\.(html|txt)$", f))
    sources = sorted(f for f in os.listdir(SRC) if re.match(r"aa\d\d_.*\.(html|txt)$", f))

    # ---- batch shape ------------------------------------------------
    if published != sources:
        errors.append("published files and _src files differ")
    if sorted(manifest) != published:
        errors.append("pages.json does not list exactly the published files")
    if len(published) != 12:
        errors.append("expected 12 pages, found %d" % len(published))
    for i, f in enumerate(published, 1):
        if not f.startswith("aa%02d_" % i):
            errors.append("bad numbering: %s" % f)
    kinds = collections.Counter(manifest.values())
    if kinds != {"farm": 9, "clean": 3}:
        errors.append("expected 9 farm + 3 clean, got %r" % dict(kinds))
    txt = [f for f in published if f.endswith(".txt")]
    if len(txt) != 2 or sorted(manifest[f] for f in txt) != ["clean", "farm"]:
        errors.append("need exactly two .txt pages, one farm and one clean")

    # ---- held-out rows ----------------------------------------------
    rows = []
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                errors.append("row %d: bad keys %r" % (n, sorted(r)))
            if r.get("label") not in LABELS:
                errors.append("row %d: bad label %r" % (n, r.get("label")))
            if not isinstance(r.get("clear"), bool):
                errors.append("row %d: clear is not boolean" % n)
            if r.get("file") not in published:
                errors.append("row %d: unknown file %r" % (n, r.get("file")))
            rows.append(r)
    if len(rows) < 450:
        errors.append("only %d rows, need at least 450" % len(rows))
    seen = set()
    for r in rows:
        k = (r["file"], r["contains"].lower())
        if k in seen:
            errors.append("duplicate row %r" % (k,))
        seen.add(k)

    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)

    label_counts = collections.Counter()
    total_paras = 0
    for f in published:
        path = os.path.join(BATCH, f)
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        # ---- no leaked annotations ----------------------------------
        if "data-l=" in raw:
            errors.append("%s: data-l annotation leaked" % f)
        if f.endswith(".txt"):
            for line in raw.splitlines():
                m = paras.LABEL_LINE.match(line)
                if m and m.group(1).rstrip("?") in LABELS:
                    errors.append("%s: label prefix leaked: %s" % (f, line[:60]))
        else:
            for m in re.finditer(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', raw, re.S):
                try:
                    json.loads(m.group(1))
                except ValueError as e:
                    errors.append("%s: invalid JSON in script: %s" % (f, e))
        pub = paras.extract_file(path)
        src = paras.extract_file(os.path.join(SRC, f), annotated=True)
        if [p["text"] for p in pub] != [p["text"] for p in src]:
            errors.append("%s: published paragraphs differ from source paragraphs" % f)
            continue
        total_paras += len(pub)
        frows = by_file.get(f, [])
        distinct = {p["text"] for p in pub}
        if len(frows) != len(distinct):
            errors.append("%s: %d rows for %d distinct paragraphs" % (f, len(frows), len(distinct)))
        # ---- every row matches a paragraph -------------------------
        for r in frows:
            c = r["contains"]
            nw = len(c.split())
            hits = [p for p in pub if c in p["text"] and c in p["text_none"]]
            if not hits:
                errors.append("%s: row matches no paragraph: %r" % (f, c))
                continue
            if not (5 <= nw <= 12) and not any(c == p["text"] for p in hits):
                errors.append("%s: contains is %d words and not a whole paragraph: %r" % (f, nw, c))
        # ---- every paragraph matched, labels agree -----------------
        file_labels = collections.Counter()
        for p, s in zip(pub, src):
            lab_raw = next(iter(s["labels"])) if len(s["labels"]) == 1 else None
            if lab_raw is None:
                errors.append("%s: source paragraph without a single label: %s" % (f, p["text"][:70]))
                continue
            src_lab = lab_raw.rstrip("?")
            low_t, low_n = p["text"].lower(), p["text_none"].lower()
            ci = [r for r in frows if r["contains"].lower() in low_t or r["contains"].lower() in low_n]
            exact = [r for r in ci if r["contains"] in p["text"] and r["contains"] in p["text_none"]]
            if not exact:
                errors.append("%s: paragraph not matched by any row: %s" % (f, p["text"][:70]))
            bad = {r["label"] for r in ci} - {src_lab}
            if bad:
                errors.append("%s: paragraph [%s] also matched by rows labelled %s: %s"
                              % (f, src_lab, sorted(bad), p["text"][:70]))
            for r in exact:
                r.setdefault("_clear_seen", set()).add(not lab_raw.endswith("?"))
        for r in frows:
            if "_clear_seen" in r and r["clear"] not in r["_clear_seen"]:
                errors.append("%s: clear flag disagrees with source for %r" % (f, r["contains"]))
            label_counts[r["label"]] += 1
            file_labels[r["label"]] += 1
        # ---- farm / clean expectations -------------------------------
        kind = manifest.get(f)
        if kind == "clean":
            spam = {k: v for k, v in file_labels.items() if k in SPAM}
            if spam:
                errors.append("%s: clean page carries spam labels %r" % (f, spam))
            if file_labels.get("promotional", 0) != 1:
                errors.append("%s: clean page should have exactly one promotional line" % f)
        elif kind == "farm":
            kinds_here = [k for k in SPAM | {"promotional"} if file_labels.get(k)]
            if len(kinds_here) < 3:
                errors.append("%s: farm page has only %r" % (f, kinds_here))
            if not 4 <= file_labels.get("credible", 0) <= 14:
                errors.append("%s: farm page has %d credible rows" % (f, file_labels.get("credible", 0)))
        say("%-52s %-5s %4d paragraphs %4d rows  %s" % (
            f, kind, len(pub), len(frows),
            " ".join("%s=%d" % (k, file_labels[k]) for k in LABELS if file_labels[k])))

    say()
    say("rows per label: " + ", ".join("%s=%d" % (k, label_counts[k]) for k in LABELS))
    say("total rows: %d   total paragraphs: %d   judgement calls: %d" % (
        len(rows), total_paras, sum(1 for r in rows if not r["clear"])))
    for e in errors:
        say("ERROR " + e)
    say("PASS" if not errors else "FAIL (%d errors)" % len(errors))
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out_lines) + "\n")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
