"""Check the published pages against held-out.jsonl (stdlib only).

Re-extracts paragraphs from the published pages and checks that every row
matches a paragraph, every paragraph is matched, labels agree with _src/,
and no annotation leaked.  Prints PASS or FAIL.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paras import LABELS, paragraphs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
TXT_LABEL = re.compile(r"^(%s)\??\|" % "|".join(sorted(LABELS)))


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    pages = sorted(n for n in os.listdir(ROOT) if re.match(r"al\d\d_.*\.(html|txt)$", n))
    if len(pages) != 12:
        errs.append(f"expected 12 published pages, found {len(pages)}")
    if sum(p.endswith(".txt") for p in pages) != 2:
        errs.append("expected exactly two .txt pages")
    total = 0
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"} or r["label"] not in LABELS \
                or not isinstance(r["clear"], bool):
            errs.append(f"malformed row {r}")
        if r["file"] not in pages:
            errs.append(f"row for unknown file {r['file']}")
    for name in pages:
        path = os.path.join(ROOT, name)
        raw = open(path, encoding="utf-8").read()
        if "data-l" in raw:
            errs.append(f"{name}: data-l annotation leaked")
        if name.endswith(".txt") and any(TXT_LABEL.match(l) for l in raw.splitlines()):
            errs.append(f"{name}: label prefix leaked")
        pub = paragraphs(path)
        src = paragraphs(os.path.join(SRC, name), annotated=True)
        if [p["b"] for p in pub] != [p["b"] for p in src]:
            errs.append(f"{name}: published paragraphs differ from source paragraphs")
            continue
        for p, s in zip(pub, src):
            p["label"] = s["labels"][0].rstrip("?") if len(s["labels"]) == 1 else None
        total += len(pub)
        frows = [r for r in rows if r["file"] == name]
        matched = [False] * len(pub)
        for r in frows:
            c = r["contains"].lower()
            n = len(r["contains"].split())
            hits = [i for i, p in enumerate(pub) if c in p["a"].lower() and c in p["b"].lower()]
            if not hits:
                errs.append(f"{name}: row matches no paragraph: {r['contains']!r}")
            for i in hits:
                matched[i] = True
                if pub[i]["label"] != r["label"]:
                    errs.append(f"{name}: label clash {r['label']} vs {pub[i]['label']}: {r['contains']!r}")
            if not (5 <= n <= 12) and not any(r["contains"] in (pub[i]["a"], pub[i]["b"]) for i in hits):
                errs.append(f"{name}: 'contains' is not 5-12 words nor a whole paragraph: {r['contains']!r}")
        for i, m in enumerate(matched):
            if not m:
                errs.append(f"{name}: paragraph not matched by any row: {pub[i]['b'][:80]!r}")
        print(f"{name}: {len(pub)} paragraphs, {len(frows)} rows")
    print(f"total paragraphs {total}, rows {len(rows)}")
    if total < 450:
        errs.append(f"only {total} paragraphs (< 450)")
    if errs:
        print("\n".join(errs))
        print("FAIL")
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
