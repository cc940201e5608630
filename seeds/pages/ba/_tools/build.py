"""Build: strip annotations from _src/, write published pages and held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, LABELS

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
BAD = set("\"'&\u2019\u2018\u201c\u201d")


def strip_html(s):
    return re.sub(r'\s+data-l="[^"]*"', "", s)


def strip_txt(s):
    out = []
    for line in s.splitlines():
        if "|" in line and line.split("|", 1)[0].strip().rstrip("?") in LABELS:
            line = line.split("|", 1)[1].lstrip()
        out.append(line)
    return "\n".join(out) + "\n"


def pick(p, others):
    words = p["text"].split()
    low_others = [o.lower() for o in others]
    def ok(c):
        if c not in p["text"] or c not in p["text_nospace"]:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)
    if len(words) < 5:
        return p["text"] if ok(p["text"]) else None
    best = None
    for n in (8, 9, 10, 7, 6, 11, 12, 5):
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i + n])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    return best


def main():
    rows, errors = [], []
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as f:
            s = f.read()
        pub = strip_html(s) if name.endswith(".html") else strip_txt(s)
        with open(os.path.join(BASE, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(path, annotated=True)
        seen = {}
        for p in paras:
            if len(p["labels"]) != 1 or None in p["labels"]:
                errors.append(f"{name}: bad labels {p['labels']} for: {p['text'][:70]}")
                continue
            lab = next(iter(p["labels"]))
            if lab.rstrip("?") not in LABELS:
                errors.append(f"{name}: unknown label {lab}")
            p["lab"] = lab
            if p["text"] in seen:
                if seen[p["text"]]["lab"].rstrip("?") != lab.rstrip("?"):
                    errors.append(f"{name}: same text two labels: {p['text'][:60]}")
                continue
            seen[p["text"]] = p
        uniq = list(seen.values())
        for p in uniq:
            lab = p["lab"].rstrip("?")
            others = []
            for o in uniq:
                if o["lab"].rstrip("?") != lab:
                    others += [o["text"], o["text_nospace"]]
            c = pick(p, others)
            if c is None:
                errors.append(f"{name}: no unique contains for [{lab}] {p['text'][:80]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab,
                         "clear": not p["lab"].endswith("?")})
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
