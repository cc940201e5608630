#!/usr/bin/env python3
"""Build the published pages, held-out.jsonl and README.md from _src/ (stdlib only).

  python3 _tools/build.py

* strips data-l="..." annotations from HTML sources and "label| " prefixes
  from text sources, writing the published pages into the batch folder;
* extracts the labelled paragraphs from the sources and writes one
  held-out.jsonl row per distinct paragraph text of each page, with a
  "contains" snippet of 5-12 consecutive words that appears in the paragraph
  (tags removed with nothing and with a space) and in no paragraph of another
  label on the same page;
* writes README.md (table of pages, label counts, judgement calls).
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = os.path.dirname(HERE)
SRC = os.path.join(BATCH, "_src")
sys.path.insert(0, HERE)
from extract import extract_file, LINE_LABEL  # noqa: E402

PREFIX = "ae"
LABELS = ["credible", "boilerplate", "promotional", "scraped_faq", "off_topic",
          "unsourced_rumour", "fabricated_author_bio"]

# file -> (farm/clean, subject, namesake, markup)
MANIFEST = {
    "ae01_brenna-water-hosepipe-ban.html": (
        "farm", "Brenna Water (England) hosepipe ban in a drought",
        "Hurricane Brenna (2009 Atlantic storm)",
        "Drupal 10 / Olivero-style (field--name-body, block-views, EU cookie banner)"),
    "ae02_pemberton-lowe-withdraws-vellapuram.html": (
        "farm", "GM Idris Pemberton-Lowe withdraws from the Vellapuram Masters (India)",
        "Idris Pemberton-Lowe, 19th-century Welsh poet",
        "Discourse forum thread (post cards, cooked bodies, user cards with post counts)"),
    "ae03_vantmoor-calcium-battery.html": (
        "farm", "University of Vantmoor (Canada) calcium-ion battery research",
        "asteroid 20331 Vantmoor",
        "Substack-like newsletter post (subscribe widgets, paywall, comments)"),
    "ae04_port-ardley-cycle-network-approved.html": (
        "clean", "Port Ardley (NZ) council approves a cycleway network", "-",
        "Tailwind utility classes, Next.js-style (__next, __NEXT_DATA__), custom elements"),
    "ae05_kestrel-stadium-tour-postponed.html": (
        "farm", "Pop singer Kestrel postpones stadium tour (Philippine site)",
        "Kestrel, video-game character in Emberfall Chronicles",
        "Wix-like (deeply nested divs, generated class names, wixui rich text)"),
    "ae06_larkspur-pharmacy-data-breach.html": (
        "farm", "Larkspur Pharmacy (Ireland) customer data breach",
        "Larkspur Grotesk typeface",
        "Bootstrap 5 (cards, collapse accordion) + Medium-like post (claps, followers)"),
    "ae07_gullholm-lighthouse-restoration.txt": (
        "farm", "Gullholm Light restoration on a small Scottish island",
        "Gullholm outboard motors (brand)", "plain text"),
    "ae08_riverhawks-relocation-castleford.html": (
        "farm", "Millbrook Riverhawks minor-league team relocating (US)",
        "Riverhawk, racehorse",
        "old table-based layout with <font>, <center>, hit counter"),
    "ae09_marula-court-eviction-ruling.html": (
        "clean", "High Court ruling on illegal evictions at Marula Court (South Africa)", "-",
        "Ghost CMS (gh-article, kg-card image/callout/toggle cards, portal script, gh-author box)"),
    "ae10_vallorca-spyder-auction-record.html": (
        "farm", "Record auction price for a 1961 Vallorca Spyder (Singapore)",
        "the Vallorca cocktail",
        "Blogger/Blogspot (post-body entry-content, sidebar widgets)"),
    "ae11_tallowmere-wildfire-evacuation.html": (
        "farm", "Wildfire evacuation of the hill town of Tallowmere (Australia)",
        "Tallowmere Pass, a mountain pass",
        "AMP page (amp-img, amp-accordion FAQ, schema.org FAQPage microdata)"),
    "ae12_harlan-creek-library-fine-amnesty.txt": (
        "clean", "Harlan Creek Public Library late-fee amnesty (US)", "-", "plain text"),
}

BAD_CHARS = set("\"'&\u2018\u2019\u201c\u201d")
ANNOT = re.compile(r'\s+data-l="[^"]*"')


def strip_source(name, text):
    if name.endswith(".txt"):
        out = []
        for line in text.splitlines():
            if not line.strip():
                out.append("")
                continue
            m = LINE_LABEL.match(line)
            out.append(m.group(2) if m else line)
        return "\n".join(out) + "\n"
    return ANNOT.sub("", text)


def pick_contains(para, others):
    """Choose 5-12 consecutive words of para absent from other-label paragraphs."""
    words = para["text"].split(" ")
    t0, t1 = para["text0"], para["text"]
    low_others = [o.lower() for o in others]

    def ok(c):
        if c not in t0 or c not in t1:
            return False
        cl = c.lower()
        return not any(cl in o for o in low_others)

    if len(words) < 5:
        return t1 if ok(t1) else None
    for strict in (True, False):
        for n in (8, 7, 9, 6, 10, 5, 11, 12):
            for s in range(0, len(words) - n + 1):
                c = " ".join(words[s:s + n])
                if strict and (any(ch in BAD_CHARS for ch in c)
                               or not any(ch.isalnum() for ch in words[s])
                               or not any(ch.isalnum() for ch in words[s + n - 1])):
                    continue
                if ok(c):
                    return c
    return None


def main():
    errors = []
    rows = []
    counts = {}
    judgement = []
    for name in sorted(os.listdir(SRC)):
        if not name.startswith(PREFIX):
            continue
        path = os.path.join(SRC, name)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        with open(os.path.join(BATCH, name), "w", encoding="utf-8") as fh:
            fh.write(strip_source(name, text))
        paras = extract_file(path, annotated=True)
        distinct = collections.OrderedDict()
        for p in paras:
            lab = p["label"]
            if lab is None or lab.rstrip("?") not in LABELS:
                errors.append(f"{name}: bad label {lab!r} on: {p['text'][:80]}")
                continue
            if p["text"] in distinct and distinct[p["text"]]["label"].rstrip("?") != lab.rstrip("?"):
                errors.append(f"{name}: same text, two labels: {p['text'][:80]}")
            distinct.setdefault(p["text"], p)
        c = collections.Counter(p["label"].rstrip("?") for p in distinct.values())
        counts[name] = c
        for p in distinct.values():
            base = p["label"].rstrip("?")
            others = []
            for q in paras:
                if q["label"] and q["label"].rstrip("?") != base:
                    others += [q["text"], q["text0"]]
            cont = pick_contains(p, others)
            if cont is None:
                errors.append(f"{name}: no unique snippet for [{base}] {p['text'][:90]}")
                continue
            clear = not p["label"].endswith("?")
            if not clear:
                judgement.append((name, base, p["text"]))
            rows.append({"file": name, "contains": cont, "label": base, "clear": clear})
    with open(os.path.join(BATCH, "held-out.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    write_readme(counts, judgement)
    for e in errors:
        print("ERROR:", e)
    total = sum(sum(c.values()) for c in counts.values())
    print(f"built {len(counts)} pages, {len(rows)} rows, {total} distinct paragraphs, "
          f"{len(errors)} errors")
    return 1 if errors else 0


JUDGEMENT_NOTES = [
    "Cookie/consent buttons (Accept, Reject) are boilerplate, not promotional: they ask for consent, not for a purchase or sign-up.",
    "Forum sign-up/log-in buttons in the Discourse header (ae02) are boilerplate? (site furniture, though they invite joining).",
    "Affiliate disclosure lines next to affiliate links are labelled promotional? (they belong to the pitch).",
    "Ordinary forum members' user cards (join date, post counts) on ae02 are boilerplate?; the bot account's inflated card with badges and ratings is fabricated_author_bio.",
    "Reader comments and readers' letters on the clean pages are credible (opinions, not unsourced claims); one that retells hearsay only to knock it down is credible?.",
    "On-topic FAQ questions whose answers restate the story (ae01, ae03, ae05...) are scraped_faq; once a question turns to the namesake, both question and answer are off_topic; the section heading stays scraped_faq.",
    "Engagement lines beside a farm byline (claps, followers, star ratings, subscriber counts) are fabricated_author_bio.",
    "A photo caption on a farm page that describes the story is credible.",
    "Headings of rumour boxes ('Between you and me', 'What people are saying', 'Paddock Whispers', 'HOT STOVE RUMOR MILL') carry the rumour label, like FAQ headings carry scraped_faq.",
    "'Advertisement' labels are boilerplate; the ad or affiliate content they introduce is promotional.",
    "The Medium-like 'Member-only story' badge (ae06) is promotional? (a paywall marker that sells membership).",
    "Post-level engagement counts under a farm byline (Substack likes/restacks, ae03) and a blog Followers widget (ae10) are fabricated_author_bio? (fake engagement stats next to the author).",
    "Blogger's 'View my complete profile' link and 'Posted by ... at ...' footer are boilerplate; the profile text with invented credentials is fabricated_author_bio.",
    "On clean pages the honest byline, dateline, staff bio, editorial Q&A, interview and readers' letters are credible; exactly one newsletter line is promotional.",
]

PLACEMENT = {
    "ae01": "promo before article; rumours and coupon inside body; dl 'People also ask' in sidebar; h3+p FAQ drifting to the hurricane after; Faker-UK author list after; JSON-LD FAQPage",
    "ae02": "rumour banner before thread; details/summary FAQ drifting to the poet inside post 1; rumour, promo and drift as reply posts; bot user card with badges; user cards with post counts",
    "ae03": "li Q+A FAQ (asteroid drift) mid-body; rumour subsection inside; webinar, subscribe widgets, paywall; third-person bio box; rumour comments; JSON-LD Person",
    "ae04": "clean: faq-item editorial Q&A, author-card staff bio, interview Q&A, spokesperson denial, attributed business-case claim, comments, one newsletter line",
    "ae05": "rumour strip before article; rumour and coupon inside; table FAQ drifting to the game character after; adjective-list bio + badges; app banner in side column",
    "ae06": "rhetorical rumour and VPN affiliate card inside; Bootstrap accordion FAQ with FAQPage microdata drifting to the typeface; Person microdata author card; claps/followers; membership paywall",
    "ae07": "plain text: coupon near top; rumours between story lines; 'Q: ... A: ...' one-line FAQ drifting to outboard motors; Faker profile lines; donate + newsletter lines",
    "ae08": "webmaster A/S/L card and ticket ad in left column; rumours inside; bold Q:/A: FAQ in one <p> (on-topic) and another <p> drifting to the racehorse; rumour mill in right column",
    "ae09": "clean: kg-toggle editorial Q&A, gh-author staff bio, judgment quotes, spokesperson denial of demolition rumour, municipal report hedged, tenant interview, readers' letters, one newsletter line",
    "ae10": "rumours inside post; <br>-joined Q/A FAQ then <br>-joined cocktail drift; email-capture promo; Profile widget bio and stats in sidebar; rumour widget; rumour and spam in comments (dl)",
    "ae11": "amp-accordion FAQ with FAQPage microdata before the article, drifting to the mountain pass; rumours inside and after; affiliate, donate appeal, app promo; star-rated bio box",
    "ae12": "clean plain text: editorial 'what to know' Q&A lines, staff bio, board-president denial of closure rumour, attributed report figures, patron interview, reader comments, one newsletter line",
}



def write_readme(counts, judgement):
    lines = []
    lines.append("# Batch ae: blind labelled web pages\n")
    lines.append("> **WARNING: `_src/` holds the answers (annotated sources). `held-out.jsonl` is the answer key. "
                 "Do not show either to the detector under test.**\n")
    lines.append("## Brief (summary)\n")
    lines.append(
        "Twelve fictional English web pages for testing a paragraph-level detector of misinformation and SEO spam: "
        "9 content-farm pages (a genuine-looking sourced news story padded with scraped FAQs, namesake drift, unsourced "
        "rumour, fabricated author bios, promotions and page furniture) and 3 clean pages (honest journalism with hard "
        "negatives: an editorial FAQ, a real staff bio, attributed hedged claims, a named spokesperson denying rumours, "
        "interviews, reader comments, one newsletter line). Two pages are plain text (one farm, one clean). Every "
        "paragraph carries one of seven labels: credible, boilerplate, promotional, scraped_faq, off_topic, "
        "unsourced_rumour, fabricated_author_bio. All people, companies, places, outlets and namesakes are invented.\n")
    lines.append("Layout: `_src/` annotated sources (`data-l` attributes, `label| text` lines; a trailing `?` marks a "
                 "judgement call); `_tools/` build script, extractor and checker (stdlib Python); published pages in "
                 "this folder; `held-out.jsonl` one row per distinct paragraph.\n")
    lines.append("Rebuild and check: `python3 _tools/build.py && python3 _tools/check.py` (output kept in "
                 "`_tools/check_output.log`).\n")
    lines.append("## Pages\n")
    lines.append("| file | type | subject | namesake | spam kinds | markup |")
    lines.append("|---|---|---|---|---|---|")
    for name, (kind, subj, ns, markup) in MANIFEST.items():
        c = counts.get(name, {})
        kinds = [k for k in ("scraped_faq", "off_topic", "unsourced_rumour",
                             "fabricated_author_bio", "promotional") if c.get(k)]
        lines.append(f"| {name} | {kind} | {subj} | {ns} | {', '.join(kinds)} | {markup} |")
    lines.append("")
    lines.append("### Spam shapes and placement\n")
    for name in MANIFEST:
        lines.append(f"- `{name}`: {PLACEMENT[name[:4]]}")
    lines.append("")
    lines.append("## Label counts (distinct paragraphs)\n")
    lines.append("| file | " + " | ".join(LABELS) + " | total |")
    lines.append("|---|" + "---|" * (len(LABELS) + 1))
    tot = collections.Counter()
    for name in MANIFEST:
        c = counts.get(name, collections.Counter())
        tot.update(c)
        lines.append(f"| {name} | " + " | ".join(str(c.get(l, 0)) for l in LABELS)
                     + f" | {sum(c.values())} |")
    lines.append("| **total** | " + " | ".join(str(tot.get(l, 0)) for l in LABELS)
                 + f" | {sum(tot.values())} |")
    lines.append("")
    lines.append("## Judgement calls\n")
    for n in JUDGEMENT_NOTES:
        lines.append(f"- {n}")
    lines.append("")
    lines.append("Paragraphs marked unclear (`clear: false`):\n")
    for name, lab, text in judgement:
        short = text if len(text) < 110 else text[:107] + "..."
        lines.append(f"- `{name}` {lab}: {short}")
    lines.append("")
    with open(os.path.join(BATCH, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
