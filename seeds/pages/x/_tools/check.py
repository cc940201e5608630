import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import paras_for, fold
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}
problems = []
files = sorted(f for f in os.listdir(ROOT) if re.match(r"x\d\d_.*\.(html|txt)$", f))
byfile = {}
for r in rows:
    byfile.setdefault(r["file"], []).append(r)
    if r["label"] not in LABELS:
        problems.append(f"bad label {r}")
    n = len(r["contains"].split())
    if set(r) != {"file", "contains", "label", "clear"}:
        problems.append(f"bad keys {r}")
for f in set(byfile) - set(files):
    problems.append(f"row for missing file {f}")
total_paras = 0
for f in files:
    src = open(os.path.join(ROOT, f), encoding="utf-8").read()
    if "data-l" in src or re.search(r"^(c|b|p|f|o|r|a)\| ", src, re.M):
        problems.append(f"{f}: annotation leaked")
    paras = paras_for(f, src)
    total_paras += len(paras)
    # independent strip check: tags removed with and without inserted spaces
    body = re.sub(r"(?is)<(script|style|template|head)\b.*?</\1>", " ", src)
    strip_sp = fold(re.sub(r"<[^>]+>", " ", body))
    strip_ns = fold(re.sub(r"<[^>]+>", "", body))
    import html as _h
    strip_sp, strip_ns = _h.unescape(strip_sp), _h.unescape(strip_ns)
    matched = [[] for _ in paras]
    for r in byfile.get(f, []):
        c = r["contains"]
        hits = [i for i, p in enumerate(paras) if c.lower() in p["text"].lower() or c.lower() in p["text_sp"].lower()]
        if not hits:
            problems.append(f"{f}: row matches no paragraph: {c!r}")
        for i in hits:
            matched[i].append(r["label"])
        if c not in strip_sp or c not in strip_ns:
            problems.append(f"{f}: contains not found in stripped text (sp={c in strip_sp}, ns={c in strip_ns}): {c!r}")
        wc = len(c.split())
        if wc > 12:
            problems.append(f"{f}: contains too long ({wc} words): {c!r}")
    for p, labs in zip(paras, matched):
        if not labs:
            problems.append(f"{f}: paragraph not matched: {p['text'][:80]!r}")
        elif len(set(labs)) > 1:
            problems.append(f"{f}: paragraph matched with conflicting labels {set(labs)}: {p['text'][:80]!r}")
print(f"files: {len(files)}  rows: {len(rows)}  paragraphs extracted: {total_paras}")
for p in problems:
    print("PROBLEM", p)
print("RESULT:", "PASS" if not problems else f"FAIL ({len(problems)} problems)")
