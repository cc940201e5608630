#!/usr/bin/env python3
"""Build published pages + held-out.jsonl from label-annotated sources in ../_src/.
HTML sources: data-l="<code>" on any element (inherited by descendants); data-u="1" marks a judgement call.
Text sources: each non-empty line is "<code>| text" or "<code>?| text" (? = judgement call)."""
import json, os, re, sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
CODES = {"c": "credible", "b": "boilerplate", "p": "promotional", "f": "scraped_faq",
         "o": "off_topic", "r": "unsourced_rumour", "a": "fabricated_author_bio"}
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "summary",
         "figcaption", "pre", "blockquote", "button"}
CONTAINER = {"html", "body", "div", "section", "article", "aside", "header", "footer", "nav", "main",
             "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "form", "details", "figure",
             "address", "fieldset", "menu", "hgroup", "center"}
VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}
HIDDEN_TAGS = {"script", "style", "template", "head", "title", "noscript"}
fold = lambda s: re.sub(r"\s+", " ", s).strip()


class Ex(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # dicts: tag, label, unclear, hidden, owner(bool), buf(list of chunks), labels(set)
        self.paras = []  # (text_nospace, text_space, chunks, label, unclear)

    def _owner(self):
        for e in reversed(self.stack):
            if e["owner"]:
                return e
        return None

    def _flush(self, e):
        if e is None or not e["buf"]:
            return
        pieces = e["buf"]
        nos = fold("".join(t for t, _ in pieces))
        sp = fold(" ".join(t for t, _ in pieces))
        if nos:
            labs = {l for t, l in pieces if fold(t) and t != "\n"}
            if len(labs) != 1:
                sys.exit(f"mixed/missing labels {labs} in paragraph: {nos[:80]}")
            chunks = [fold(c) for c in "".join(t for t, _ in pieces).split("\n") if fold(c)]
            nodes = [fold(t) for t, _ in pieces if fold(t)]
            self.paras.append(dict(text=nos, sp=sp, nodes=nodes, label=labs.pop(), unclear=e["unc"]))
        e["buf"] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        par = self.stack[-1] if self.stack else None
        if tag == "br":
            o = self._owner()
            if o is not None:
                o["buf"].append(("\n", None))
            return
        if tag in VOID:
            return
        hidden = (par and par["hidden"]) or tag in HIDDEN_TAGS or "hidden" in a or \
            a.get("aria-hidden") == "true" or "display:none" in (a.get("style") or "").replace(" ", "")
        label = CODES[a["data-l"]] if "data-l" in a else (par["label"] if par else None)
        unc = ("data-u" in a) or (par["unc"] if par else False)
        owner = tag in BLOCK or tag in CONTAINER
        if owner:
            self._flush(self._owner())
        self.stack.append(dict(tag=tag, label=label, unc=unc, hidden=hidden, owner=owner, buf=[]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = max((i for i, e in enumerate(self.stack) if e["tag"] == tag), default=None)
        if idx is None:
            return
        while len(self.stack) > idx:
            e = self.stack.pop()
            if e["owner"]:
                self._flush(e)
        # text after a closed child block begins a new segment of the owner (already flushed)

    def handle_data(self, data):
        if not self.stack or self.stack[-1]["hidden"]:
            return
        o = self._owner()
        if o is None:
            return
        if fold(data) and self.stack[-1]["label"] is None:
            sys.exit(f"unlabelled text: {data[:80]!r}")
        o["buf"].append((data, self.stack[-1]["label"]))


BAD = set("'\"\u2019\u2018\u201c\u201d&")


def choose(p, others):
    """Pick 5-12 consecutive words from one text node of p, not a substring of any other-label paragraph."""
    lows = [o.lower() for o in others]
    ok = lambda s: s and s in p["text"] and s in p["sp"] and not any(s.lower() in o for o in lows)
    cands = []
    for node in sorted(p["nodes"], key=lambda n: -len(n.split())):
        for chunk in node.split("\n"):
            w = chunk.split()
            if len(w) < 5:
                continue
            for n in (8, 7, 9, 6, 10, 5, 11, 12):
                if n > len(w):
                    continue
                for s in range(0, len(w) - n + 1):
                    win = w[s:s + n]
                    cands.append((any(ch in BAD for ch in " ".join(win)), " ".join(win)))
    cands.sort(key=lambda x: x[0])
    for bad, c in cands:
        if ok(c):
            return c
    # short paragraph: whole text, else longest node
    for c in [p["text"]] + sorted(p["nodes"], key=len, reverse=True):
        if ok(c) and (len(c.split()) < 5 or c == p["text"]):
            return c
    return None


def text_paras(path):
    out = []
    for ln in open(path, encoding="utf-8"):
        ln = ln.rstrip("\n")
        if not ln.strip():
            continue
        m = re.match(r"^([a-z])(\?)?\| ?(.*)$", ln)
        if not m:
            sys.exit(f"bad line in {path}: {ln[:60]}")
        t = fold(m.group(3))
        out.append(dict(text=t, sp=t, nodes=[t], label=CODES[m.group(1)], unclear=bool(m.group(2))))
    return out


def main():
    rows, stats = [], {}
    for fn in sorted(os.listdir(SRC)):
        sp = os.path.join(SRC, fn)
        raw = open(sp, encoding="utf-8").read()
        if fn.endswith(".txt"):
            paras = text_paras(sp)
            pub = "\n".join(re.sub(r"^[a-z]\??\| ?", "", l) if l.strip() else "" for l in raw.split("\n"))
        else:
            ex = Ex(); ex.feed(raw); ex.close()
            paras = ex.paras
            pub = re.sub(r'\s+data-[lu]="[^"]*"', "", raw)
        open(os.path.join(ROOT, fn), "w", encoding="utf-8").write(pub)
        seen = {}
        for p in paras:
            if p["text"] in seen:
                if seen[p["text"]] != p["label"]:
                    sys.exit(f"{fn}: same text, different labels: {p['text'][:60]}")
                continue
            seen[p["text"]] = p["label"]
            others = [q["text"] for q in paras if q["label"] != p["label"]] + \
                     [q["sp"] for q in paras if q["label"] != p["label"]]
            c = choose(p, others)
            if c is None:
                sys.exit(f"{fn}: no unique contains for [{p['label']}] {p['text'][:80]}")
            rows.append({"file": fn, "contains": c, "label": p["label"], "clear": not p["unclear"]})
        stats[fn] = len(seen)
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(Counter(r["label"] for r in rows), len(rows))
    for k, v in stats.items():
        print(k, v, dict(Counter(r["label"] for r in rows if r["file"] == k)))


if __name__ == "__main__":
    main()
