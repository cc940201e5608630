"""Build the published bx pages and held-out.jsonl from the annotated sources.

  python3 _tools/build.py

* _src/<name>.html : data-l="label" attributes are stripped.
* _src/<name>.txt  : the leading "label| " (or "label?| ") of every line is stripped.
* held-out.jsonl   : one row per distinct paragraph text per page, with a
  "contains" window of 5-12 consecutive words (or the whole text when shorter)
  found in the paragraph both with tags removed by nothing and by a space, and
  not occurring (case-insensitively) in any paragraph of another label on the page.
stdlib only.
"""
import json
import os
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "_src")
sys.path.insert(0, HERE)
from paras import extract_file, LABELS  # noqa: E402

# file, kind, subject, namesake, markup
PAGES = [
    ("bx01_skylark-connect-grounds-fleet.html", "farm", "Regional airline Skylark Connect grounds its fleet after a maintenance audit",
     "the skylark (songbird): song flight, ground nesting in farmland", "WordPress (GeneratePress-style) + Rank Math FAQ block, Cookie Notice plugin, Simple Author Box"),
    ("bx02_perpetua-vance-prize-plagiarism.html", "farm", "Novelist Perpetua Vance wins a literary prize amid a plagiarism row",
     "the Vance family of 18th-century clockmakers", "Medium-style platform (hashed atomic classes, section/figure, claps, Written-by card)"),
    ("bx03_polar-pantry-ice-cream-recall.html", "farm", "Polar Pantry recalls ice cream over metal fragments",
     "the food store of a polar research station and its supply logistics", "Shopify blog (Dawn-like theme), JSON-LD FAQPage + button/div accordion"),
    ("bx04_desmond-achterberg-broken-leg.html", "farm", "Footballer Desmond Achterberg breaks his leg",
     "the Dutch village of Achterberg and its tower windmill", "Drupal 10 (field--name-body, views-row, EU Cookie Compliance), Related questions ul/li"),
    ("bx05_lumen-mobile-data-breach.html", "farm", "Mobile network Lumen Mobile hit by a data breach",
     "the lumen (unit of light) and choosing light bulbs", "Next.js (hashed CSS-module classes, __NEXT_DATA__), FAQ as dl, Bright ideas sidebar"),
    ("bx06_rosalind-quayle-closes-restaurant.html", "farm", "Chef Rosalind Quayle closes her flagship restaurant",
     "Quayle Island: tidal island, lighthouse, seal colony", "Wix (data-testid, wixui-rich-text), bold Q:/A: lines joined by br"),
    ("bx07_tumbletot-fined-safety-labels.html", "farm", "Toy maker Tumbletot fined for misleading safety labels",
     "the tumbler pigeon breed", "Ghost (Casper-like) with kg-toggle cards and a Disqus-like comment thread"),
    ("bx08_saltmarsh-link-ferry-cancelled.html", "farm", "Ferry route Saltmarsh Link cancelled",
     "saltmarsh ecology (samphire, wading birds)", "Blogger (post-body div-per-line with br), Did you know list, infobox table, Profile widget"),
    ("bx09_hamish-grayling-suspended.txt", "farm", "Councillor Hamish Grayling suspended",
     "the grayling (fish) and fly-fishing for it", "plain text: heading lines, Q./A. lines, author block with stats"),
    ("bx10_calder-mill-museum-reopens.html", "clean", "Museum reopens after roof repair (director, structural report)",
     "-", "regional newspaper CMS, newsroom Q&A, named spokesperson denial, staff bio card, one newsletter line"),
    ("bx11_thornby-fell-bus-saved.html", "clean", "Village bus service saved by a community fund",
     "-", "local news site, hedged estimate attributed to a named report, reader letters, What happens next list"),
    ("bx12_brackwater-waiting-list.txt", "clean", "Hospital trust waiting-list figures",
     "-", "plain text: attributed hedged claims, editorial Q&A, reporter bio"),
]

AVOID = set("'\"\u2018\u2019\u201c\u201d&")
DATA_L = re.compile(r"""\s+data-l=(?:"[^"]*"|'[^']*')""")
TXT_L = re.compile(r"^[a-z_]+\??\|[ ]?", re.M)


def publish(name):
    src = os.path.join(SRC, name)
    with open(src, encoding="utf-8") as f:
        data = f.read()
    if name.endswith(".txt"):
        out = TXT_L.sub("", data)
    else:
        out = DATA_L.sub("", data)
    with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
        f.write(out)


def choose_contains(p, others):
    """p: paragraph dict; others: list of lower-cased texts of other-label paragraphs."""
    text, text0 = p["text"], p["text0"]
    words = text.split(" ")

    def ok(c):
        if c not in text or c not in text0:
            return False
        lc = c.lower()
        return not any(lc in o for o in others)

    if len(words) < 5:
        return text if ok(text) else None
    def tidy(ws):
        return any(ch.isalnum() for ch in ws[0]) and any(ch.isalnum() for ch in ws[-1])

    cands = []
    for n in (8, 9, 7, 10, 6, 11, 12, 5):
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            ws = words[i:i + n]
            c = " ".join(ws)
            if not ok(c):
                continue
            # rank: no quotes/apostrophes/& first, then tidy word edges
            cands.append(((bool(set(c) & AVOID), not tidy(ws)), c))
            if not cands[-1][0][0] and not cands[-1][0][1]:
                return c
    if not cands:
        return None
    return min(cands, key=lambda t: t[0])[1]


def main():
    rows = []
    problems = []
    per_page = OrderedDict()
    for name, kind, *_ in PAGES:
        if not os.path.exists(os.path.join(SRC, name)):
            problems.append(f"{name}: source missing")
            continue
        publish(name)
        paras = extract_file(os.path.join(SRC, name), annotated=True)
        seen = OrderedDict()
        for p in paras:
            if p["label"] is None or p["label"] not in LABELS:
                problems.append(f"{name}: bad/mixed label {p['raw_labels']} :: {p['text'][:80]}")
                continue
            key = p["text"]
            if key in seen:
                if seen[key]["label"] != p["label"]:
                    problems.append(f"{name}: same text, two labels :: {key[:80]}")
                continue
            seen[key] = p
        uniq = list(seen.values())
        for p in uniq:
            others = []
            for q in uniq:
                if q["label"] != p["label"]:
                    others.append(q["text"].lower())
                    others.append(q["text0"].lower())
            c = choose_contains(p, others)
            if c is None:
                problems.append(f"{name}: no unique contains for [{p['label']}] {p['text'][:90]}")
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": bool(p["clear"])})
        per_page[name] = Counter(p["label"] for p in uniq)
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    total = Counter(r["label"] for r in rows)
    for name, c in per_page.items():
        print(name, sum(c.values()), dict(c))
    print("TOTAL", len(rows), dict(total))
    print("unclear rows:", sum(1 for r in rows if not r["clear"]))
    if problems:
        print("PROBLEMS:")
        for pr in problems:
            print("  " + pr)
        sys.exit(1)


if __name__ == "__main__":
    main()
