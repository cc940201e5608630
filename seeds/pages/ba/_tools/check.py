"""Checker: re-extract paragraphs from the PUBLISHED pages and verify held-out.jsonl."""
import json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, LABELS

BASE = os.path.dirname(os.path.abspath(os.path.join(__file__, "..")))
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
PREFIX = "ba"


def main():
    errs = []
    pages = sorted(f for f in os.listdir(BASE) if re.match(PREFIX + r"\d\d_.*\.(html|txt)$", f))
    if len(pages) != 12:
        errs.append(f"expected 12 pages, found {len(pages)}")
    if sum(p.endswith(".txt") for p in pages) != 2:
        errs.append("expected exactly 2 .txt pages")
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    byfile = {}
    for r in rows:
        byfile.setdefault(r["file"], []).append(r)
        if set(r) != {"file", "contains", "label", "clear"}:
            errs.append(f"bad keys {r}")
        if r["label"] not in LABELS:
            errs.append(f"bad label {r}")
        if not isinstance(r["clear"], bool):
            errs.append(f"clear not bool {r}")
    for page in pages:
        pub = open(os.path.join(BASE, page), encoding="utf-8").read()
        if "data-l" in pub:
            errs.append(f"{page}: annotation leaked (data-l)")
        if page.endswith(".txt"):
            for line in pub.splitlines():
                if "|" in line and line.split("|", 1)[0].strip().rstrip("?") in LABELS:
                    errs.append(f"{page}: label prefix leaked: {line[:50]}")
        paras = extract_file(os.path.join(BASE, page))
        src_paras = extract_file(os.path.join(SRC, page), annotated=True)
        if [p["text"] for p in paras] != [p["text"] for p in src_paras]:
            errs.append(f"{page}: published paragraphs differ from source paragraphs")
            continue
        for p, s in zip(paras, src_paras):
            p["label"] = next(iter(s["labels"])).rstrip("?") if len(s["labels"]) == 1 else None
        matched = [False] * len(paras)
        prow = byfile.get(page, [])
        if not prow:
            errs.append(f"{page}: no rows")
        texts = Counter()
        for r in prow:
            c = r["contains"]
            n = len(c.split())
            hits = [i for i, p in enumerate(paras) if c in p["text"] and c in p["text_nospace"]]
            if not hits:
                errs.append(f"{page}: row matches no paragraph: {c}")
                continue
            whole = any(c == paras[i]["text"] for i in hits)
            if not (5 <= n <= 12 or whole):
                errs.append(f"{page}: contains not 5-12 words nor whole text: {c}")
            cl = c.lower()
            for i, p in enumerate(paras):
                if cl in p["text"].lower() or cl in p["text_nospace"].lower():
                    if p["label"] != r["label"]:
                        errs.append(f"{page}: '{c}' [{r['label']}] also in [{p['label']}] paragraph: {p['text'][:60]}")
                    else:
                        matched[i] = True
        for i, p in enumerate(paras):
            if not matched[i]:
                errs.append(f"{page}: paragraph not matched by any row: {p['text'][:70]}")
        print(f"{page}: {len(paras)} paragraphs, {len(prow)} rows, labels {dict(Counter(r['label'] for r in prow))}")
    extra = set(byfile) - set(pages)
    if extra:
        errs.append(f"rows for unknown files {extra}")
    if len(rows) < 450:
        errs.append(f"only {len(rows)} rows (<450)")
    print("rows:", len(rows))
    print("labels:", dict(sorted(Counter(r["label"] for r in rows).items())))
    print("unclear rows:", sum(not r["clear"] for r in rows))
    for e in errs:
        print("FAIL", e)
    print("FAIL" if errs else "PASS")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
