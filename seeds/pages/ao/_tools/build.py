"""Strip annotations from _src/ and write published pages + held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, split_label, LABELS

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
BAD = set("\"'&\u2018\u2019\u201c\u201d")


def publish(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        text = f.read()
    if name.endswith(".txt"):
        lines = []
        for line in text.splitlines():
            if line.strip():
                lines.append(line.split("|", 1)[1].strip())
            else:
                lines.append("")
        out = "\n".join(lines) + "\n"
    else:
        out = re.sub(r'\s+data-l="[^"]*"', "", text)
    with open(os.path.join(BASE, name), "w", encoding="utf-8") as f:
        f.write(out)


def choose(p, others):
    """Pick 5-12 consecutive words found in both text variants and in no other-label paragraph."""
    words = p["space"].split()
    low_others = [o.lower() for o in others]
    def ok(c):
        if c not in p["space"] or c not in p["nothing"]:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)
    if len(words) < 5:
        c = p["space"]
        return c if ok(c) else None
    best = None
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        if size > len(words):
            continue
        for start in range(0, len(words) - size + 1):
            c = " ".join(words[start:start + size])
            if not ok(c):
                continue
            if any(ch in BAD for ch in c):
                best = best or c
                continue
            return c
    return best


def main():
    names = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    rows, problems = [], []
    for name in names:
        publish(name)
        paras = extract_file(os.path.join(SRC, name), annotated=True)
        labelled = []
        for p in paras:
            labs = set(p["labels"])
            if len(labs) != 1 or None in labs:
                problems.append(f"{name}: bad/mixed label {labs} in: {p['space'][:70]}")
                continue
            lab, clear = split_label(labs.pop())
            if lab not in LABELS:
                problems.append(f"{name}: unknown label {lab}")
            labelled.append((p, lab, clear))
        seen = {}
        for p, lab, clear in labelled:
            key = p["space"]
            if key in seen:
                if seen[key] != lab:
                    problems.append(f"{name}: same text, two labels: {key[:60]}")
                continue
            seen[key] = lab
            others = [q["space"] for q, l2, _ in labelled if l2 != lab] + \
                     [q["nothing"] for q, l2, _ in labelled if l2 != lab]
            c = choose(p, others)
            if c is None:
                problems.append(f"{name}: no unique window for [{lab}] {key[:70]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab, "clear": clear})
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for pr in problems:
        print("PROBLEM", pr)
    print(f"built {len(names)} pages, {len(rows)} rows, {len(problems)} problems")


if __name__ == "__main__":
    main()
