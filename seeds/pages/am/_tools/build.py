"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paras import extract_file, LABELS

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(BASE, "_src")
BAD = set("\"'&\u201c\u201d\u2018\u2019")


def publish(name):
    src = os.path.join(SRC, name)
    with open(src, encoding="utf-8") as f:
        text = f.read()
    if name.endswith(".html"):
        out = re.sub(r'\s+data-l="[^"]*"', "", text)
    else:
        lines = []
        for line in text.splitlines():
            if line.strip():
                lab, _, rest = line.partition("|")
                lines.append(rest.strip())
            else:
                lines.append("")
        out = "\n".join(lines) + "\n"
    with open(os.path.join(BASE, name), "w", encoding="utf-8") as f:
        f.write(out)


def para_label(p, where):
    labs = p["labels"]
    if len(labs) != 1 or None in labs:
        raise SystemExit(f"{where}: paragraph has labels {labs}: {p['space'][:80]}")
    lab = next(iter(labs))
    clear = not lab.endswith("?")
    lab = lab.rstrip("?")
    if lab not in LABELS:
        raise SystemExit(f"{where}: bad label {lab}")
    return lab, clear


def choose(p, others):
    words = p["space"].split()
    low_n, low_s = p["nothing"].lower(), p["space"].lower()

    def ok(c):
        cl = c.lower()
        if cl not in low_n or cl not in low_s:
            return False
        return not any(cl in o["nothing"].lower() or cl in o["space"].lower() for o in others)

    if len(words) < 5:
        c = p["space"]
        return c if ok(c) else None
    best = None
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        if size > len(words):
            continue
        for i in range(0, len(words) - size + 1):
            c = " ".join(words[i:i + size])
            if ok(c):
                if not (set(c) & BAD):
                    return c
                best = best or c
    return best


def main():
    rows, problems = [], []
    names = sorted(n for n in os.listdir(SRC) if n.endswith((".html", ".txt")))
    for name in names:
        publish(name)
        sp = extract_file(os.path.join(SRC, name), annotated=True)
        pp = extract_file(os.path.join(BASE, name))
        if [p["space"] for p in sp] != [p["space"] for p in pp]:
            raise SystemExit(f"{name}: source/published paragraph mismatch")
        labelled = []
        for p in sp:
            lab, clear = para_label(p, name)
            labelled.append((p, lab, clear))
        seen = {}
        for p, lab, clear in labelled:
            key = p["space"]
            if key in seen:
                if seen[key] != lab:
                    problems.append(f"{name}: same text two labels: {key[:70]}")
                continue
            seen[key] = lab
            others = [q for q, l2, _ in labelled if l2 != lab]
            c = choose(p, others)
            if c is None:
                problems.append(f"{name}: no unique contains for [{lab}] {key[:80]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab, "clear": clear})
    if problems:
        print("\n".join(problems))
        raise SystemExit(1)
    with open(os.path.join(BASE, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"built {len(names)} pages, {len(rows)} rows")


if __name__ == "__main__":
    main()
