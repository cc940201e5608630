"""Page-level signals: hidden text and keyword stuffing, their evidence, their penalty, every interface."""

from __future__ import annotations

import json

import jsonschema
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.page import concealment
from detector.page.concealment import StyleSheet, find_concealed
from detector.page.extract import extract_page
from detector.report.review import build_review
from detector.report.schema import PageReport, PageSignal, published_schema
from detector.report.verdict import MAX_SIGNAL_PENALTY, SIGNAL_PENALTY, page_verdict
from detector.signals.page_signals import HIDDEN_TEXT, KEYWORD_STUFFING, find_signals
from detector.terminal import console, render_page

from .conftest import SEEDS, seed_page_files
from .test_review import inlined

PROSE = (
    "<h1>Council approves the new library budget</h1>"
    "<p>The city council voted on Tuesday to approve a budget for the new central library, ending a "
    "debate that had lasted most of the year. Councillors said the building would open in two years.</p>"
    "<p>The mayor said the vote was a good day for the city, and the library's director thanked the "
    "residents who had written to the council in support of the project over the summer.</p>"
    "<p>Opponents had argued that the money should go to road repairs, but the final vote was eleven "
    "to four, with two members absent. Work on the site is expected to begin in the spring.</p>"
)
KEYWORDS = (
    "cheap flights, cheap flights london, cheap flights paris, cheap flights rome, best cheap flights, "
    "cheap air tickets, last minute flights, flight deals, budget airlines, cheap holidays"
)


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Library budget</title>{head}</head><body>{PROSE}{body}</body></html>"


def signals_of(html: str) -> dict[str, str]:
    return {f.name: f.finding for f in find_signals(extract_page(html, source="test.html"))}


# --- hidden text -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "head", "technique"),
    [
        (f'<div style="display:none">{KEYWORDS}</div>', "", "display:none (inline style)"),
        (f'<div style="visibility: hidden">{KEYWORDS}</div>', "", "visibility:hidden (inline style)"),
        (
            f'<div class="kw">{KEYWORDS}</div>',
            "<style>.x{color:red} .kw { display : none }</style>",
            "rule .kw",
        ),
        (f'<p id="seo">{KEYWORDS}</p>', "<style>/* seo */ p#seo{font-size:0px}</style>", "font-size:0"),
        (f'<div style="position:absolute; left:-9999px">{KEYWORDS}</div>', "", "off-screen"),
        (f'<div style="text-indent:-10000px">{KEYWORDS}</div>', "", "off-screen"),
        (
            f'<div style="background-color:#FFF"><p style="color:white">{KEYWORDS}</p></div>',
            "",
            "colour of its background (#ffffff)",
        ),
        (f"<div hidden>{KEYWORDS}</div>", "", "hidden attribute"),
    ],
)
def test_a_hidden_keyword_list_is_a_signal(body, head, technique):
    found = signals_of(page(body, head))
    assert set(found) == {HIDDEN_TEXT}
    assert "list of 10 keywords" in found[HIDDEN_TEXT] and technique in found[HIDDEN_TEXT]
    assert not signals_of(page(body.replace(KEYWORDS, "Close"), head))  # the same element with a label


def test_the_same_keywords_shown_are_no_hidden_text():
    assert HIDDEN_TEXT not in signals_of(page(f"<div>{KEYWORDS}</div>"))
    # a rule inside @media hides for a screen size (layout), and a complex selector is not read
    media = "<style>@media (max-width: 600px) { .kw { display: none } } div > .kw{display:none}</style>"
    assert HIDDEN_TEXT not in signals_of(page(f'<div class="kw">{KEYWORDS}</div>', media))


def test_hidden_repetition_is_a_signal():
    found = signals_of(page('<p style="font-size:0">' + "cheap viagra online " * 12 + "</p>"))
    assert "repeats 'cheap'" in found[HIDDEN_TEXT] or "repeats 'viagra'" in found[HIDDEN_TEXT]


