"""Checker: re-extract paragraphs from published pages and verify held-out.jsonl."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")


def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
    byfile = collections.defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)
    pages = sorted(os.listdir(SRC))
    if len(pages) != 12:
        errs.append(f"expected 12 pages, found {len(pages)}")
    for name in pages:
        pubp = os.path.join(ROOT, name)
        raw = open(pubp, encoding="utf-8").read()
        if "data-l=" in raw:
            errs.append(f"{name}: annotation leaked")
        if name.endswith(".txt") and re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\| ", raw, re.M):
            errs.append(f"{name}: txt label leaked")
        m = re.search(r'charset=["\']?([\w-]+)', raw, re.I)
        if m and m.group(1).lower() != "utf-8":
            errs.append(f"{name}: declares {m.group(1)}")
        pub = extract_file(pubp)
        src = extract_file(os.path.join(SRC, name), labelled=True)
        if [p[1] for p in pub] != [p[1] for p in src]:
            errs.append(f"{name}: published paragraphs differ from source")
        truth = {}
        for pa, pb, labs in src:
            labs = {l.rstrip("?") for l in labs if l}
            truth[pb] = labs.pop() if len(labs) == 1 else None
        matched = set()
        for r in byfile[name]:
            c = r["contains"]
            n = len(c.split())
            hits = [p for p in pub if c in p[0] and c in p[1]]
            if not hits:
                errs.append(f"{name}: row matches nothing: {c}")
                continue
            own = [p for p in hits if truth.get(p[1]) == r["label"]]
            if not own:
                errs.append(f"{name}: label disagrees for: {c}")
            full = [p for p in hits if p[1] == c or (5 <= n <= 12)]
            if not full:
                errs.append(f"{name}: contains length rule broken: {c}")
            cl = c.lower()
            for pa, pb, _ in pub:
                if (cl in pa.lower() or cl in pb.lower()) and truth.get(pb) != r["label"]:
                    errs.append(f"{name}: contains occurs in other-label paragraph: {c}")
                    break
            for p in own:
                matched.add(p[1])
        for pa, pb, _ in pub:
            if pb not in matched:
                errs.append(f"{name}: paragraph not matched: {pb[:80]}")
        if name not in byfile:
            errs.append(f"{name}: no rows")
    counts = collections.Counter(r["label"] for r in rows)
    print("pages:", len(pages), "rows:", len(rows))
    for k, v in sorted(counts.items()):
        print(f"  {k}: {v}")
    for e in errs:
        print("ERROR", e)
    print("PASS" if not errs else "FAIL")


if __name__ == "__main__":
    main()
