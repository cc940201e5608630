"""Checker for the cc batch (stdlib only).  Re-extracts paragraphs from the
PUBLISHED pages and verifies held-out.jsonl against them and against the
annotated sources.  Prints PASS or FAIL and keeps the output in
_tools/check_output.log."""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from para import LABELS, extract_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LOG = os.path.join(ROOT, "_tools", "check_output.log")
LEAK_TXT = re.compile(r"^(%s)\??\|" % "|".join(sorted(LABELS)), re.M)
CHARSET = re.compile(r"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)


def main():
    out, fails = [], []
    say = out.append
    pages = sorted(n for n in os.listdir(ROOT) if re.match(r"cc\d\d_.*\.(html|txt)$", n))
    say("pages: %d (%d html, %d txt)" % (len(pages), sum(p.endswith(".html") for p in pages),
                                          sum(p.endswith(".txt") for p in pages)))
    if len(pages) != 12 or sum(p.endswith(".txt") for p in pages) != 2:
        fails.append("expected 12 pages, two of them .txt")
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    by_file = {}
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"}:
            fails.append("bad keys %r" % r)
        if r["label"] not in LABELS:
            fails.append("bad label %r" % r)
        if not isinstance(r["clear"], bool):
            fails.append("clear not bool %r" % r)
        by_file.setdefault(r["file"], []).append(r)
    for f in by_file:
        if f not in pages:
            fails.append("row for missing file %s" % f)
    for name in pages:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding="utf-8").read()
        if "data-l" in raw:
            fails.append("%s: annotation leaked (data-l)" % name)
        if name.endswith(".txt") and LEAK_TXT.search(raw):
            fails.append("%s: label prefix leaked" % name)
        if name.endswith(".html"):
            cs = CHARSET.findall(raw)
            if not cs or any(c.lower().replace("_", "-") not in ("utf-8", "utf8") for c in cs):
                fails.append("%s: charset declaration %r" % (name, cs))
        pub, errs = extract_file(path)
        fails += ["%s: parse %s" % (name, e) for e in errs]
        src, _ = extract_file(os.path.join(SRC, name), annotated=True)
        if [p["text_space"] for p in pub] != [p["text_space"] for p in src]:
            fails.append("%s: published paragraphs differ from source" % name)
            continue
        for p, s in zip(pub, src):
            labs = {l.rstrip("?") for l in s["labels"] if l}
            p["label"] = labs.pop() if len(labs) == 1 else None
            if p["label"] is None:
                fails.append("%s: unlabelled/mixed paragraph %s" % (name, p["text_space"][:60]))
        frows = by_file.get(name, [])
        texts = set()
        for r in frows:
            c = r["contains"]
            n = len(c.split())
            hits = [p for p in pub if c in p["text_space"] and c in p["text_nothing"]]
            if not hits:
                fails.append("%s: row matches no paragraph: %s" % (name, c))
                continue
            if not (5 <= n <= 12) and not any(c == p["text_space"] for p in hits):
                fails.append("%s: contains is %d words and not a whole paragraph: %s" % (name, n, c))
            for p in pub:
                lc = c.lower()
                if (lc in p["text_space"].lower() or lc in p["text_nothing"].lower()) and p["label"] != r["label"]:
                    fails.append("%s: [%s] %r also occurs in a %s paragraph" % (name, r["label"], c, p["label"]))
            for p in hits:
                texts.add(p["text_space"])
        for p in pub:
            if not any(r["contains"] in p["text_space"] and r["contains"] in p["text_nothing"]
                       and r["label"] == p["label"] for r in frows):
                fails.append("%s: paragraph not matched: %s" % (name, p["text_space"][:70]))
        distinct = len({p["text_space"] for p in pub})
        if len(frows) != distinct:
            fails.append("%s: %d rows for %d distinct paragraphs" % (name, len(frows), distinct))
        c = Counter(r["label"] for r in frows)
        say("%-44s paragraphs=%3d distinct=%3d rows=%3d %s" % (name, len(pub), distinct, len(frows), dict(sorted(c.items()))))
    total = Counter(r["label"] for r in rows)
    say("rows: %d  %s" % (len(rows), dict(sorted(total.items()))))
    say("unclear rows: %d" % sum(not r["clear"] for r in rows))
    need = {"__all__": 480, "unsourced_rumour": 25, "off_topic": 60, "fabricated_author_bio": 30}
    if len(rows) < need["__all__"]:
        fails.append("only %d rows" % len(rows))
    for lab, n in need.items():
        if lab != "__all__" and total[lab] < n:
            fails.append("only %d %s rows (need %d)" % (total[lab], lab, n))
    for f in fails:
        say("FAIL " + f)
    say("PASS" if not fails else "FAIL (%d problems)" % len(fails))
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    with open(LOG, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
