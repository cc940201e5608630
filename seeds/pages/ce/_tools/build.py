#!/usr/bin/env python3
"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import extract_file, norm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
BAD = set("\"'\u2019\u2018\u201c\u201d&")


def strip_html(text):
    return re.sub(r'\s+data-l="[^"]*"', "", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        _, sep, rest = line.partition("| ")
        if not sep:
            raise SystemExit(f"unlabelled line: {line!r}")
        out.append(rest)
    return "\n".join(out) + "\n"


def pick(p, others):
    words = p["text"].split(" ")
    low_others = [o.lower() for o in others]
    def ok(c):
        return (c in p["text"] and c in p["tight"]
                and not any(c.lower() in o for o in low_others))
    if len(words) < 5:
        return p["text"] if ok(p["text"]) else None
    best = None
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        for i in range(0, len(words) - n + 1):
            c = " ".join(words[i:i + n])
            if not ok(c):
                continue
            if not (BAD & set(c)):
                return c
            best = best or c
    return best


def main():
    rows = []
    for name in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, name)
        with open(src, encoding="utf-8") as f:
            raw = f.read()
        pub = strip_txt(raw) if name.endswith(".txt") else strip_html(raw)
        out = os.path.join(ROOT, name)
        with open(out, "w", encoding="utf-8") as f:
            f.write(pub)
        sp = extract_file(src, annotated=True)
        pp = extract_file(out)
        assert [p["text"] for p in sp] == [p["text"] for p in pp], name
        seen = {}
        for p in sp:
            lab = p["label"]
            if not isinstance(lab, str) or not lab:
                raise SystemExit(f"{name}: bad label {lab!r} for {p['text'][:80]!r}")
            base = lab.rstrip("?")
            if p["text"] in seen:
                if seen[p["text"]] != base:
                    raise SystemExit(f"{name}: same text, two labels: {p['text'][:80]!r}")
                continue
            seen[p["text"]] = base
            others = [q["text"] for q in sp if q["label"].rstrip("?") != base] + \
                     [q["tight"] for q in sp if q["label"].rstrip("?") != base]
            c = pick(p, others)
            if c is None:
                print(f"ERROR {name}: no unique snippet for {p['text'][:80]!r}")
                continue
            rows.append({"file": name, "contains": c, "label": base, "clear": not lab.endswith("?")})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows")


if __name__ == "__main__":
    main()