def test_hidden_links_to_other_sites_are_a_signal_and_the_sites_own_are_not():
    words = ["poker", "slots", "loans", "pills", "bets", "odds", "jackpot", "roulette", "payday", "credit"]
    links = "".join(f'<a href="https://casino{i}.example/">{word}</a> ' for i, word in enumerate(words))
    found = signals_of(page(f'<div style="display:none">{links}</div>'))
    assert "hides 10 links to other sites" in found[HIDDEN_TEXT]
    own = "".join(f'<a href="/story/{i}">A story about the town hall number {i}</a> ' for i in range(30))
    assert not signals_of(page(f'<div style="display:none">{own}</div>'))


def test_a_hidden_article_is_a_signal_unless_the_page_shows_it():
    hidden = "<p>" + " ".join(["Many different words about buying things online today."] * 80) + "</p>"
    assert "hides" in signals_of(page(f'<div style="display:none">{hidden}</div>'))[HIDDEN_TEXT]
    # a hidden copy of the page's own text (a layout for another screen) is not
    assert not signals_of(page(f'<div style="display:none">{PROSE * 12}</div>'))


BENIGN = {
    "sr-only skip link": '<a class="sr-only" href="#main">Skip to content</a>',
    "visually-hidden labels": '<a href="https://x.example/">Share<span class="visually-hidden">, opens in a '
    "new window, link to another site, external</span></a>" * 3,
    "hidden mobile menu": '<div class="mobile-menu" style="display:none"><ul>'
    + "".join(f'<li><a href="https://other{i}.example/">Section {i}</a></li>' for i in range(20))
    + "</ul></div>",
    "hidden nav": f'<nav hidden><ul><li><a href="/a">{KEYWORDS}</a></li></ul></nav>',
    "cookie banner": '<div id="cookie-consent" style="display:none"><p>We use cookies, analytics, ads, '
    "personalisation, preferences, statistics, marketing, security, sessions, logins.</p></div>",
    "modal dialog": f'<div role="dialog" aria-hidden="true">{KEYWORDS}</div>',
    "collapsed FAQ prose": '<div class="faq"><h3>When will it open?</h3><div class="answer" '
    'style="display:none"><p>'
    + "The library should open in two years if the works go to plan. " * 40
    + "</p></div></div>",
    "template": f"<template><div>{KEYWORDS}</div></template>",
    "noscript": f"<noscript>{KEYWORDS}</noscript>",
    "json in a script": f'<script type="application/json">{json.dumps(KEYWORDS.split(","))}</script>',
}


@pytest.mark.parametrize("name", sorted(BENIGN))
def test_benign_hidden_text_is_no_signal(name):
    assert not signals_of(page(BENIGN[name]))


# --- keyword stuffing --------------------------------------------------------------------------------------


def test_a_repeated_phrase_is_keyword_stuffing():
    stuffed = "".join(
        f"<p>Looking for the best plumber in Leeds? Our best plumber in Leeds team is the best plumber in "
        f"Leeds for {job}. Call the best plumber in Leeds today.</p>"
        for job in ("leaks", "boilers", "drains", "radiators", "toilets", "showers", "taps", "pipes")
    )
    found = signals_of(page(stuffed))
    assert set(found) == {KEYWORD_STUFFING}
    assert "'best plumber in leeds' 32 times" in found[KEYWORD_STUFFING]


def test_a_list_of_keywords_is_keyword_stuffing():
    towns = ["Leeds", "York", "Bradford", "Wakefield", "Harrogate", "Halifax", "Huddersfield", "Selby"]
    listed = ", ".join(f"plumber {town}" for town in towns * 3)
    assert "24 keywords, 24 of them with 'plumber'" in signals_of(page(f"<p>{listed}</p>"))[KEYWORD_STUFFING]
    places = ", ".join(towns * 6)  # 48 places, no shared word: still a keyword list
    assert "list of 48 keywords" in signals_of(page(f"<p>{places}</p>"))[KEYWORD_STUFFING]
    # a menu's items separated by pipes, and a short list of places in a story, are not
    assert not signals_of(page(f"<p>{' | '.join(towns * 6)}</p>"))
    assert not signals_of(page(f"<p>The tour visits {', '.join(towns)}.</p>"))


