"""Build: strip annotations from _src/, write published pages, held-out.jsonl and README.md."""
import json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from extract import extract_file, LABELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "_src")
BAD = set("\"'\u2018\u2019\u201c\u201d&")

PAGES = [
    ("ac01_kestleford-runway-closure.html", "farm", "Regional airport runway closed for resurfacing",
     "Kestleford, a 1957 jazz album", "custom PHP CMS, story-body__inner, schema.org FAQPage microdata"),
    ("ac02_ormund-hummus-recall.html", "farm", "Supermarket chain recalls hummus over salmonella",
     "the Ormund, a legendary sea serpent", "Squarespace 7.1 (sqs-block, summary-item)"),
    ("ac03_dunmere-high-street-vote.html", "clean", "City council votes to pedestrianise high street",
     "-", "Drupal 9 (field--name-body, node__content, block-views)"),
    ("ac04_penhallow-coach-sacked.html", "farm", "Rugby club sacks head coach",
     "Penhallow, a Victorian steam locomotive", "WordPress + Elementor (accordion)"),
    ("ac05_ember-heat-pump-grant-paused.html", "farm", "Heat pump subsidy scheme paused",
     "Ember, a comic-strip dog", "React/Next + Tailwind, data-testid, role=button FAQ, JSON-LD Person"),
    ("ac06_calderbrook-graduation-thread.html", "farm", "University cancels graduation ceremony (forum thread)",
     "Calderbrook, a racehorse", "Reddit-like thread (thing, usertext-body, md)"),
    ("ac07_ethelind-festival-cancelled.html", "farm", "Music festival cancelled over ticket sales",
     "Queen Ethelind, a medieval queen", "Wix-like (comp- ids, font_7 spans, Q:/A: with br)"),
    ("ac08_ferry-crew-rescue.html", "clean", "Ferry crew rescued at sea",
     "-", "Bootstrap 4 local news site"),
    ("ac09_lisette-magnet-toy-recall.html", "farm", "Children's toy recalled for magnet risk",
     "Lisette Maroux, a ballet dancer", "Magento product/blog hybrid (product-info-main, blog-post-content)"),
    ("ac10_oriel-mansfield-leaves-channel.html", "farm", "TV weather presenter leaves channel",
     "Storm Oriel", "AMP (amp-img, amp-accordion, amp-social-share)"),
    ("ac11_quarrendon-canal-breach.txt", "farm", "Canal breach floods a village",
     "Quarrendon, a 1970s rock band", "plain text"),
    ("ac12_tillyards-bakery-award.txt", "clean", "Bakery wins national award",
     "-", "plain text"),
]


def strip_annotations(name, text):
    if name.endswith(".txt"):
        out = []
        for line in text.splitlines():
            if line.strip():
                out.append(line.split("|", 1)[1].lstrip(" ") if "|" in line else line)
            else:
                out.append("")
        return "\n".join(out).rstrip("\n") + "\n"
    return re.sub(r'\s+data-l="[^"]*"', "", text)


def candidates(words):
    if len(words) < 5:
        return [" ".join(words)]
    c = []
    alnum = lambda w: any(ch.isalnum() for ch in w)
    for n in (8, 7, 9, 6, 10, 5, 11, 12):
        if n > len(words):
            continue
        for i in range(0, len(words) - n + 1):
            c.append(" ".join(words[i:i + n]))
    c.sort(key=lambda s: (any(ch in BAD for ch in s), sum(not alnum(w) for w in s.split()),
                          not alnum(s.split()[0][0]), not alnum(s.split()[-1][-1])))
    return c


def pick(p, others):
    cands = candidates(p["space"].split())
    cands += [c for c in candidates(p["nothing"].split()) if c not in cands]
    for c in cands:
        cl = c.lower()
        if cl in p["space"].lower() and cl in p["nothing"].lower() and \
                not any(cl in o for o in others):
            return c
    return None


