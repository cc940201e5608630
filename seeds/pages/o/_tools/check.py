import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import paras_for, LABELS, fold
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
pages = sorted(f for f in os.listdir(ROOT) if re.match(r"^o\d\d_.*\.(html|txt)$", f))
errs = []; npar = 0; per_label = {}
for r in rows:
    if r["label"] not in LABELS: errs.append(f"bad label {r}")
    n = len(r["contains"].split())
    if not (5 <= n <= 12):
        pass  # short paragraphs use whole text; verified below
for page in pages:
    src = open(os.path.join(ROOT, page), encoding="utf-8").read()
    if re.search(r"data-l=|data-u=", src) or re.search(r"^(credible|boilerplate|promotional|scraped_faq|off_topic|unsourced_rumour|fabricated_author_bio)\??\|", src, re.M):
        errs.append(f"{page}: annotation leaked")
    ps = paras_for(page, src, False)
    npar += len(ps)
    prow = [r for r in rows if r["file"] == page]
    for r in prow:
        c = r["contains"]; n = len(c.split())
        hits = [p for p in ps if c in p["text"] and c in p["text_sp"]]
        if not hits: errs.append(f"{page}: row matches nothing: {c}")
        if n < 5 and not any(c == p["text"] or c in p["lines"] for p in hits):
            errs.append(f"{page}: short contains is not a whole paragraph/line: {c}")
        if n > 12: errs.append(f"{page}: contains too long: {c}")
        lo = c.lower()
        for p in ps:
            if lo in p["text"].lower() or lo in p["text_sp"].lower():
                p.setdefault("rl", set()).add(r["label"])
    for p in ps:
        rl = p.get("rl", set())
        if not rl: errs.append(f"{page}: paragraph unmatched: {p['text'][:70]}")
        elif len(rl) > 1: errs.append(f"{page}: conflicting labels {rl}: {p['text'][:70]}")
        else:
            l = next(iter(rl)); per_label[l] = per_label.get(l, 0) + 1
out = [f"pages: {len(pages)}", f"rows: {len(rows)}", f"paragraphs extracted: {npar}",
       "paragraphs per label: " + json.dumps(per_label, sort_keys=True),
       "rows per label: " + json.dumps({l: sum(1 for r in rows if r['label'] == l) for l in sorted(LABELS)}),
       "rows clear=false: " + str(sum(1 for r in rows if not r['clear']))]
out += ["ERROR " + e for e in errs]
out.append("RESULT: " + ("PASS" if not errs else f"FAIL ({len(errs)} errors)"))
print("\n".join(out))
open(os.path.join(ROOT, "_tools", "check_output.log"), "w").write("\n".join(out) + "\n")
sys.exit(1 if errs else 0)
