"""Strip annotations from _src/*.src into published pages and write held-out.jsonl."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from para import html_paragraphs, txt_paragraphs, fold, LABELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
UNCLEAR = {}  # (file, contains-prefix) -> True ; filled from _src/unclear.txt
BADCH = set("'\"&\u2019\u2018\u201c\u201d")


def load_unclear():
    path = os.path.join(SRC, "unclear.txt")
    res = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                f, frag = line.rstrip("\n").split("\t", 1)
                res.append((f, frag))
    return res


def candidates(p):
    whole, spaced = p.text(""), p.text(" ")
    lines = [fold(l) for l in "".join(p.nodes).split("\u2028") if fold(l)]
    for line in lines:
        w = line.split()
        for size in ([len(w)] if len(w) <= 5 else (9, 10, 8, 11, 12, 7, 6, 5)):
            if size > len(w):
                continue
            for start in range(0, len(w) - size + 1):
                cand = " ".join(w[start:start + size])
                if cand in whole and cand in spaced:
                    yield cand, sum(ch in BADCH for ch in cand)
    nodes = [fold(n) for n in p.nodes if fold(n)]
    nodes.sort(key=lambda n: -len(n.split()))
    for n in nodes:
        w = n.split()
        if len(w) <= 5:
            yield n, 0
            continue
        for size in (9, 10, 8, 11, 12, 7, 6, 5):
            if size > len(w):
                continue
            for start in range(0, len(w) - size + 1):
                cand = " ".join(w[start:start + size])
                yield cand, sum(ch in BADCH for ch in cand)


def pick(p, others):
    best = None
    for cand, bad in candidates(p):
        low = cand.lower()
        if any(low in o for o in others):
            continue
        if bad == 0:
            return cand
        if best is None or bad < best[1]:
            best = (cand, bad)
    if best:
        return best[0]
    raise ValueError("no unique contains for %r" % p.text()[:80])


def main():
    unclear = load_unclear()
    rows, errs = [], []
    files = sorted(f for f in os.listdir(SRC) if f.endswith(".src"))
    for f in files:
        page = f[:-4]
        src = open(os.path.join(SRC, f), encoding="utf-8").read()
        if page.endswith(".txt"):
            paras = txt_paragraphs(src, annotated=True)
            pub = "\n".join(re.sub(r"^[a-z]\| ?", "", l) for l in src.splitlines()) + "\n"
        else:
            paras = html_paragraphs(src, annotated=True)
            pub = re.sub(r'\s+data-l="[a-z]"', "", src)
        open(os.path.join(ROOT, page), "w", encoding="utf-8").write(pub)
        seen = {}
        for p in paras:
            if p.label is None:
                raise ValueError("%s: unlabelled paragraph %r" % (page, p.text()[:60]))
            t = p.text()
            if t in seen:
                if seen[t] != p.label:
                    raise ValueError("%s: same text two labels %r" % (page, t))
                continue
            seen[t] = p.label
        for t, lab in seen.items():
            others = [o.lower() for o, ol in seen.items() if ol != lab]
            others += [o.text(" ").lower() for o in paras if o.label != lab]
            p = next(x for x in paras if x.text() == t)
            try:
                c = pick(p, others)
            except ValueError as e:
                print(page, e); errs.append(e); continue
            clear = not any(f2 == page and frag in t for f2, frag in unclear)
            rows.append({"file": page, "contains": c, "label": LABELS[lab], "clear": clear})
    if errs:
        sys.exit(1)
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("pages", len(files), "rows", len(rows))


if __name__ == "__main__":
    main()
