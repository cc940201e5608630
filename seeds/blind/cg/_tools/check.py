"""Checker for the cg batch: re-extracts paragraphs from the PUBLISHED pages and
verifies held-out.jsonl against them.  Prints PASS or FAIL and keeps its output
in _tools/check_output.log.  stdlib only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

ROOT = os.path.dirname(HERE)
PREFIX = "cg"
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
# requirements of this batch's prompt (beyond the brief's 450)
MIN_TOTAL = 480
MIN_LABEL = {"unsourced_rumour": 25, "off_topic": 60, "fabricated_author_bio": 30}
CHARSET_RE = re.compile(r'<meta[^>]+charset\s*=\s*["\']?([\w-]+)', re.I)

out = []


def log(msg):
    out.append(msg)
    print(msg)


def main():
    fails = []
    files = sorted(n for n in os.listdir(ROOT)
                   if n.startswith(PREFIX) and n.endswith((".html", ".txt")))
    expected = ["%s%02d_" % (PREFIX, i) for i in range(1, 13)]
    if [f[:5] for f in files] != expected:
        fails.append("published files are not %s01..%s12: %s" % (PREFIX, PREFIX, files))
    if sum(f.endswith(".txt") for f in files) != 2:
        fails.append("expected exactly two .txt pages")

    paras = {}
    for f in files:
        path = os.path.join(ROOT, f)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            fails.append("%s: not UTF-8" % f)
            continue
        if re.search(r"\sdata-l\s*=", text):
            fails.append("%s: annotation attribute leaked" % f)
        if f.endswith(".txt") and re.search(r"^[a-z_]+\??\| ", text, re.M):
            fails.append("%s: label prefix leaked" % f)
        for cs in CHARSET_RE.findall(text):
            if cs.lower().replace("_", "-") not in ("utf-8", "utf8"):
                fails.append("%s: declares charset %s" % (f, cs))
        paras[f] = extract_file(path)

    rows = []
    with open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                fails.append("row %d: bad keys %s" % (i, sorted(r)))
            if r.get("label") not in LABELS:
                fails.append("row %d: bad label %r" % (i, r.get("label")))
            if not isinstance(r.get("clear"), bool):
                fails.append("row %d: clear is not boolean" % i)
            if r.get("file") not in paras:
                fails.append("row %d: unknown file %r" % (i, r.get("file")))
                continue
            rows.append(r)

    # labels from the annotated sources, for a cross-check
    src_label = {}
    for f in files:
        sp = os.path.join(ROOT, "_src", f)
        if os.path.exists(sp):
            for p in extract_file(sp, labelled=True):
                src_label[(f, p["b"])] = p["labels"][0].rstrip("?") if p["labels"] else None
        else:
            fails.append("%s: no annotated source" % f)

    for f in files:
        ps = paras[f]
        frows = [r for r in rows if r["file"] == f]
        seen = set()
        for r in frows:
            c = r["contains"]
            if c in seen:
                fails.append("%s: duplicate contains %r" % (f, c))
            seen.add(c)
            hits = [p for p in ps if c in p["a"] and c in p["b"]]
            if not hits:
                fails.append("%s: row matches no paragraph: %r" % (f, c))
                continue
            nw = len(c.split())
            if not (5 <= nw <= 12) and not any(c == p["b"] for p in hits):
                fails.append("%s: contains is %d words and not a whole paragraph: %r"
                             % (f, nw, c))
        for p in ps:
            matched = [r for r in frows if r["contains"] in p["a"] and r["contains"] in p["b"]]
            if not matched:
                fails.append("%s: paragraph not matched: %r" % (f, p["b"][:90]))
            lo_a, lo_b = p["a"].lower(), p["b"].lower()
            labs = {r["label"] for r in frows
                    if r["contains"].lower() in lo_a or r["contains"].lower() in lo_b}
            if len(labs) > 1:
                fails.append("%s: paragraph hit by rows of labels %s: %r"
                             % (f, sorted(labs), p["b"][:90]))
            sl = src_label.get((f, p["b"]))
            if labs and sl and labs != {sl}:
                fails.append("%s: row label %s differs from source label %s: %r"
                             % (f, sorted(labs), sl, p["b"][:90]))
        n_distinct = len({p["b"] for p in ps})
        if n_distinct != len(frows):
            fails.append("%s: %d distinct paragraphs but %d rows" % (f, n_distinct, len(frows)))
        log("%-48s paragraphs %3d  distinct %3d  rows %3d" % (f, len(ps), n_distinct, len(frows)))

    counts = {}
    for r in rows:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    log("rows: %d" % len(rows))
    for lab in sorted(LABELS):
        log("  %-22s %4d" % (lab, counts.get(lab, 0)))
    log("judgement calls (clear=false): %d" % sum(not r["clear"] for r in rows))
    if len(rows) < MIN_TOTAL:
        fails.append("only %d rows (< %d)" % (len(rows), MIN_TOTAL))
    for lab, n in MIN_LABEL.items():
        if counts.get(lab, 0) < n:
            fails.append("%s: %d rows (< %d)" % (lab, counts.get(lab, 0), n))
    for lab in LABELS:
        if counts.get(lab, 0) == 0:
            fails.append("no rows for %s" % lab)

    for x in fails:
        log("FAIL: " + x)
    log("FAIL" if fails else "PASS")
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
