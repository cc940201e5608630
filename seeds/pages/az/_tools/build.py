"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract, LABELS, LINE_RE

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
QUOTES = set("'\"\u2018\u2019\u201c\u201d&")


def strip_html(text):
    return re.sub(r'\s+data-l="[^"]*"', "", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        m = LINE_RE.match(line)
        out.append(m.group(2))
    return "\n".join(out) + "\n"


def para_label(p, name):
    if len(p["labels"]) != 1 or None in p["labels"]:
        raise SystemExit("%s: mixed/missing label %r in %r" % (name, p["labels"], p["space"][:80]))
    lab = next(iter(p["labels"]))
    base = lab.rstrip("?")
    if base not in LABELS:
        raise SystemExit("%s: bad label %r" % (name, lab))
    return base, not lab.endswith("?")


def pick(p, others):
    ts, tn = p["space"], p["nospace"]
    def ok(c):
        if c not in ts or c not in tn:
            return False
        cl = c.lower()
        return not any(cl in o for o in others)
    words_all = ts.split()
    if len(words_all) < 5:
        cands = [ts] + sorted(p["chunks"], key=len, reverse=True)
        for c in cands:
            if ok(c):
                return c
        return None
    for strict in (True, False):
        for ch in sorted(p["chunks"], key=len, reverse=True) + [ts, tn]:
            w = ch.split()
            for n in (8, 9, 7, 10, 6, 11, 12, 5):
                for s in range(0, max(0, len(w) - n) + 1):
                    c = " ".join(w[s:s + n])
                    if len(c.split()) < 5:
                        continue
                    if strict and any(q in c for q in QUOTES):
                        continue
                    if ok(c):
                        return c
    return None


def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, name)
        with open(sp, encoding="utf-8") as f:
            raw = f.read()
        pub = strip_txt(raw) if name.endswith(".txt") else strip_html(raw)
        with open(os.path.join(BASE, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract(sp, annotated=name.endswith(".txt"))
        labelled = []
        for p in paras:
            lab, clear = para_label(p, name)
            labelled.append((p, lab, clear))
        seen = {}
        for p, lab, clear in labelled:
            if p["space"] in seen:
                if seen[p["space"]][0] != lab:
                    raise SystemExit("%s: same text two labels: %r" % (name, p["space"]))
                continue
            seen[p["space"]] = (lab, clear, p)
        for text, (lab, clear, p) in seen.items():
            others = [q["space"].lower() for q, l, _ in labelled if l != lab] + \
                     [q["nospace"].lower() for q, l, _ in labelled if l != lab]
            c = pick(p, others)
            if c is None:
                raise SystemExit("%s: no unique contains for %r (%s)" % (name, text[:90], lab))
            rows.append({"file": name, "contains": c, "label": lab, "clear": clear})
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("built", len(rows), "rows")


if __name__ == "__main__":
    main()
