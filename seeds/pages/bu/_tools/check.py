#!/usr/bin/env python3
"""Check published pages against held-out.jsonl and the annotated sources."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
errors = []
rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8")]
files = sorted(os.listdir(SRC))
by_file = collections.defaultdict(list)
for r in rows:
    by_file[r["file"]].append(r)
    n = len(r["contains"].split())
    if not isinstance(r["clear"], bool):
        errors.append(f"clear not bool: {r}")
for name in files:
    pub_path = os.path.join(ROOT, name)
    if not os.path.exists(pub_path):
        errors.append(f"missing published {name}"); continue
    raw = open(pub_path, encoding="utf-8").read()
    if "data-l" in raw:
        errors.append(f"{name}: annotation leaked")
    for m in re.finditer(r'charset\s*=\s*["\']?([\w-]+)', raw, re.I):
        if m.group(1).lower() not in ("utf-8", "utf8"):
            errors.append(f"{name}: declares {m.group(1)}")
    pub = extract_file(pub_path)
    src = extract_file(os.path.join(SRC, name), annotated=True)
    if [p["text"] for p in pub] != [p["text"] for p in src]:
        errors.append(f"{name}: published paragraphs differ from source"); continue
    labels = [p["labels"][0].rstrip("?") for p in src]
    matched = [False] * len(pub)
    for r in by_file[name]:
        c = r["contains"].lower()
        wc = len(r["contains"].split())
        hits = [i for i, p in enumerate(pub) if c in p["text"].lower() and c in p["text_nosp"].lower()]
        if not hits:
            errors.append(f"{name}: row matches nothing: {r['contains']}"); continue
        if not (5 <= wc <= 12) and not any(pub[i]["text"] == r["contains"] for i in hits):
            errors.append(f"{name}: bad word count: {r['contains']}")
        loose = [i for i, p in enumerate(pub) if c in p["text"].lower() or c in p["text_nosp"].lower()]
        for i in loose:
            if labels[i] != r["label"]:
                errors.append(f"{name}: '{r['contains']}' hits a {labels[i]} paragraph, row says {r['label']}")
        for i in hits:
            matched[i] = True
    for i, ok in enumerate(matched):
        if not ok:
            errors.append(f"{name}: unmatched paragraph: {pub[i]['text'][:70]}")
extra = set(by_file) - set(files)
if extra:
    errors.append(f"rows for unknown files: {extra}")
cnt = collections.Counter(r["label"] for r in rows)
print(f"pages: {len(files)}  rows: {len(rows)}")
for k, v in sorted(cnt.items()):
    print(f"  {k}: {v}")
print(f"  unclear rows: {sum(1 for r in rows if not r['clear'])}")
if len(rows) < 450:
    errors.append("fewer than 450 rows")
for e in errors:
    print("ERROR", e)
print("PASS" if not errors else "FAIL")
