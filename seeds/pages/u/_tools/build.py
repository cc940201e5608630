#!/usr/bin/env python3
"""Build the published pages and held-out.jsonl from the annotated sources in _src/.

HTML sources carry data-l="<code>" (label, inherited by descendants) and optionally
data-c="0" (judgement call -> clear:false). Both attributes are stripped on publish.
Text sources carry one paragraph per line as "<code>| text" or "<code>?| text"
("?" = judgement call).
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")

CODES = {
    "cr": "credible",
    "bp": "boilerplate",
    "pr": "promotional",
    "fq": "scraped_faq",
    "ot": "off_topic",
    "ru": "unsourced_rumour",
    "fb": "fabricated_author_bio",
}

INLINE = {"a", "span", "strong", "em", "b", "i", "u", "small", "time", "abbr", "cite",
          "code", "mark", "sup", "sub", "img", "s", "q", "font", "label", "input", "data",
          "var", "kbd", "bdi", "bdo", "del", "ins", "picture", "source", "wbr"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "head", "noscript", "svg", "title"}
BAD_CHARS = set("'\"\u2018\u2019\u201c\u201d&")


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


class Para:
    def __init__(self, tokens, label, clear):
        self.label = label
        self.clear = clear
        # tokens: ('t', text) | ('sep',) | ('br',)
        ns_lines, sp_lines = [""], [""]
        for tok in tokens:
            if tok[0] == "t":
                ns_lines[-1] += tok[1]
                sp_lines[-1] += tok[1]
            elif tok[0] == "sep":
                sp_lines[-1] += " "
            else:
                ns_lines.append("")
                sp_lines.append("")
        self.ns_lines = [fold(x) for x in ns_lines]
        self.sp_lines = [fold(x) for x in sp_lines]
        self.A = fold(" ".join(self.ns_lines))
        self.B = fold("".join(self.ns_lines))
        self.C = fold(" ".join(self.sp_lines))
        self.variants = [self.A, self.B, self.C]

    @property
    def empty(self):
        return not self.A


class Extractor(HTMLParser):
    def __init__(self, annotated):
        super().__init__(convert_charrefs=True)
        self.annotated = annotated
        self.stack = []  # frames
        self.paras = []
        root = {"tag": "#root", "block": True, "hidden": False, "label": None,
                "clear": True, "tokens": [], "labels": set()}
        self.stack.append(root)

    def _block(self):
        for f in reversed(self.stack):
            if f["block"]:
                return f

    def _flush(self, frame):
        toks = frame["tokens"]
        if toks:
            p = Para(toks, None, True)
            if not p.empty:
                labs = frame["labels"]
                if self.annotated:
                    if len(labs) != 1:
                        raise SystemExit("label problem %r for paragraph: %s" % (labs, p.A[:80]))
                    lab, clear = next(iter(labs))
                    if lab is None:
                        raise SystemExit("unlabelled paragraph: %s" % p.A[:80])
                    p.label, p.clear = lab, clear
                self.paras.append(p)
        frame["tokens"] = []
        frame["labels"] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        parent = self.stack[-1]
        hidden = parent["hidden"] or tag in SKIP or "hidden" in a \
            or (a.get("aria-hidden") or "").lower() == "true" \
            or re.search(r"display\s*:\s*none", a.get("style") or "") is not None
        label = CODES[a["data-l"]] if "data-l" in a else parent["label"]
        clear = (a["data-c"] != "0") if "data-c" in a else parent["clear"]
        if tag == "br":
            if not hidden:
                self._block()["tokens"].append(("br",))
            return
        if not hidden:
            self._block()["tokens"].append(("sep",))
        if tag in VOID:
            return
        block = tag not in INLINE
        if block and not hidden:
            self._flush(self._block())
        self.stack.append({"tag": tag, "block": block, "hidden": hidden, "label": label,
                           "clear": clear, "tokens": [], "labels": set()})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                idx = i
                break
        if idx is None:
            return
        while len(self.stack) > idx:
            f = self.stack.pop()
            if f["block"] and not f["hidden"]:
                self._flush(f)
            if not f["hidden"]:
                self._block()["tokens"].append(("sep",))

    def handle_data(self, data):
        f = self.stack[-1]
        if f["hidden"]:
            return
        b = self._block()
        b["tokens"].append(("t", data))
        if data.strip():
            b["labels"].add((f["label"], f["clear"]))

    def close(self):
        super().close()
        while len(self.stack) > 1:
            f = self.stack.pop()
            if f["block"] and not f["hidden"]:
                self._flush(f)
        self._flush(self.stack[0])


def extract_html(text, annotated):
    ex = Extractor(annotated)
    ex.feed(text)
    ex.close()
    return ex.paras


def extract_txt_src(text):
    paras, out_lines = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            out_lines.append("")
            continue
        m = re.match(r"^(\w\w)(\??)\| (.*)$", line)
        if not m:
            raise SystemExit("bad txt source line %d: %s" % (n, line[:60]))
        code, q, body = m.groups()
        p = Para([("t", body)], CODES[code], q != "?")
        paras.append(p)
        out_lines.append(body)
    return paras, "\n".join(out_lines) + "\n"


def choose(p, others):
    """Pick a contains string for paragraph p; others = paragraphs with other labels."""
    def ok(c):
        lc = c.lower()
        if not all(c in v for v in p.variants):
            return False
        for o in others:
            for v in o.variants:
                if lc in v.lower():
                    return False
        return True

    cands = []
    lines = [l for l in p.ns_lines if l]
    total_words = len(p.A.split())
    if total_words < 5:
        cands.append((0, p.A))
        for l in lines:
            cands.append((1, l))
    for li, line in enumerate(lines):
        words = line.split()
        if len(words) < 5:
            if total_words >= 5:
                cands.append((5, line))
            continue
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            if n > len(words):
                continue
            starts = list(range(0, len(words) - n + 1))
            # prefer windows starting a little into the line
            starts.sort(key=lambda s: (abs(s - 2), s))
            for s in starts:
                c = " ".join(words[s:s + n])
                c = c.strip(" ,;:")
                if len(c.split()) < 5 and len(words) >= 5:
                    continue
                bad = any(ch in BAD_CHARS for ch in c)
                cands.append((2 + (3 if bad else 0), c))
    cands.sort(key=lambda x: x[0])
    for _, c in cands:
        if ok(c):
            return c
    return None


def main():
    rows = []
    errors = []
    files = sorted(f for f in os.listdir(SRC) if not f.startswith("."))
    for fn in files:
        src = open(os.path.join(SRC, fn), encoding="utf-8").read()
        if fn.endswith(".txt"):
            paras, out = extract_txt_src(src)
        else:
            paras = extract_html(src, True)
            out = re.sub(r'\s+data-[lc]="[^"]*"', "", src)
            pub = extract_html(out, False)
            if [p.A for p in pub] != [p.A for p in paras]:
                errors.append("%s: published paragraphs differ from source" % fn)
        with open(os.path.join(ROOT, fn), "w", encoding="utf-8") as fh:
            fh.write(out)
        # distinct paragraph texts
        seen = {}
        for p in paras:
            key = p.A
            if key in seen:
                if seen[key].label != p.label:
                    errors.append("%s: same text different labels: %s" % (fn, key[:60]))
                continue
            seen[key] = p
        for key, p in seen.items():
            others = [o for o in paras if o.label != p.label]
            c = choose(p, others)
            if c is None:
                errors.append("%s: no contains for [%s] %s" % (fn, p.label, key[:90]))
                continue
            rows.append({"file": fn, "contains": c, "label": p.label, "clear": p.clear})
    if errors:
        for e in errors:
            print("ERROR", e)
        sys.exit(1)
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    cnt = Counter(r["label"] for r in rows)
    per = Counter(r["file"] for r in rows)
    for f in sorted(per):
        lc = Counter(r["label"] for r in rows if r["file"] == f)
        print(f, per[f], dict(lc))
    print("TOTAL", len(rows), dict(cnt))
    print("unclear", sum(1 for r in rows if not r["clear"]))


if __name__ == "__main__":
    main()
