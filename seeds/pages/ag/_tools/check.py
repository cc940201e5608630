"""Checker for the ag batch (standard library only).

  python3 _tools/check.py        (writes _tools/check_output.log too)

Re-extracts paragraphs from the PUBLISHED pages and checks them against
held-out.jsonl and the annotated sources in _src/.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file  # noqa: E402

PREFIX = "ag"
KIND = {1: "farm", 2: "farm", 3: "farm", 4: "clean", 5: "farm", 6: "farm", 7: "farm",
        8: "farm", 9: "clean", 10: "farm", 11: "farm", 12: "clean"}
TXT = {6: "farm", 12: "clean"}
LABELS = ["credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"]
SPAM = {"scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"}
MIN_TOTAL = 450
STOCK = ["sources say", "insiders claim", "rumour has it", "rumor has it", "word is"]

out = []


def say(s=""):
    out.append(s)
    print(s)


def main():
    fails = []
    pub = sorted(f for f in os.listdir(BATCH)
                 if re.match(rf"^{PREFIX}\d\d_[a-z0-9-]+\.(html|txt)$", f))
    nums = [int(f[2:4]) for f in pub]
    if nums != list(range(1, 13)):
        fails.append(f"expected {PREFIX}01..{PREFIX}12, found {pub}")
    for f in pub:
        n = int(f[2:4])
        want_txt = n in TXT
        if f.endswith(".txt") != want_txt:
            fails.append(f"{f}: wrong extension")
        if not os.path.exists(os.path.join(SRC, f)):
            fails.append(f"{f}: no source in _src/")
    if sum(1 for v in KIND.values() if v == "farm") != 9:
        fails.append("need 9 farm pages")

    rows = collections.defaultdict(list)
    with open(os.path.join(BATCH, "held-out.jsonl"), encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                fails.append(f"held-out line {ln}: bad keys {sorted(r)}")
            if r["label"] not in LABELS:
                fails.append(f"held-out line {ln}: bad label {r['label']}")
            if not isinstance(r["clear"], bool):
                fails.append(f"held-out line {ln}: clear not boolean")
            rows[r["file"]].append(r)

    grand = collections.Counter()
    total = 0
    say(f"{'file':44s} {'kind':5s} paras rows  " + " ".join(l[:6] for l in LABELS))
    for f in pub:
        n = int(f[2:4])
        path = os.path.join(BATCH, f)
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        if "data-l" in raw:
            fails.append(f"{f}: annotation leaked (data-l)")
        if f.endswith(".txt") and re.search(r"^[a-z_]+\??\|", raw, re.M):
            fails.append(f"{f}: annotation leaked (label| prefix)")
        paras, errs = extract_file(path, annotated=False)
        fails += [f"{f}: {e}" for e in errs]
        spar, serrs = extract_file(os.path.join(SRC, f), annotated=True)
        fails += [f"{f} (src): {e}" for e in serrs]
        if [p.spaced for p in paras] != [p.spaced for p in spar] or \
           [p.joined for p in paras] != [p.joined for p in spar]:
            fails.append(f"{f}: published paragraphs differ from source paragraphs")
            continue
        for p, s in zip(paras, spar):
            p.label, p.clear = s.label, s.clear
            if p.label not in LABELS:
                fails.append(f"{f}: line {s.line}: paragraph without a valid label: {p.spaced[:60]!r}")
        distinct = {p.spaced for p in paras}
        frows = rows.get(f, [])
        if len(frows) != len(distinct):
            fails.append(f"{f}: {len(frows)} rows for {len(distinct)} distinct paragraphs")
        matched = [False] * len(paras)
        for r in frows:
            c = r["contains"]
            nw = len(c.split())
            hit = [i for i, p in enumerate(paras) if c in p.joined and c in p.spaced]
            if not hit:
                fails.append(f"{f}: row matches no paragraph: {c!r}")
                continue
            if not (5 <= nw <= 12) and not any(paras[i].spaced == c for i in hit):
                fails.append(f"{f}: contains has {nw} words and is not a whole paragraph: {c!r}")
            for i in hit:
                matched[i] = True
                if paras[i].label != r["label"]:
                    fails.append(f"{f}: label mismatch for {c!r}: row {r['label']} vs {paras[i].label}")
                if paras[i].clear != r["clear"]:
                    fails.append(f"{f}: clear flag mismatch for {c!r}")
            cl = c.lower()
            for p in paras:
                if p.label != r["label"] and (cl in p.joined.lower() or cl in p.spaced.lower()):
                    fails.append(f"{f}: {c!r} ({r['label']}) also occurs in a {p.label} paragraph")
        for i, ok in enumerate(matched):
            if not ok:
                fails.append(f"{f}: paragraph not matched by any row: {paras[i].spaced[:70]!r}")
        cnt = collections.Counter(p.label for p in paras)
        grand.update(cnt)
        total += len(paras)
        kind = KIND.get(n, "?")
        # content rules
        if kind == "farm":
            ncred = sum(1 for p in paras if p.label == "credible")
            if ncred < 5:
                fails.append(f"{f}: farm page with only {ncred} credible paragraphs")
            kinds = {l for l in SPAM if cnt[l]}
            if len(kinds) < 3 or not cnt["off_topic"]:
                fails.append(f"{f}: farm page needs several spam kinds incl. off_topic (has {kinds})")
        if kind == "clean":
            if any(cnt[l] for l in SPAM):
                fails.append(f"{f}: clean page carries spam labels {dict(cnt)}")
            if cnt["promotional"] != 1:
                fails.append(f"{f}: clean page should have exactly one promotional line, has {cnt['promotional']}")
        for p in paras:
            if p.label == "unsourced_rumour":
                for s in STOCK:
                    if re.search(rf"\b{s}\b", p.spaced, re.I):
                        fails.append(f"{f}: stock rumour phrase {s!r}: {p.spaced[:60]!r}")
        say(f"{f:44s} {kind:5s} {len(paras):5d} {len(frows):4d}  " +
            " ".join(f"{cnt[l]:6d}" for l in LABELS))
    say(f"{'TOTAL':44s} {'':5s} {total:5d} {sum(len(v) for v in rows.values()):4d}  " +
        " ".join(f"{grand[l]:6d}" for l in LABELS))
    if total < MIN_TOTAL:
        fails.append(f"only {total} paragraphs (need {MIN_TOTAL})")
    extra = set(rows) - set(pub)
    if extra:
        fails.append(f"rows for unknown files {sorted(extra)}")
    for x in fails:
        say("FAIL " + x)
    say("PASS" if not fails else f"FAILED ({len(fails)} problems)")
    with open(os.path.join(HERE, "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
