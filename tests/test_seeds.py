"""The shipped model on the seed corpus: every clear label of the five original seeds is reproduced."""

import pytest

from detector.training.corpus import load_corpus, read_rows

from .conftest import SEEDS

#: Clear labels the shipped model misses in-sample, with why. Strict: a fixed one fails the run until removed.
KNOWN_MISSES: dict[str, str] = {}  # case id -> why the shipped model misses it (an xfail, strict)


def _seed_cases():
    pages = load_corpus([SEEDS / "labels.jsonl"])
    for labelled in pages:
        for index, (label, clear) in sorted(labelled.labels.items()):
            if clear:
                case = f"{labelled.path.name[:3]}-{index}-{label}"
                marks = (
                    [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case])]
                    if case in KNOWN_MISSES
                    else []
                )
                yield pytest.param(labelled, index, label, id=case, marks=marks)


CASES = list(_seed_cases())


def test_all_clear_seed_labels_are_covered():
    clear_rows = [r for r in read_rows(SEEDS / "labels.jsonl") if r["clear"]]
    assert len(CASES) >= len(clear_rows)


@pytest.fixture(scope="module")
def seed_reports(detector):
    return {lp.path: detector.score_page(lp.page) for lp in load_corpus([SEEDS / "labels.jsonl"])}


@pytest.mark.parametrize("labelled,index,label", CASES)
def test_clear_seed_label_reproduced(seed_reports, labelled, index, label):
    paragraph = seed_reports[labelled.path].paragraphs[index]
    assert paragraph.label == label, paragraph.text


def test_seed_verdicts(detector):
    verdicts = {
        p.name[:3]: detector.score(p.read_bytes(), source=p.name).verdict
        for p in sorted(SEEDS.glob("0*.txt"))
    }
    assert verdicts["000"] == verdicts["001"] == verdicts["002"] == "credible"
    assert verdicts["003"] == "spam"
    assert verdicts["004"] in ("suspicious", "spam")


def test_spam_flags_carry_rule_and_evidence(detector):
    report = detector.score((SEEDS / "003_aafa888a740008f5.txt").read_bytes(), source="003")
    bio = next(p for p in report.paragraphs if p.text.startswith("Reviews: 86%"))
    assert bio.label == "fabricated_author_bio"
    rules = {f.rule: f for f in bio.flags}
    # the rule fired: a flag if the model weighs it for the label in context, other evidence if against
    fired = {f.rule: f for f in (*bio.flags, *bio.other_evidence)}
    assert fired["ENGAGE_HELPFUL_PERCENT"].evidence == "86% of readers found this page helpful"
    assert all(f.score > 0 and f.category == bio.label for f in bio.flags)
    assert rules[None].category == "fabricated_author_bio" and rules[None].score >= 0.5
    evidence = rules[None].evidence
    assert "fabricated author bio rules fired" in evidence
    assert "=" not in evidence and "__" not in evidence  # moderator-readable, not internal feature names
    assert bio.credibility < 0.5


AUTHOR_BOX = """<!doctype html><html><head><title>Rovers sign a new striker</title></head><body>
<header><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav></header>
<article><h1>Rovers sign a new striker</h1>
<p>Kingsbridge Rovers have completed the signing of the striker from Harbourton City for an undisclosed fee,
the club announced on Tuesday evening after a medical at the training ground.</p>
<p>The 24-year-old scored 19 league goals last season and has signed a four-year contract, according to a
statement on the club's website. Manager Ellen Moss said he would add pace to the attack.</p>
<p>"He is exactly the player we needed," Moss told the Kingsbridge Chronicle. "He works hard and he scores."</p>
</article>
<div class="author-box">
<p>Author information</p><p>Name: Kieth Sipes</p><p>Birthday: 2001-04-14</p>
<p>Address: Suite 492 62479 Champlin Loop, South Catrice, MS 57271</p><p>Phone: +9663362133320</p>
<p>Job: District Sales Analyst</p><p>Hobby: Digital arts, Dance, Ghost hunting, Kayaking</p>
<p>Introduction: My name is Kieth Sipes, I am a zany, rich, courageous, powerful person who loves writing
and wants to share my knowledge and understanding with you.</p>
</div></body></html>"""


def test_author_box_bio_is_flagged(detector):
    report = detector.score(AUTHOR_BOX.encode(), source="author-box.html")
    box = [
        p
        for p in report.paragraphs
        if p.text.startswith(("Name:", "Birthday:", "Phone:", "Job:", "Introduction:"))
    ]
    assert len(box) == 5
    assert all(not p.in_main_text for p in box)
    assert all(p.label == "fabricated_author_bio" for p in box), [(p.text, p.label) for p in box]
    article = [p for p in report.paragraphs if p.in_main_text and len(p.text) > 80]
    assert article and all(p.label == "credible" for p in article)
