#!/usr/bin/env python3
"""Independent check of the published pages against held-out.jsonl.

Re-extracts paragraphs from the published pages (not from _src/) with html.parser,
building a small DOM tree first, and verifies:
  * every row is well formed and its `contains` matches at least one paragraph;
  * every paragraph is matched by at least one row;
  * all rows matching a paragraph agree on the label;
  * no annotation (data-l / data-c attributes, "xx| " line prefixes) leaked into a page;
  * every `contains` is found with tags stripped both with and without inserted spaces
    (per paragraph and on the whole page text).
"""
import html
import json
import os
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"}
INLINE = {"a", "span", "strong", "em", "b", "i", "u", "small", "time", "abbr", "cite",
          "code", "mark", "sup", "sub", "img", "s", "q", "font", "label", "input", "data",
          "var", "kbd", "bdi", "bdo", "del", "ins", "picture", "source", "wbr", "br"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
INVISIBLE = {"script", "style", "template", "head", "noscript", "svg", "title"}


class Node:
    __slots__ = ("tag", "attrs", "kids", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.kids, self.parent = tag, dict(attrs), [], parent


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#doc", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.kids.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.kids.append(data)


def hidden(n):
    a = n.attrs
    return (n.tag in INVISIBLE or "hidden" in a
            or (a.get("aria-hidden") or "").strip().lower() == "true"
            or bool(re.search(r"display\s*:\s*none", a.get("style") or "", re.I)))


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


def paragraphs_html(text):
    tb = TreeBuilder()
    tb.feed(text)
    tb.close()
    out = []

    def walk(node):
        # returns nothing; collects paragraphs owned by `node` (a block)
        run_ns, run_sp = [], []

        def flush():
            ns, sp = fold("".join(run_ns)), fold("".join(run_sp))
            if ns:
                out.append({"ns": ns, "sp": sp})
            run_ns.clear()
            run_sp.clear()

        def inline(n):
            for k in n.kids:
                if isinstance(k, str):
                    run_ns.append(k)
                    run_sp.append(k)
                elif hidden(k):
                    continue
                elif k.tag == "br":
                    run_ns.append("\n")
                    run_sp.append("\n")
                elif k.tag in INLINE:
                    run_sp.append(" ")
                    inline(k)
                    run_sp.append(" ")
                else:
                    flush()
                    walk(k)
        inline(node)
        flush()

    walk(tb.root)
    return out


def regex_strip(text, sep):
    t = re.sub(r"(?is)<(script|style|head|template|svg|noscript)\b.*?</\1\s*>", " ", text)
    t = re.sub(r"<[^>]+>", sep, t)
    return fold(html.unescape(t))


def main():
    log = []
    errors = []
    rows = []
    with open(os.path.join(ROOT, "held-out.jsonl"), encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            r = json.loads(line)
            if set(r) != {"file", "contains", "label", "clear"}:
                errors.append("row %d: bad keys %s" % (i, sorted(r)))
            if r["label"] not in LABELS:
                errors.append("row %d: bad label %s" % (i, r["label"]))
            if not isinstance(r["clear"], bool):
                errors.append("row %d: clear not boolean" % i)
            rows.append(r)
    dup = [k for k, v in Counter((r["file"], r["contains"]) for r in rows).items() if v > 1]
    if dup:
        errors.append("duplicate rows: %s" % dup[:5])

    pages = sorted(f for f in os.listdir(ROOT)
                   if re.match(r"^u\d\d_.*\.(html|txt)$", f))
    byfile = defaultdict(list)
    for r in rows:
        byfile[r["file"]].append(r)
    for f in byfile:
        if f not in pages:
            errors.append("rows for missing page %s" % f)

    total_paras = 0
    label_counts = Counter()
    quote_rows = 0
    for f in pages:
        text = open(os.path.join(ROOT, f), encoding="utf-8").read()
        if f.endswith(".txt"):
            paras = [{"ns": fold(l), "sp": fold(l)} for l in text.splitlines() if l.strip()]
            if re.search(r"(?m)^(cr|bp|pr|fq|ot|ru|fb)\??\| ", text):
                errors.append("%s: label prefix leaked" % f)
            page_ns = page_sp = fold(text)
        else:
            paras = paragraphs_html(text)
            if re.search(r"data-[lc]=", text):
                errors.append("%s: data-l/data-c annotation leaked" % f)
            page_ns, page_sp = regex_strip(text, ""), regex_strip(text, " ")
        for p in paras:
            p["ns1"] = p["ns"].replace("\n", " ")
            p["ns0"] = fold(p["ns"].replace("\n", ""))
        total_paras += len(paras)
        frows = byfile.get(f, [])
        matched = defaultdict(set)
        for r in frows:
            c = r["contains"]
            n = len(c.split())
            hits = [i for i, p in enumerate(paras)
                    if c in p["ns1"] and c in p["sp"] and c in p["ns0"]]
            if not hits:
                errors.append("%s: row matches no paragraph: %r" % (f, c))
            if c not in page_ns or c not in page_sp:
                errors.append("%s: contains not found in tag-stripped page text: %r" % (f, c))
            if n > 12 or (n < 5 and not any(c == p["sp"] or c == p["ns1"] or c in p["ns"].split("\n") for i, p in enumerate(paras) if i in hits)):
                errors.append("%s: contains length %d and not a whole short text: %r" % (f, n, c))
            if re.search("['\"\u2018\u2019\u201c\u201d&]", c):
                quote_rows += 1
            for i, p in enumerate(paras):
                # case-insensitive substring test for label agreement
                lc = c.lower()
                if lc in p["ns1"].lower() or lc in p["sp"].lower() or lc in p["ns0"].lower():
                    matched[i].add(r["label"])
        for i, p in enumerate(paras):
            if i not in matched:
                errors.append("%s: paragraph not matched by any row: %r" % (f, p["sp"][:80]))
            elif len(matched[i]) > 1:
                errors.append("%s: conflicting labels %s for paragraph %r" % (f, sorted(matched[i]), p["sp"][:80]))
        lc = Counter(r["label"] for r in frows)
        label_counts.update(lc)
        log.append("%-55s paragraphs=%3d rows=%3d %s" % (f, len(paras), len(frows),
                   ", ".join("%s=%d" % kv for kv in sorted(lc.items()))))

    log.append("")
    log.append("pages: %d   rows: %d   extracted paragraphs: %d" % (len(pages), len(rows), total_paras))
    for k in sorted(LABELS):
        log.append("  %-22s %d" % (k, label_counts[k]))
    log.append("rows with clear=false: %d" % sum(1 for r in rows if not r["clear"]))
    log.append("rows whose contains has a quote, apostrophe or ampersand: %d" % quote_rows)
    if errors:
        log.append("")
        log.extend("ERROR " + e for e in errors)
        log.append("RESULT: FAIL (%d errors)" % len(errors))
    else:
        log.append("RESULT: PASS (0 errors)")
    out = "\n".join(log)
    print(out)
    with open(os.path.join(ROOT, "_tools", "check_output.log"), "w", encoding="utf-8") as fh:
        fh.write(out + "\n")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
