"""Build published pages from annotated sources and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import paragraphs, LABEL_RE

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("'\"&\u2018\u2019\u201c\u201d")
ORDER = [8, 9, 7, 10, 6, 11, 5, 12]


def strip(path, src):
    if path.endswith(".txt"):
        out = []
        for line in src.splitlines():
            m = LABEL_RE.match(line)
            out.append(m.group(2) if m else line)
        return "\n".join(out) + "\n"
    return re.sub(r'\s+data-l="[^"]*"', "", src)


def choose(p, others):
    words = p["text"].split()
    low_others = [o.lower() for o in others]
    def ok(c):
        if c not in p["text"] or c not in p["nothing"]:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)
    if len(words) < 5:
        return p["text"] if ok(p["text"]) else None
    for strict in (True, False):
        for n in ORDER:
            if n > len(words):
                continue
            for i in range(0, len(words) - n + 1):
                c = " ".join(words[i:i + n])
                if strict and (BAD & set(c)):
                    continue
                if ok(c):
                    return c
    return None


def main():
    rows, errors = [], []
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        src = open(path, encoding="utf-8").read()
        with open(os.path.join(BASE, name), "w", encoding="utf-8") as f:
            f.write(strip(name, src))
        paras = paragraphs(path, annotated=True)
        for p in paras:
            if len(p["labels"]) != 1 or None in p["labels"]:
                errors.append(f"{name}: label problem {p['labels']} :: {p['text'][:80]}")
                continue
            lab = next(iter(p["labels"]))
            p["label"], p["clear"] = lab.rstrip("?"), not lab.endswith("?")
            if p["label"] not in LABELS:
                errors.append(f"{name}: bad label {lab}")
        seen = {}
        for p in paras:
            if "label" not in p:
                continue
            if p["text"] in seen:
                if seen[p["text"]] != p["label"]:
                    errors.append(f"{name}: same text, two labels: {p['text'][:80]}")
                continue
            seen[p["text"]] = p["label"]
            others = [x for o in paras if o.get("label") != p["label"] for x in (o["text"], o["nothing"])]
            c = choose(p, others)
            if c is None:
                errors.append(f"{name}: no unique window for [{p['label']}] {p['text'][:90]}")
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": p["clear"]})
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows, {len(errors)} errors")


if __name__ == "__main__":
    main()
