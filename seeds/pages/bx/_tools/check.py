"""Checker for the bx batch (stdlib only).

  python3 _tools/check.py

Re-extracts the paragraphs of the PUBLISHED pages and checks them against
held-out.jsonl and against the annotated sources:
  * every row matches at least one paragraph (contains found with tags removed
    by nothing and by a space) and only paragraphs of its own label;
  * the row's contains does not occur, case-insensitively, in any paragraph of
    another label on that page;
  * every distinct paragraph is matched by a row of its own label, one row per
    distinct paragraph, clear flags agree with the source;
  * published paragraphs are exactly the source paragraphs (no annotation leaked,
    no text added or lost); no data-l attribute / label prefix in published files;
  * declared encodings are UTF-8 and files decode as UTF-8;
  * batch composition and minimum counts from the brief and prompt.
Writes its report to _tools/check_output.log and prints PASS or FAIL.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from paras import extract_file, LABELS  # noqa: E402
from build import PAGES, SRC  # noqa: E402

SPAM = {"scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio", "promotional"}
MIN = {"rows": 480, "unsourced_rumour": 25, "off_topic": 60, "fabricated_author_bio": 30}

errors, notes = [], []


def err(msg):
    errors.append(msg)


def main():
    rows_by_file = defaultdict(list)
    path = os.path.join(ROOT, "held-out.jsonl")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                err(f"row {n}: bad keys {sorted(r)}")
            if r.get("label") not in LABELS:
                err(f"row {n}: bad label {r.get('label')}")
            if not isinstance(r.get("clear"), bool):
                err(f"row {n}: clear not boolean")
            rows_by_file[r["file"]].append(r)

    names = [p[0] for p in PAGES]
    published = sorted(f for f in os.listdir(ROOT) if re.match(r"bx\d\d_", f))
    if published != sorted(names):
        err(f"published files {published} != page list")
    if set(rows_by_file) - set(names):
        err(f"rows for unknown files: {set(rows_by_file) - set(names)}")
    kinds = Counter(p[1] for p in PAGES)
    if len(PAGES) != 12 or kinds["farm"] != 9 or kinds["clean"] != 3:
        err(f"composition: {len(PAGES)} pages, {dict(kinds)}")
    txt = [(p[0], p[1]) for p in PAGES if p[0].endswith(".txt")]
    if sorted(k for _, k in txt) != ["clean", "farm"]:
        err(f"txt pages must be one farm and one clean: {txt}")

    total = Counter()
    for name, kind, subject, *_ in PAGES:
        pub = os.path.join(ROOT, name)
        raw = open(pub, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(f"{name}: not UTF-8 ({e})")
            continue
        if name.endswith(".html"):
            if "data-l" in text:
                err(f"{name}: data-l annotation leaked")
            for m in re.finditer(r"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", text, re.I):
                if m.group(1).lower() not in ("utf-8", "utf8"):
                    err(f"{name}: declares charset {m.group(1)}")
        else:
            for line in text.splitlines():
                if re.match(r"^(%s)\??\|" % "|".join(LABELS), line):
                    err(f"{name}: label prefix leaked: {line[:60]}")

        pub_paras = extract_file(pub)
        src_paras = extract_file(os.path.join(SRC, name), annotated=True)
        if [(p["text"], p["text0"]) for p in pub_paras] != [(p["text"], p["text0"]) for p in src_paras]:
            err(f"{name}: published paragraphs differ from source paragraphs")
        # distinct paragraphs with their source label
        distinct = {}
        for p in src_paras:
            if p["label"] not in LABELS:
                err(f"{name}: unlabelled or mixed paragraph {p['raw_labels']}: {p['text'][:70]}")
                continue
            prev = distinct.get(p["text"])
            if prev and prev["label"] != p["label"]:
                err(f"{name}: same text with two labels: {p['text'][:70]}")
            distinct.setdefault(p["text"], p)
        plist = list(distinct.values())
        rows = rows_by_file.get(name, [])
        if len(rows) != len(plist):
            err(f"{name}: {len(rows)} rows for {len(plist)} distinct paragraphs")
        matched = Counter()
        for r in rows:
            c = r["contains"]
            nw = len(c.split())
            hits = [p for p in plist if c in p["text"] and c in p["text0"]]
            if not hits:
                err(f"{name}: row matches no paragraph: {c!r}")
                continue
            if not (5 <= nw <= 12) and not any(c == p["text"] and len(p["text"].split()) < 5 for p in hits):
                err(f"{name}: contains has {nw} words and is not a whole short paragraph: {c!r}")
            lc = c.lower()
            for p in plist:
                if p["label"] != r["label"] and (lc in p["text"].lower() or lc in p["text0"].lower()):
                    err(f"{name}: {c!r} ({r['label']}) occurs in a {p['label']} paragraph")
            for p in hits:
                if p["label"] == r["label"]:
                    matched[p["text"]] += 1
            if hits and not any(p["label"] == r["label"] and p["clear"] == r["clear"] for p in hits):
                err(f"{name}: clear flag differs for {c!r}")
        for p in plist:
            if not matched[p["text"]]:
                err(f"{name}: paragraph not matched by any row: {p['text'][:70]}")
        labels = Counter(r["label"] for r in rows)
        total.update(labels)
        # composition per page
        if kind == "clean":
            bad = set(labels) - {"credible", "boilerplate", "promotional"}
            if bad:
                err(f"{name}: clean page carries {bad}")
            if labels["promotional"] != 1:
                err(f"{name}: clean page should have exactly one newsletter (promotional) line")
        else:
            body = [p for p in plist if p["label"] == "credible"]
            if not 4 <= len(body) <= 14:
                err(f"{name}: {len(body)} credible paragraphs (want roughly 4-10 body + headline/captions)")
            kinds_here = SPAM & set(labels)
            if len(kinds_here) < 3:
                err(f"{name}: only spam kinds {kinds_here}")
        notes.append(f"{name:48s} {kind:5s} {len(rows):3d} rows  " +
                     ", ".join(f"{k}={labels[k]}" for k in LABELS if labels[k]))

    n = sum(total.values())
    notes.append(f"TOTAL rows={n}  " + ", ".join(f"{k}={total[k]}" for k in LABELS))
    if n < MIN["rows"]:
        err(f"only {n} rows (< {MIN['rows']})")
    for k in ("unsourced_rumour", "off_topic", "fabricated_author_bio"):
        if total[k] < MIN[k]:
            err(f"only {total[k]} {k} rows (< {MIN[k]})")
    unclear = sum(1 for rs in rows_by_file.values() for r in rs if not r["clear"])
    notes.append(f"judgement calls (clear=false): {unclear}")

    out = notes + [("ERROR: " + e) for e in errors] + ["PASS" if not errors else f"FAIL ({len(errors)} errors)"]
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))
    sys.exit(0 if not errors else 1)


if __name__ == "__main__":
    main()
