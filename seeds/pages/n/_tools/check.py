"""Verify published pages against held-out.jsonl using html.parser only (no labels read from _src)."""
import collections, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import html_paragraphs, txt_paragraphs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
    pages = sorted(f for f in os.listdir(ROOT) if f.endswith((".html", ".txt")))
    errors, total = [], 0
    counts = collections.Counter(r["label"] for r in rows)
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)
        n = len(r["contains"].split())
        if n > 12:
            errors.append("too long contains: %r" % r["contains"])
    for page in pages:
        src = open(os.path.join(ROOT, page), encoding="utf-8").read()
        if "data-l=" in src or "\n" + "c| " in src or src.startswith(("c| ", "b| ")):
            errors.append("%s: annotation leaked" % page)
        for tag in ("data-l", "|label"):
            pass
        paras = txt_paragraphs(src) if page.endswith(".txt") else html_paragraphs(src)
        total += len(paras)
        texts = [(p.text(""), p.text(" ")) for p in paras]
        prow = byfile.get(page, [])
        if not prow:
            errors.append("%s: no rows" % page)
        for r in prow:
            hits = [i for i, (a, b) in enumerate(texts) if r["contains"] in a]
            if not hits:
                errors.append("%s: row matches nothing: %r" % (page, r["contains"]))
            for i in hits:
                if r["contains"] not in texts[i][1]:
                    errors.append("%s: not found with spaced stripping: %r" % (page, r["contains"]))
        for i, (a, b) in enumerate(texts):
            labs = {r["label"] for r in prow if r["contains"] in a}
            if not labs:
                errors.append("%s: paragraph unmatched: %r" % (page, a[:70]))
            elif len(labs) > 1:
                errors.append("%s: conflicting labels %s for %r" % (page, labs, a[:70]))
            # case-insensitive conflict check
            labs_ci = {r["label"] for r in prow if r["contains"].lower() in a.lower() or r["contains"].lower() in b.lower()}
            if len(labs_ci) > 1:
                errors.append("%s: case-insensitive conflict %s for %r" % (page, labs_ci, a[:70]))
    for f in byfile:
        if f not in pages:
            errors.append("row for missing page %s" % f)
    print("pages:", len(pages), " paragraphs:", total, " rows:", len(rows))
    for k in sorted(counts):
        print("  %-22s %d" % (k, counts[k]))
    print("unclear rows:", sum(1 for r in rows if not r["clear"]))
    per = collections.Counter(r["file"] for r in rows)
    for p in pages:
        print("  %-40s %d rows" % (p, per[p]))
    if errors:
        print("ERRORS (%d):" % len(errors))
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("CHECK PASSED: all rows match, all paragraphs covered, labels consistent, no leaks")


if __name__ == "__main__":
    main()
