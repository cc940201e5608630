"""Check published pages against held-out.jsonl and _src annotations."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import extract

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic",
          "unsourced_rumour","fabricated_author_bio"}

def main():
    fails = []
    rows = [json.loads(l) for l in open(os.path.join(BASE, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    names = sorted(os.listdir(SRC))
    prefix_ok = all(re.match(r"bj(0[1-9]|1[0-2])_[a-z0-9-]+\.(html|txt)$", n) for n in names)
    if not prefix_ok or len(names) != 12: fails.append("file names/count wrong")
    total = 0
    for name in names:
        pubpath = os.path.join(BASE, name)
        if not os.path.exists(pubpath): fails.append(f"missing {name}"); continue
        raw = open(pubpath, encoding="utf-8").read()
        if "data-l=" in raw or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", raw, re.M):
            fails.append(f"{name}: annotation leaked")
        if name.endswith(".html"):
            m = re.search(r"<meta[^>]*charset=[\"']?([A-Za-z0-9_-]+)", raw, re.I)
            if not m or m.group(1).lower() != "utf-8": fails.append(f"{name}: charset not utf-8")
        pub = extract(pubpath)
        src = extract(os.path.join(SRC, name), labelled=name.endswith(".txt"))
        if [p["nothing"] for p in pub] != [p["nothing"] for p in src]:
            fails.append(f"{name}: published paragraphs differ from source"); continue
        for p, s in zip(pub, src):
            p["label"] = next(iter(s["labels"])).rstrip("?")
        myrows = [r for r in rows if r["file"] == name]
        matched = [False] * len(pub)
        for r in myrows:
            if r["label"] not in LABELS: fails.append(f"{name}: bad label {r}")
            n = len(r["contains"].split())
            hits = [i for i, p in enumerate(pub) if r["contains"] in p["nothing"] and r["contains"] in p["space"]]
            if not hits: fails.append(f"{name}: row matches nothing: {r['contains']}"); continue
            whole = any(r["contains"] == pub[i]["nothing"] for i in hits)
            if not (5 <= n <= 12 or whole): fails.append(f"{name}: contains length {n}: {r['contains']}")
            for i in hits:
                matched[i] = True
                if pub[i]["label"] != r["label"]:
                    fails.append(f"{name}: label mismatch {r['contains']}")
            cl = r["contains"].lower()
            for p in pub:
                if p["label"] != r["label"] and (cl in p["nothing"].lower() or cl in p["space"].lower()):
                    fails.append(f"{name}: contains occurs in other-label paragraph: {r['contains']}")
        for i, m in enumerate(matched):
            if not m: fails.append(f"{name}: unmatched paragraph: {pub[i]['nothing'][:70]}")
        distinct = len({p["nothing"] for p in pub})
        if distinct != len(myrows): fails.append(f"{name}: {len(myrows)} rows for {distinct} distinct paragraphs")
        total += len(myrows)
        print(f"{name}: {len(pub)} paragraphs, {len(myrows)} rows")
    print(f"rows: {len(rows)}; checked: {total}")
    if total < 500: fails.append("fewer than 500 rows")
    for f in fails: print("FAIL", f)
    print("PASS" if not fails else f"FAIL ({len(fails)} problems)")
    return 0 if not fails else 1

if __name__ == "__main__":
    sys.exit(main())
