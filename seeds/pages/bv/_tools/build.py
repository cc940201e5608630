"""Build published pages from _src/ and write held-out.jsonl. Stdlib only."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, extract_html, extract_txt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
BAD = set("\"'&\u2018\u2019\u201c\u201d")

def strip_html(s):
    s = re.sub(r'\s+data-l="[^"]*"', "", s)
    return re.sub(r"\s+data-l='[^']*'", "", s)

def strip_txt(s):
    out = []
    for line in s.splitlines():
        if line.strip():
            out.append(line.partition("| ")[2])
        else:
            out.append("")
    return "\n".join(out).strip() + "\n"

def windows(para):
    """candidate 'contains' strings: windows of consecutive words within one line"""
    cands = []
    ns_lines = para["text_nospace"].split("\n")
    sp = para["text_space"].replace("\n", " ")
    sp = re.sub(r"\s+", " ", sp)
    for line in ns_lines:
        words = line.split()
        if len(words) < 5:
            if len(ns_lines) == 1 and line in sp:
                cands.append((0, line))
            continue
        for n in (7, 8, 6, 9, 10, 5, 11, 12):
            for i in range(0, len(words) - n + 1):
                w = " ".join(words[i:i + n])
                if w in sp:
                    bad = sum(c in BAD for c in w)
                    cands.append((bad * 10 + abs(n - 8), w))
    cands.sort(key=lambda x: x[0])
    return [c for _, c in cands]

def main():
    rows = []
    counts = {}
    for fn in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, fn)
        with open(path, encoding="utf-8") as f:
            s = f.read()
        pub = strip_txt(s) if fn.endswith(".txt") else strip_html(s)
        with open(os.path.join(ROOT, fn), "w", encoding="utf-8") as f:
            f.write(pub)
        paras = extract_file(path, annotated=True)
        seen = {}
        for p in paras:
            key = p["text_nospace"]
            lab = p["label"]
            if lab is None:
                print("UNLABELLED", fn, key[:80]); continue
            if key in seen:
                if seen[key] != lab:
                    print("CONFLICT duplicate text", fn, key[:80])
                continue
            seen[key] = lab
        texts = list(seen.items())
        for key, lab in texts:
            base = lab.rstrip("?")
            para = next(p for p in paras if p["text_nospace"] == key)
            chosen = None
            fallback = None
            for w in windows(para):
                wl = w.lower()
                others_diff = [k for k, l in texts if k != key and l.rstrip("?") != base and wl in k.lower().replace("\n", " ")]
                others_same = [k for k, l in texts if k != key and wl in k.lower().replace("\n", " ")]
                if not others_diff and not others_same:
                    chosen = w; break
                if not others_diff and fallback is None:
                    fallback = w
            if chosen is None:
                chosen = fallback
            if chosen is None:
                print("NO WINDOW", fn, lab, key[:80]); continue
            rows.append({"file": fn, "contains": chosen, "label": base, "clear": not lab.endswith("?")})
            counts[base] = counts.get(base, 0) + 1
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("rows", len(rows))
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")
    per = {}
    for r in rows:
        per.setdefault(r["file"], {}).setdefault(r["label"], 0)
        per[r["file"]][r["label"]] += 1
    for fn in sorted(per):
        print(fn, sum(per[fn].values()), per[fn])

if __name__ == "__main__":
    main()
