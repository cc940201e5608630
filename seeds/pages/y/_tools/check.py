import json, os, re, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from para import html_paras, txt_paras, LABELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
problems = []
byfile = collections.defaultdict(list)
for r in rows:
    byfile[r["file"]].append(r)
    if r["label"] not in LABELS:
        problems.append("bad label %r" % r)
    n = len(r["contains"].split())
    if n > 12:
        problems.append("contains too long %r" % r["contains"])
pages = sorted(f for f in os.listdir(ROOT) if re.match(r"y\d\d_", f))
total = 0
for fn in pages:
    text = open(os.path.join(ROOT, fn), encoding="utf-8").read()
    if "data-l" in text or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\|", text, re.M):
        problems.append("%s: annotation leaked" % fn)
    paras = txt_paras(text) if fn.endswith(".txt") else html_paras(text)
    total += len(paras)
    frows = byfile.get(fn, [])
    for r in frows:
        c = r["contains"]
        hit = [p for p in paras if c in p["sp"] and c in p["nosp"]]
        if not hit:
            problems.append("%s: row matches no paragraph (both strip modes) %r" % (fn, c))
    for p in paras:
        m = [r for r in frows if r["contains"].lower() in p["sp"].lower() or r["contains"].lower() in p["nosp"].lower()]
        if not m:
            problems.append("%s: paragraph unmatched %r" % (fn, p["sp"][:70]))
        elif len({r["label"] for r in m}) > 1:
            problems.append("%s: conflicting labels %r %s" % (fn, p["sp"][:70], {r["label"] for r in m}))
for fn in byfile:
    if fn not in pages:
        problems.append("rows for missing page %s" % fn)
cnt = collections.Counter(r["label"] for r in rows)
print("pages:", len(pages), "| paragraphs extracted:", total, "| rows:", len(rows))
print("label counts:", dict(sorted(cnt.items())))
print("unclear rows:", sum(1 for r in rows if not r["clear"]))
for p in problems:
    print("PROBLEM", p)
print("RESULT:", "PASS" if not problems else "FAIL (%d problems)" % len(problems))
