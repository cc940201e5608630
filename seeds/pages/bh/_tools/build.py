"""Build: strip data-l annotations from _src, write published pages and held-out.jsonl."""
import os, re, json, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
LABELS = {"credible","boilerplate","promotional","scraped_faq","off_topic","unsourced_rumour","fabricated_author_bio"}

def strip_html(s):
    return re.sub(r'\s+data-l="[^"]*"', "", s)

def strip_txt(s):
    return "\n".join(l.split("| ", 1)[1] if "| " in l else l for l in s.splitlines() if l.strip()) + "\n"

def pick_contains(p, others):
    words = p["text"].split(" ")
    nos = p["text_nospace"].lower(); sp = p["text"].lower()
    bad = re.compile(r"[\"'&\u2019\u2018\u201c\u201d]")
    def ok(c):
        cl = c.lower()
        return cl in nos and cl in sp and not any(cl in o for o in others)
    if len(words) < 5:
        if ok(p["text"]):
            return p["text"]
        raise ValueError("short paragraph not unique: %r" % p["text"])
    best = None
    for n in range(6, 13):
        for pref in (True, False):
            for i in range(0, len(words) - n + 1):
                c = " ".join(words[i:i+n])
                if pref and bad.search(c):
                    continue
                if ok(c):
                    return c
    for n in (5,):
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i+n])
            if ok(c):
                return c
    if ok(p["text"]):
        return p["text"]
    raise ValueError("no unique window for %r" % p["text"][:80])

def main():
    rows = []
    errs = []
    for fn in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, fn)
        s = open(sp, encoding="utf-8").read()
        paras = extract_file(sp, annotated=True)
        pub = strip_txt(s) if fn.endswith(".txt") else strip_html(s)
        open(os.path.join(BASE, fn), "w", encoding="utf-8").write(pub)
        seen = {}
        for p in paras:
            lab = p["label"]
            if lab is None:
                raise ValueError("%s: unlabelled paragraph %r" % (fn, p["text"][:80]))
            base = lab.rstrip("?")
            if base not in LABELS:
                raise ValueError("%s: bad label %r" % (fn, lab))
            if p["text"] in seen and seen[p["text"]][0].rstrip("?") != base:
                raise ValueError("%s: same text, two labels %r" % (fn, p["text"]))
            seen.setdefault(p["text"], (lab, p))
        for text, (lab, p) in seen.items():
            base = lab.rstrip("?")
            others = [q["text"].lower() for q in paras if q["label"].rstrip("?") != base] + \
                     [q["text_nospace"].lower() for q in paras if q["label"].rstrip("?") != base]
            try:
                c = pick_contains(p, others)
            except ValueError as e:
                errs.append("%s: %s" % (fn, e)); continue
            rows.append({"file": fn, "contains": c, "label": base, "clear": not lab.endswith("?")})
    if errs:
        print("\n".join(errs)); sys.exit(1)
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("built", len(os.listdir(SRC)), "pages,", len(rows), "rows")

if __name__ == "__main__":
    main()