def main():
    rows, errors, counts, per_page, judgement = [], [], Counter(), {}, []
    for name, kind, *_ in PAGES:
        src = os.path.join(SRC, name)
        if not os.path.exists(src):
            errors.append("missing source " + name)
            continue
        with open(src, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            f.write(strip_annotations(name, text))
        paras, errs = extract_file(src, annotated=True)
        errors += ["%s: %s" % (name, e) for e in errs]
        distinct = {}
        for p in paras:
            if p["label"] not in LABELS:
                errors.append("%s: bad/missing label %r: %s" % (name, p["label"], p["space"][:70]))
                continue
            d = distinct.get(p["space"])
            if d:
                if d["label"] != p["label"]:
                    errors.append("%s: same text two labels: %s" % (name, p["space"][:70]))
                d["clear"] = d["clear"] and p["clear"]
            else:
                distinct[p["space"]] = dict(p)
        pc = Counter()
        for p in distinct.values():
            others = [q[k].lower() for q in distinct.values() if q["label"] != p["label"]
                      for k in ("space", "nothing")]
            c = pick(p, others)
            if c is None:
                errors.append("%s: no unique contains for [%s] %s" % (name, p["label"], p["space"][:80]))
                continue
            rows.append({"file": name, "contains": c, "label": p["label"], "clear": p["clear"]})
            counts[p["label"]] += 1
            pc[p["label"]] += 1
            if not p["clear"]:
                judgement.append((name, p["label"], p["space"]))
        per_page[name] = pc
    with open(os.path.join(ROOT, "held-out.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    write_readme(rows, counts, per_page, judgement)
    for e in errors:
        print("ERROR", e)
    print("rows", len(rows), dict(counts))
    return 1 if errors else 0


NOTES = os.path.join(SRC, "judgement_notes.txt")


def write_readme(rows, counts, per_page, judgement):
    short = {"credible": "cred", "boilerplate": "boil", "promotional": "promo", "scraped_faq": "faq",
             "off_topic": "off", "unsourced_rumour": "rumour", "fabricated_author_bio": "bio"}
    L = ["# Blind batch `ac`", "",
         "**WARNING: `_src/` holds the answers (annotated sources). Do not show it to the detector.**", "",
         "## Brief (summary)",
         "Twelve fictional English web pages (9 content-farm, 3 clean; 11 and 12 are plain text) for testing a",
         "paragraph-level detector of misinformation and SEO spam. Farm pages wrap 4-10 genuine, sourced",
         "paragraphs of a news story in filler (scraped FAQs, namesake drift, unsourced rumour, promotion,",
         "fabricated author bios) inside realistic site furniture. Clean pages are honest reporting with hard",
         "negatives (editorial Q&A, real staff bios, hedged claims attributed to named people, named denials,",
         "interviews, reader comments, one newsletter line labelled promotional). All names are invented.",
         "Labels: credible, boilerplate, promotional, scraped_faq, off_topic, unsourced_rumour,",
         "fabricated_author_bio. `held-out.jsonl` has one row per distinct paragraph text per page",
         "(`contains` = 5-12 consecutive words, or whole text if shorter; `clear` false = judgement call).", "",
         "Layout: `_src/` annotated sources (`data-l` attributes; `label| text` lines for .txt),",
         "`_tools/extract.py` (paragraph extractor), `_tools/build.py` (strips annotations, writes pages,",
         "held-out.jsonl and this README), `_tools/check.py` (checker; output in `_tools/check_output.log`).", "",
         "## Pages", "",
         "| file | type | subject | namesake | spam kinds | markup | rows |",
         "|---|---|---|---|---|---|---|"]
    for name, kind, subj, nm, markup in PAGES:
        pc = per_page.get(name, Counter())
        kinds = ", ".join(k for k in ("scraped_faq", "off_topic", "unsourced_rumour", "promotional",
                                       "fabricated_author_bio") if pc.get(k)) or "-"
        L.append("| %s | %s | %s | %s | %s | %s | %d |" % (name, kind, subj, nm, kinds, markup, sum(pc.values())))
    L += ["", "## Label counts (rows)", "", "| label | rows |", "|---|---|"]
    for k in sorted(LABELS):
        L.append("| %s | %d |" % (k, counts.get(k, 0)))
    L.append("| **total** | %d |" % sum(counts.values()))
    L += ["", "## Judgement calls (`clear: false`)", ""]
    if os.path.exists(NOTES):
        with open(NOTES, encoding="utf-8") as f:
            L += [f.read().strip(), ""]
    for name, lab, text in judgement:
        L.append("- %s - `%s`: %s" % (name, lab, text[:110] + ("..." if len(text) > 110 else "")))
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    sys.exit(main())
