"""Build published pages from _src/ and write held-out.jsonl (stdlib only)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
ATTR = re.compile(r'\s+data-l="[^"]*"')
BAD = set("\"'’‘“”&")


def windows(words):
    n = len(words)
    if n <= 12:
        yield " ".join(words)
    for size in (8, 7, 9, 6, 10, 5, 11, 12):
        for start in range(0, max(1, n - size + 1)):
            yield " ".join(words[start:start + size])


def main():
    rows, errors = [], []
    for name in sorted(os.listdir(SRC)):
        src = os.path.join(SRC, name)
        paras = extract(src, annotated=True)
        with open(src, encoding="utf-8") as f:
            text = f.read()
        if name.endswith(".txt"):
            pub = "\n".join(l.partition("| ")[2] if l.strip() else "" for l in text.splitlines()) + "\n"
        else:
            pub = ATTR.sub("", text)
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(pub)
        # label per distinct text
        bytext = {}
        for p in paras:
            labs = p["labels"]
            if len(labs) != 1 or None in labs:
                errors.append(f"{name}: bad labels {labs} on: {p['text_space'][:80]}")
                continue
            lab = labs.pop()
            base = lab.rstrip("?")
            if base not in LABELS:
                errors.append(f"{name}: unknown label {lab}")
            key = p["text_space"]
            if key in bytext and bytext[key][0] != base:
                errors.append(f"{name}: same text two labels: {key[:60]}")
            bytext.setdefault(key, (base, not lab.endswith("?"), p["text_none"]))
        for key, (lab, clear, tnone) in bytext.items():
            others = [k.lower() for k, v in bytext.items() if v[0] != lab]
            chosen = None
            cands = list(windows(key.split()))
            cands.sort(key=lambda c: any(ch in BAD for ch in c))
            for c in cands:
                if c in key and c in re_norm(tnone) and not any(c.lower() in o for o in others):
                    chosen = c
                    break
            if chosen is None:
                errors.append(f"{name}: no unique contains for: {key[:80]}")
                continue
            rows.append({"file": name, "contains": chosen, "label": lab, "clear": clear})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print("ERROR", e)
    print(f"built {len(os.listdir(SRC))} pages, {len(rows)} rows, {len(errors)} errors")
    return 1 if errors else 0


def re_norm(s):
    return re.sub(r"\s+", " ", s).strip()


if __name__ == "__main__":
    sys.exit(main())