SEED_SAMPLE = [
    *sorted(SEEDS.glob("*.txt")),
    *sorted(SEEDS.glob("*.html")),
    *seed_page_files(SEEDS / "pages", stride=15),
]


@pytest.mark.parametrize("path", SEED_SAMPLE, ids=lambda p: p.name)
def test_no_signal_on_seed_pages(path):
    assert not find_signals(extract_page(path.read_bytes(), source=str(path)))


def test_the_seed_sample_holds_the_five_seed_pages_and_html():
    assert len(list(SEEDS.glob("*.txt"))) == 5 and sum(p.suffix == ".html" for p in SEED_SAMPLE) >= 40


# --- bounds ------------------------------------------------------------------------------------------------


def test_a_hostile_page_is_read_within_its_caps():
    hidden = '<span style="display:none">cheap, pills, casino, loans</span>' * 100_000
    tree = lxml.html.document_fromstring(f"<html><body>{hidden}</body></html>")
    found = find_concealed(tree)
    assert len(found) == concealment.MAX_REGIONS  # the rest is not read
    assert sum(len(region.text) for region in found) <= concealment.MAX_CONCEALED_CHARS
    # the walk stops at MAX_ELEMENTS: a list hidden after 100,000 visible elements is never reached
    visible = "<i>x</i>" * 100_000
    tree = lxml.html.document_fromstring(
        f'<html><body>{visible}<div hidden="">{KEYWORDS}</div></body></html>'
    )
    assert find_concealed(tree) == []


def test_a_huge_style_sheet_is_read_within_its_caps():
    sheet = StyleSheet()
    sheet.add("".join(f".k{i}{{display:none}}" for i in range(200_000)))
    assert sheet.count == concealment.MAX_STYLE_RULES
    assert sheet.chars <= concealment.MAX_STYLE_CHARS
    sheet.add(".late{display:none}")  # over the budget: not read
    assert ".late" not in sheet.rules
    unbalanced = StyleSheet()
    unbalanced.add("{" * 100_000 + ".a{display:none}" + "}" * 100_000)
    assert unbalanced.count == 0  # a rule nested in braces is no top-level rule


# --- the report --------------------------------------------------------------------------------------------


def test_a_signal_lowers_the_page_credibility_and_says_so(detector):
    clean = detector.score(page(""), source="clean.html")
    hidden = detector.score(page(f'<div style="display:none">{KEYWORDS}</div>'), source="hidden.html")
    assert clean.signals == [] and [s.name for s in hidden.signals] == [HIDDEN_TEXT]
    assert hidden.paragraphs == clean.paragraphs  # hidden text is no paragraph
    (signal,) = hidden.signals
    assert signal.penalty == SIGNAL_PENALTY and f"lowered by {SIGNAL_PENALTY:.0%}" in signal.reason
    assert "cheap flights" in signal.evidence and len(signal.evidence) <= 240
    assert hidden.credibility == pytest.approx(clean.credibility * (1 - SIGNAL_PENALTY), abs=1e-3)
    assert clean.verdict == "credible" and hidden.verdict == "suspicious"


def test_the_penalties_are_bounded():
    from detector.report.verdict import signal_penalties
    from detector.signals.page_signals import Finding

    signals = signal_penalties([Finding(HIDDEN_TEXT, "x", "a"), Finding(KEYWORD_STUFFING, "y", "b")])
    assert [s.penalty for s in signals] == pytest.approx(
        [SIGNAL_PENALTY, MAX_SIGNAL_PENALTY - SIGNAL_PENALTY]
    )
    assert page_verdict([], signals=signals)[:2] == (round(1 - MAX_SIGNAL_PENALTY, 4), "suspicious")
    assert page_verdict([])[:2] == (1.0, "credible")


def test_the_schema_round_trips_and_old_reports_validate(detector):
    report = detector.score(page(f'<p style="font-size:0">{KEYWORDS}</p>'), source="x.html")
    data = json.loads(report.model_dump_json())
    jsonschema.validate(data, published_schema())
    assert PageReport.model_validate_json(report.model_dump_json()) == report
    assert data["signals"][0]["name"] == HIDDEN_TEXT
    del data["signals"]  # a report written before signals
    jsonschema.validate(data, published_schema())
    assert PageReport.model_validate(data).signals == []
    with pytest.raises(ValueError):
        PageSignal(name="cloaking", reason="r", evidence="e", penalty=0.2)


