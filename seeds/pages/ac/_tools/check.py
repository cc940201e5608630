"""Checker: re-extract paragraphs from the published pages and verify held-out.jsonl."""
import json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, LABELS
from build import PAGES, ROOT, SRC

SPAM = {"promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}


def main():
    out, errs = [], []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    kinds = Counter(k for _, k, *_ in PAGES)
    if len(PAGES) != 12 or kinds["farm"] != 9 or kinds["clean"] != 3:
        errs.append("need 12 pages, 9 farm / 3 clean")
    txt = [(n, k) for n, k, *_ in PAGES if n.endswith(".txt")]
    if sorted(k for _, k in txt) != ["clean", "farm"]:
        errs.append("need exactly two .txt pages, one farm one clean")
    for i, (n, *_) in enumerate(PAGES, 1):
        if not n.startswith("ac%02d_" % i):
            errs.append("bad file name " + n)
    byfile = {}
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"} or r["label"] not in LABELS \
                or not isinstance(r["clear"], bool):
            errs.append("malformed row %r" % r)
        byfile.setdefault(r["file"], []).append(r)
    total = Counter()
    for name, kind, *_ in PAGES:
        pub_path = os.path.join(ROOT, name)
        raw = open(pub_path, encoding="utf-8").read()
        if "data-l" in raw:
            errs.append(name + ": annotation leaked (data-l)")
        if name.endswith(".txt") and re.search(r"^(%s)\??\s*\|" % "|".join(LABELS), raw, re.M):
            errs.append(name + ": label prefix leaked")
        pub, e1 = extract_file(pub_path)
        src, e2 = extract_file(os.path.join(SRC, name), annotated=True)
        errs += [name + ": " + e for e in e1 + e2]
        if [p["space"] for p in pub] != [p["space"] for p in src]:
            errs.append(name + ": published paragraphs differ from source paragraphs")
            continue
        for p, s in zip(pub, src):
            p["label"] = s["label"]
        matched = [False] * len(pub)
        frows = byfile.get(name, [])
        for r in frows:
            c = r["contains"].lower()
            n = len(r["contains"].split())
            hits = [i for i, p in enumerate(pub) if c in p["space"].lower() or c in p["nothing"].lower()]
            if not hits:
                errs.append("%s: row matches no paragraph: %r" % (name, r["contains"]))
                continue
            own = [i for i in hits if c in pub[i]["space"].lower() and c in pub[i]["nothing"].lower()]
            if not own:
                errs.append("%s: contains not in both text versions: %r" % (name, r["contains"]))
            for i in hits:
                if pub[i]["label"] != r["label"]:
                    errs.append("%s: %r (%s) also in a %s paragraph" % (name, r["contains"], r["label"], pub[i]["label"]))
                else:
                    matched[i] = True
            if not (5 <= n <= 12 or any(r["contains"] == pub[i]["space"] for i in own)):
                errs.append("%s: contains length %d and not whole text: %r" % (name, n, r["contains"]))
        for i, m in enumerate(matched):
            if not m:
                errs.append("%s: paragraph not matched: %s" % (name, pub[i]["space"][:80]))
        pc = Counter(r["label"] for r in frows)
        total.update(pc)
        distinct = len({p["space"] for p in pub})
        if distinct != len(frows):
            errs.append("%s: %d distinct paragraphs but %d rows" % (name, distinct, len(frows)))
        if kind == "farm":
            if pc["credible"] < 4:
                errs.append(name + ": fewer than 4 credible paragraphs")
            if len(SPAM & set(pc)) < 3:
                errs.append(name + ": fewer than 3 spam kinds")
        else:
            if pc["promotional"] != 1:
                errs.append(name + ": clean page must have exactly one promotional line")
            if SPAM - {"promotional"} & set(pc):
                errs.append(name + ": clean page has spam labels")
        out.append("%-45s %-5s %3d rows  %s" % (name, kind, len(frows), dict(pc)))
    if set(byfile) - {n for n, *_ in PAGES}:
        errs.append("rows for unknown files")
    if sum(total.values()) < 450:
        errs.append("fewer than 450 rows (%d)" % sum(total.values()))
    out.append("total rows %d %s" % (sum(total.values()), dict(total)))
    out += ["ERROR " + e for e in errs]
    out.append("FAIL (%d errors)" % len(errs) if errs else "PASS")
    text = "\n".join(out)
    print(text)
    with open(os.path.join(os.path.dirname(__file__), "check_output.log"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
