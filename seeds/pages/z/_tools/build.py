"""Build published pages + held-out.jsonl from label-annotated sources in _src/."""
import hashlib, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from paras import extract_html, fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
BAD = set("\"'\u2018\u2019\u201c\u201d&")


def parse_label(l):
    if l is None:
        raise SystemExit("unlabelled paragraph")
    clear = not l.endswith("?")
    l = l.rstrip("?")
    if l not in LABELS:
        raise SystemExit("bad label " + l)
    return l, clear


def choose(p, others, fname):
    """pick 5-12 consecutive words of one text node/line, not inside other-label paragraphs."""
    lo = [o.lower() for o in others]
    def ok(c):
        cl = c.lower()
        return (c in p["text"] and c in p["spaced"] and not any(cl in o for o in lo))
    words_all = p["text"].split()
    if len(words_all) <= 6 and ok(p["text"]):
        return p["text"]
    h = int(hashlib.md5((fname + p["text"]).encode()).hexdigest(), 16)
    cands = []
    for node in p["lines"] + p["nodes"]:
        for line in node.split("\n"):
            w = fold(line).split()
            if not w:
                continue
            for n in range(min(12, len(w)), 0, -1):
                for st in range(0, len(w) - n + 1):
                    c = " ".join(w[st:st + n])
                    score = 0
                    if any(ch in BAD for ch in c):
                        score += 100
                    if n < 5:
                        score += 200 + (5 - n)
                    target = 6 + (h % 6)
                    score += abs(n - target) * 0.5 + abs(st - (h % 4)) * 0.3
                    cands.append((score, c))
    cands.sort()
    for s, c in cands:
        if ok(c):
            return c
    if ok(p["text"]):
        return p["text"]
    raise SystemExit(f"{fname}: no unique contains for: {p['text'][:80]}")


def main():
    rows = []
    for fn in sorted(os.listdir(SRC)):
        src = open(os.path.join(SRC, fn), encoding="utf-8").read()
        if fn.endswith(".txt"):
            paras, out_lines = [], []
            for line in src.splitlines():
                if not line.strip():
                    out_lines.append("")
                    continue
                lab, text = line.split("| ", 1)
                out_lines.append(text)
                t = fold(text)
                paras.append({"label": lab, "text": t, "spaced": t, "nodes": [t], "lines": [t]})
            pub = "\n".join(out_lines).strip() + "\n"
        else:
            paras = extract_html(src)
            pub = re.sub(r'\s+data-l="[^"]*"', "", src)
        assert "data-l" not in pub, fn
        assert not any(l.split("| ", 1)[0].rstrip("?") in LABELS for l in pub.splitlines()), fn
        open(os.path.join(ROOT, fn), "w", encoding="utf-8").write(pub)
        seen = {}
        for p in paras:
            lab, clear = parse_label(p["label"])
            p["lab"], p["clear"] = lab, clear
            if p["text"] in seen and seen[p["text"]] != lab:
                raise SystemExit(f"{fn}: same text, two labels: {p['text'][:60]}")
            seen[p["text"]] = lab
        done = set()
        for p in paras:
            if p["text"] in done:
                continue
            done.add(p["text"])
            others = [q["text"] for q in paras if q["lab"] != p["lab"]] + \
                     [q["spaced"] for q in paras if q["lab"] != p["lab"]]
            c = choose(p, others, fn)
            rows.append({"file": fn, "contains": c, "label": p["lab"], "clear": p["clear"]})
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(rows), "rows")
    for k, v in Counter(r["label"] for r in rows).most_common():
        print(f"  {k:24s}{v}")
    pf = Counter(r["file"] for r in rows)
    for k in sorted(pf):
        c = Counter(r["label"] for r in rows if r["file"] == k)
        print(f"  {k:40s}{pf[k]:4d} ", dict(c))
    print("unclear:", [(r["file"], r["contains"], r["label"]) for r in rows if not r["clear"]])


if __name__ == "__main__":
    main()
