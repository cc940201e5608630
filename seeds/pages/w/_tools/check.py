#!/usr/bin/env python3
"""Independent check of the published pages against held-out.jsonl (stdlib html.parser only)."""
import json, os, re, sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic", "unsourced_rumour",
          "fabricated_author_bio"}
BLOCKS = set("p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption pre blockquote button".split())
WRAPS = set("html body div section article aside header footer nav main ul ol dl table thead tbody tfoot "
            "tr form details figure address fieldset menu hgroup center".split())
VOIDS = set("br img meta link input hr wbr source col area base embed track".split())
INVIS = set("script style template head title noscript".split())
ws = lambda s: re.sub(r"\s+", " ", s).strip()


class P(HTMLParser):
    """Collect paragraphs; each paragraph kept in two variants: nodes joined directly / with spaces."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.st, self.out = [], []

    def owner(self):
        return next((e for e in reversed(self.st) if e[1]), None)

    def emit(self, e):
        if e and e[2]:
            a, b = ws("".join(e[2])), ws(" ".join(e[2]))
            if a:
                self.out.append((a, b))
            e[2].clear()

    def handle_starttag(self, t, at):
        d = dict(at)
        if t == "br":
            o = self.owner()
            if o: o[2].append(" ")
            return
        if t in VOIDS:
            return
        hid = bool(self.st and self.st[-1][3]) or t in INVIS or "hidden" in d or d.get("aria-hidden") == "true" \
            or "display:none" in (d.get("style") or "").replace(" ", "")
        own = t in BLOCKS or t in WRAPS
        if own:
            self.emit(self.owner())
        self.st.append([t, own, [], hid])

    def handle_startendtag(self, t, at):
        self.handle_starttag(t, at)
        if t not in VOIDS:
            self.handle_endtag(t)

    def handle_endtag(self, t):
        for i in range(len(self.st) - 1, -1, -1):
            if self.st[i][0] == t:
                while len(self.st) > i:
                    e = self.st.pop()
                    if e[1]: self.emit(e)
                return

    def handle_data(self, x):
        if self.st and not self.st[-1][3]:
            o = self.owner()
            if o: o[2].append(x)


def paragraphs(path):
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return [(ws(l), ws(l)) for l in raw.splitlines() if l.strip()], raw
    p = P(); p.feed(raw); p.close()
    return p.out, raw


def main():
    errs, warn = [], []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") if l.strip()]
    pages = sorted(f for f in os.listdir(ROOT) if re.match(r"w\d\d_.*\.(html|txt)$", f))
    byfile = defaultdict(list)
    for r in rows:
        if set(r) != {"file", "contains", "label", "clear"} or r["label"] not in LABELS or not isinstance(r["clear"], bool):
            errs.append(f"bad row {r}")
        byfile[r["file"]].append(r)
        n = len(r["contains"].split())
        if n > 12:
            errs.append(f"contains too long ({n} words): {r}")
    for f in byfile:
        if f not in pages:
            errs.append(f"row for unknown page {f}")
    total = Counter(); npara = 0
    for f in pages:
        paras, raw = paragraphs(os.path.join(ROOT, f))
        if re.search(r"data-[lu]=", raw) or re.search(r"(?m)^[a-z]\??\| ", raw):
            errs.append(f"{f}: annotation leaked")
        uniq = list(dict.fromkeys(paras))
        npara += len({a for a, b in uniq})
        for r in byfile[f]:
            c = r["contains"]
            if not any(c in a for a, b in uniq):
                errs.append(f"{f}: row matches no paragraph (tags stripped without spaces): {c!r}")
            if not any(c in b for a, b in uniq):
                errs.append(f"{f}: row matches no paragraph (tags stripped with spaces): {c!r}")
            if any(ch in c for ch in "'\"\u2019\u201c\u201d&"):
                warn.append(f"{f}: quote/ampersand in contains {c!r}")
        for a, b in uniq:
            hits = [r for r in byfile[f] if r["contains"].lower() in a.lower() or r["contains"].lower() in b.lower()]
            if not hits:
                errs.append(f"{f}: paragraph not covered: {a[:90]!r}")
                continue
            labs = {r["label"] for r in hits}
            if len(labs) > 1:
                errs.append(f"{f}: conflicting labels {labs} for paragraph {a[:90]!r}")
        total.update(r["label"] for r in byfile[f])
        print(f"{f}: {len({a for a, b in uniq})} paragraphs, {len(byfile[f])} rows, "
              + ", ".join(f"{k}={v}" for k, v in sorted(Counter(r['label'] for r in byfile[f]).items())))
    print("\nTOTAL rows:", len(rows), "| distinct paragraphs:", npara, "| pages:", len(pages),
          "(txt:", sum(p.endswith('.txt') for p in pages), ")")
    for k in sorted(LABELS):
        print(f"  {k}: {total[k]}")
    print("  clear=false rows:", sum(not r["clear"] for r in rows))
    for k in ["promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"]:
        if total[k] < 25:
            errs.append(f"label {k} has only {total[k]} rows (<25)")
    if len(rows) < 450:
        errs.append(f"only {len(rows)} rows (<450)")
    for w in warn:
        print("WARN", w)
    for e in errs:
        print("ERROR", e)
    print("\nRESULT:", "PASS" if not errs else f"FAIL ({len(errs)} errors)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