def test_every_interface_shows_the_signals(detector, tmp_path):
    report = detector.score(page(f'<div class="kw">{KEYWORDS}</div>', "<style>.kw{display:none}</style>"))
    out = console(color="never")
    with out.capture() as captured:
        out.print(render_page(report))
    assert "signal hidden_text: The page hides a list of 10 keywords" in captured.get()
    assert "evidence: cheap flights" in captured.get()
    results = tmp_path / "results.jsonl"
    results.write_text(report.model_dump_json() + "\n", encoding="utf-8")
    html = inlined(build_review(results, tmp_path / "review.html").out.read_text(encoding="utf-8"))
    doc = lxml.html.document_fromstring(html)
    (shown,) = doc.xpath("//p[@data-signal='hidden_text']")
    assert "lowered by 20%" in shown.text_content() and "cheap flights" in shown.text_content()
    assert doc.xpath("//span[@data-signals='hidden_text']")


def _most_repeated_phrase_by_counting_every_gram(words: list[str]) -> tuple[float, str, int] | None:
    """The keyword-stuffing choice made the plain way: every n-gram of the page counted (the oracle)."""
    from collections import Counter

    from detector.signals import page_signals as ps
    from detector.signals._names import ENGLISH_STOP_WORDS

    words = ps._WORD.findall(" ".join(words).lower())  # the words as the page's prose gives them
    if len(words) < ps.MIN_PAGE_WORDS:
        return None
    best = None
    for n in (1, 2, 3, 4):
        counts = Counter(
            " ".join(gram)
            for gram in zip(*(words[i:] for i in range(n)))
            if gram[0] not in ENGLISH_STOP_WORDS and gram[-1] not in ENGLISH_STOP_WORDS
        )
        if not counts:
            continue
        phrase, count = counts.most_common(1)[0]
        share = count * n / len(words)
        least, least_share = (
            (ps.MIN_WORD_REPEATS, ps.MIN_WORD_SHARE)
            if n == 1
            else (ps.MIN_PHRASE_REPEATS, ps.MIN_PHRASE_SHARE)
        )
        if count >= least and share >= least_share and (best is None or share > best[0]):
            best = (share, phrase, count)
    return best


_FILLER = st.sampled_from(
    [f"filler{chr(97 + k)}" for k in range(26)] + ["the", "of", "and", "a", "to", "cheap", "london"]
)


@st.composite
def _stuffed_pages(draw) -> list[str]:
    """Pages of 150 words and more: a phrase of one to four words repeated 5 to 30 times among filler
    words, some of which repeat too (so the most repeated phrase and its share vary around the limits)."""
    phrase = draw(
        st.lists(
            st.sampled_from(["cheap", "flights", "london", "the", "of", "deals"]), min_size=1, max_size=4
        )
    )
    words: list[str] = []
    for _ in range(draw(st.integers(min_value=5, max_value=30))):
        words.extend(phrase)
        words.extend(draw(st.lists(_FILLER, max_size=20)))
    short = max(0, 150 - len(words))
    words.extend(draw(st.lists(_FILLER, min_size=short, max_size=short + 50)))
    return words


@settings(max_examples=300, deadline=None)
@given(_stuffed_pages(), st.integers(min_value=1, max_value=40))
def test_keyword_stuffing_finds_the_phrase_counting_every_gram_finds(words, block_words):
    from detector.signals.page_signals import keyword_stuffing

    blocks = [("paragraph", " ".join(words[i : i + block_words])) for i in range(0, len(words), block_words)]
    expected = _most_repeated_phrase_by_counting_every_gram(words)
    found = keyword_stuffing(blocks)
    if expected is None:
        assert found is None
    else:
        _share, phrase, count = expected
        assert found is not None and f"repeats {phrase!r} {count} times" in found.finding
