"""Build published pages from _src/ (strip annotations) and write held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set("\"'&\u2019\u2018\u201c\u201d")


def strip_html(text):
    return ATTR.sub("", text)


def strip_txt(text):
    out = []
    for line in text.splitlines():
        if line.strip():
            out.append(line.partition("| ")[2])
        else:
            out.append("")
    return "\n".join(out) + "\n"


def choose(p, others):
    """Pick 5-12 consecutive words found in both text forms, absent from other labels."""
    words = p["text_space"].split(" ")
    sp, no = p["text_space"].lower(), p["text_nothing"].lower()
    oth = [o.lower() for o in others]
    best = None
    lengths = [n for n in range(min(12, len(words)), 0, -1)]
    if len(words) <= 12:
        lengths = [len(words)] + [n for n in range(min(12, len(words)) - 1, 0, -1)]
    for clean_pass in (True, False):
        for n in lengths:
            if n < 5 and len(words) >= 5:
                continue
            for i in range(0, len(words) - n + 1):
                c = " ".join(words[i:i + n])
                if clean_pass and any(ch in BAD for ch in c):
                    continue
                cl = c.lower()
                if cl in sp and cl in no and not any(cl in o for o in oth):
                    return c
    return best


def main():
    rows, problems = [], []
    for name in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, name)
        with open(src, encoding="utf-8") as f:
            text = f.read()
        pub = strip_txt(text) if name.endswith(".txt") else strip_html(text)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(src, annotated=True)
        seen = {}
        for p in paras:
            if p["label"] is None:
                problems.append(f"{name}: unlabelled paragraph: {p['text_space'][:70]}")
                continue
            if len(p["labels"]) > 1:
                problems.append(f"{name}: mixed labels {p['labels']}: {p['text_space'][:70]}")
            key = p["text_space"]
            if key in seen:
                if seen[key]["label"].rstrip("?") != p["label"].rstrip("?"):
                    problems.append(f"{name}: same text, two labels: {key[:70]}")
                continue
            seen[key] = p
        for key, p in seen.items():
            lab = p["label"].rstrip("?")
            others = [q["text_space"] for q in seen.values() if q["label"].rstrip("?") != lab]
            others += [q["text_nothing"] for q in seen.values() if q["label"].rstrip("?") != lab]
            c = choose(p, others)
            if not c:
                problems.append(f"{name}: no unique window for: {key[:70]}")
                continue
            rows.append({"file": name, "contains": c, "label": lab,
                         "clear": not p["label"].endswith("?")})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for pr in problems:
        print("PROBLEM", pr)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows")


if __name__ == "__main__":
    main()
