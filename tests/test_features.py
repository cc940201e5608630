"""The fast feature helpers say exactly what the regular expressions they replace say."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from detector.model.features import _digit_share, _first_person, _has_quote

# texts built from the pieces that decide the answers: the pronouns inside and outside words,
# apostrophes, quotes, ASCII and non-ASCII digits, underscores and accented letters
PIECES = st.sampled_from(
    [
        "I",
        "my",
        "we",
        "our",
        "It",
        "your",
        "were",
        "I'm",
        "I’m",
        "12",
        "٣",
        "５",
        "x",
        '"',
        "“",
        "”",
        " ",
        "\n",
        "é",
        "_",
        "'",
        "-",
        ".",
    ]
)
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_first_person_is_the_word_boundary_pattern(text):
    assert _first_person(text) == bool(re.search(r"\b(I|I'm|I’m|my|we|our)\b", text))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_digit_share_counts_every_unicode_digit(text):
    assert _digit_share(text) == len(re.findall(r"\d", text)) / max(len(text), 1)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_has_quote_is_the_quote_pattern(text):
    assert _has_quote(text) == bool(re.search(r"[\"“”]", text))


def test_the_helpers_can_say_no():
    assert not _first_person("flour and answers in your Islands")
    assert _first_person("Then we left.") and _first_person("I'm here") and _first_person("(my)")
    assert _digit_share("abc") == 0 and _digit_share("a1") == 0.5 and _digit_share("٣x") == 0.5
    assert not _has_quote("it's") and _has_quote("“quoted”")


NAME_TEXTS = st.lists(
    st.sampled_from(
        [
            "Mc",
            "Friday",
            "March",
            "Zürich",
            "Donald",
            "O'Neil",
            "x",
            "A",
            "Ab",
            "’",
            "'",
            "_",
            " ",
            ". ",
            "é",
            "É",
            "1",
            "Zz",
            "d'Art",
            "The",
            "Paris",
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(NAME_TEXTS | st.text(max_size=40))
def test_names_are_capitalised_words_not_preceded_by_a_word_character(text):
    from detector.signals._names import ENGLISH_STOP_WORDS, _at_sentence_start, capitalised_words, names_in

    calendar = {"january", "march", "may", "friday", "sunday"}
    words = [
        (m.group(), _at_sentence_start(text, m.start()))
        for m in re.finditer(r"(?<![\w’'])[^\W\d_]+(?:[’'][^\W\d_]+)?", text)
        if m.group()[0].isupper() and m.group()[1:2].islower()
    ]
    words = [(w, i) for w, i in words if w.lower() not in ENGLISH_STOP_WORDS | calendar]
    assert capitalised_words(text) == words
    assert names_in(text) == [w for w, initial in words if not initial]
    assert names_in(text, known={w for w, _ in words}) == [w for w, _ in words]


def test_names_skip_months_days_and_sentence_openers_the_page_never_names():
    from detector.signals._names import page_names

    texts = [
        "Prices rose on Friday, the Harlow council said in September.",
        "The chair, Élodie Marchand, said prices would fall. Marchand spoke on Monday.",
        "Lugano residents were not consulted. Zürich was.",
    ]
    names = page_names("Council raises prices", texts, [0, 1, 2]).of_block
    assert names[0] == ["Harlow"]  # not "Prices" (opens a sentence), "Friday" or "September"
    assert names[1] == [
        "Élodie",
        "Marchand",
        "Marchand",
    ]  # Unicode letters; a sentence opener named elsewhere
    assert names[2] == []  # sentence openers the page capitalises nowhere else


SOURCE_TEXTS = st.lists(
    st.sampled_from(
        [
            '"',
            "“",
            "”",
            ",",
            ".",
            "told",
            "tells",
            "Reuters",
            "the",
            "according to",
            "fans",
            "police",
            "said",
            "in",
            "an",
            "interview",
            "with",
            "Court documents",
            "He",
            "she",
            "spokesperson",
            "A long quoted sentence here",
            "reported",
            "AP",
            "Jane Doe",
            "the lawsuit",
            "wrote",
            "on",
            "Monday",
        ]
    ),
    max_size=14,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(SOURCE_TEXTS, min_size=1, max_size=4))
def test_each_way_of_naming_a_source_tried_where_its_words_are_finds_what_the_alternation_finds(texts):
    from detector.page.extract import Block, Page
    from detector.signals._sources import _NAMED_SOURCE, _search_source
    from detector.signals.context import build_context
    from detector.signals.rules import default_rules

    blocks = [Block(index=i, text=text or "x", kind="paragraph") for i, text in enumerate(texts)]
    ctx = build_context(
        Page(source="t", blocks=blocks, title=None, is_html=False, main_text_found=True),
        default_rules().index,
    )
    for i, block in enumerate(blocks):
        found, expected = _search_source(block.text, i, ctx.words), _NAMED_SOURCE.search(block.text)
        assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))
        assert (ctx[i].source is None) == (expected is None)


# --- pasted "People also ask" blocks and homonym drift ----------------------------------------------


def _page_rows(text: str) -> list[dict]:
    from detector.page.extract import extract_page
    from detector.scoring import extract_rows
    from detector.signals.rules import default_rules

    return [row[1] for row in extract_rows(extract_page(text, content_type="text"), default_rules())]


def test_a_question_run_says_how_many_of_its_questions_keep_the_expander_chevron():
    text = "\n".join(
        [
            "Pelican Mutual agrees merger with Harbour Savings",
            "Pelican Mutual members will vote on the merger in March, the society said on Tuesday.",
            "Pelican Mutual said no branch would close in the first year after the merger.",
            "Is Pelican Mutual safe? ›",
            "Savings are protected up to £85,000 per person by the compensation scheme.",
            "Do pelicans store fish in their pouch? ›",
            "No. They use the pouch as a net and swallow the fish straight away.",
            "Who owns Pelican Mutual?",
            "It is owned by its members.",
        ]
    )
    rows = _page_rows(text)
    assert [r.get("next_chevron", 0.0) for r in rows[2:8]] == [1.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    assert {r.get("run_chevrons", 0.0) for r in rows[3:9]} == {2 / 3}  # two of the run's three questions
    assert rows[1].get("run_chevrons", 0.0) == 0.0
    assert rows[4].get("prev_chevron", 0.0) == 1.0 and rows[8].get("prev_chevron", 0.0) == 0.0


def test_a_subject_name_written_as_a_common_word_marks_homonym_drift():
    text = "\n".join(
        [
            "Pelican Mutual agrees merger with Harbour Savings",
            "Pelican Mutual members will vote on the merger in March, the society said on Tuesday.",
            "Pelican Mutual said no branch would close in the first year after the merger.",
            "Brown pelicans dive from the air to catch fish, unlike most other pelicans.",
            "The merger needs the approval of three quarters of the members who vote.",
        ]
    )
    rows = _page_rows(text)
    assert [r.get("subject_as_word", 0.0) for r in rows] == [0.0, 0.0, 0.0, 1.0, 0.0]
    assert rows[3].get("subject_only_as_word", 0.0) == 1.0 and rows[1].get("subject_only_as_word", 0.0) == 0.0
    # once the page writes "pelicans", a sentence that starts with "Pelicans" names no other subject
    rows = _page_rows(text + "\nPelicans nest in colonies on islands.\nPelican Mutual was founded in 1866.")
    assert [r.get("subject_homonym_only", 0.0) for r in rows] == [0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0]


SUBJECT_TEXTS = st.lists(
    st.sampled_from(
        [
            "pelican",
            "pelicans",
            "Pelican",
            "x",
            " ",
            "-",
            "'",
            "’",
            "_",
            "é",
            "A",
            ".",
            "s",
            "3",
            "#",
            "@",
            "/",
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(SUBJECT_TEXTS)
@example("pelicans.pelican")  # "pelican" is no word of it: a prefix of "pelicans", then a web address's part
def test_subject_words_written_as_words_are_the_lower_case_words_of_the_text(text):
    from detector.signals._names import _written_as_words

    words = {"pelican", "pelicans"}
    # whole lower-case words: the run of letters is not cut short to pass the look-ahead
    assert _written_as_words(text, words) == words.intersection(
        re.findall(r"(?<![\w’'#@/.-])[a-z]+(?![a-z])(?!\.[^\W_])", text)
    )


def test_a_hashtag_or_web_address_of_the_subject_is_its_name_not_a_homonym():
    text = "\n".join(
        [
            "Pelican Mutual agrees merger with Harbour Savings",
            "Pelican Mutual members will vote on the merger in March, the society said on Tuesday.",
            "Pelican Mutual said no branch would close; #pelican trended, and pelican.example/merger has details.",
            "Pelican Mutual was founded in 1866 by dock workers.",
        ]
    )
    rows = _page_rows(text)
    assert not any(r.get("subject_as_word") or r.get("subject_homonym_only") for r in rows)


def test_the_rule_categories_hit_elsewhere_on_the_page_are_features_of_every_other_block():
    text = "\n".join(
        [
            "Rovers sign a new striker",
            "Kingsbridge Rovers have completed the signing of the striker, the club announced on Tuesday.",
            "Reviews: 86% of readers found this page helpful",
            "The striker scored 19 league goals last season for his previous club.",
        ]
    )
    rows = _page_rows(text)
    bio = "page_rulecat=fabricated_author_bio"
    assert (
        rows[2].get("rulecat=fabricated_author_bio", 0.0) >= 1.0
    )  # the fake engagement line fires a bio rule
    # one line of a kind says little of a page: no other block sees it
    assert not any(bio in row for row in rows)
    rows = _page_rows(text + "\nReviews: 91% of readers found this page helpful\nRating: 4.8/5 (213 votes)")
    # three of them: every block sees at least two elsewhere
    assert [r.get(bio, 0.0) for r in rows] == [1.0] * 6
    rows = _page_rows(text + "\nReviews: 91% of readers found this page helpful")
    # two of them: the others see both, each of the two sees only one other
    assert [r.get(bio, 0.0) for r in rows] == [1.0, 1.0, 0.0, 1.0, 0.0]
    without = _page_rows(
        text.replace("Reviews: 86% of readers found this page helpful", "Photo: Kingsbridge Rovers")
    )
    assert not any(bio in row for row in without)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8), st.integers(1, 6), st.integers(0, 2**16), st.integers(0, 2), st.booleans())
def test_a_group_of_blocks_is_compared_with_the_rest_of_the_body(n, m, seed, spread, windows):
    import numpy as np
    import scipy.sparse as sp

    from detector.signals._similarity import _group_cosines, _group_entries

    rng = np.random.default_rng(seed)
    dense = rng.random((n, m)) * (rng.random((n, m)) < 0.5)
    in_ref = rng.random(n) < 0.7
    body = dense[in_ref].sum(axis=0)
    if windows:  # block i in the windows i - spread .. i + spread
        first, n_groups = np.arange(n), n
        members = [np.abs(np.arange(n) - g) <= spread for g in range(n)]
    else:  # contiguous sections
        first = np.cumsum(rng.random(n) < 0.4)
        first -= first[0]
        n_groups, spread = int(first[-1]) + 1, 0
        members = [first == g for g in range(n_groups)]
    matrix = sp.csr_matrix(dense)
    rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
    entries = _group_entries(matrix, rows, first, n_groups, in_ref, spread=spread)
    got = _group_cosines(entries, n_groups, np.append(body, 0.0))  # the body's last column: words the
    left_out = rng.random(m) < 0.3  # vectors lack (the title's own); and with some words left out of both
    unnamed = _group_cosines(entries, n_groups, body, left_out=left_out)
    for g in range(n_groups):
        together, rest = dense[members[g]].sum(axis=0), body - dense[members[g] & in_ref].sum(axis=0)
        for cosine, kept in ((got, np.ones(m, dtype=bool)), (unnamed, ~left_out)):
            t, r = together * kept, rest * kept
            want = t @ r / np.linalg.norm(t) / np.linalg.norm(r) if t @ t > 0 and r @ r > 1e-12 else 0.0
            assert abs(cosine[g] - want) < 1e-9


def test_a_run_of_paragraphs_that_shares_only_a_name_with_the_page_stands_apart():
    from detector import extract_page
    from detector.signals.context import build_context

    text = "\n".join(
        [
            "Petrel Air cancels winter routes from Exeter",
            "Petrel Air will cancel five routes from Exeter airport this winter, the airline said on Monday.",
            "The airline blamed rising airport charges and weak winter bookings on the Exeter routes.",
            "Passengers booked on cancelled Petrel Air flights will be offered refunds or new routes.",
            "The storm petrel",
            "Storm petrels are small seabirds that feed over the waves and nest in burrows on islands.",
            "The seabirds return to their burrows only at night, to avoid gulls and skuas.",
            "About the airline",
            "Petrel Air flies turboprop aircraft on regional routes from Exeter and Newquay airport.",
        ]
    )
    page = extract_page(text.encode(), source="petrel.txt")
    ctx = build_context(page)
    on_topic, drift = [ctx[i] for i in (1, 2, 3, 8)], [ctx[i] for i in (5, 6)]
    for attr in ("sim_window", "sim_section", "sim_window_unnamed"):  # the run, its neighbours included
        assert max(getattr(b, attr) for b in drift) < min(getattr(b, attr) for b in on_topic), attr
    # with its neighbours, the run's first paragraph shares the name ("petrels") with the rest of the page and
    # nothing else; alone, it shares "seabirds" and "burrows" with the second
    assert ctx[5].sim_window_unnamed == 0.0 < ctx[5].sim_window
    assert 0.0 < ctx[5].sim_unnamed < ctx[1].sim_unnamed
    assert ctx[4].sim_section == ctx[5].sim_section == ctx[6].sim_section  # a heading belongs to its section


def test_a_low_similarity_bin_explains_a_drift_and_a_high_one_explains_nothing():
    from detector.report.explain import describe_feature

    assert (
        describe_feature("context__sim_section_bin=0")
        == "its section shares little with the rest of the page"
    )
    assert "beyond the subject's name" in describe_feature("context__sim_unnamed_bin=1")
    assert (
        describe_feature("context__sim_window_bin=3") is None
        and describe_feature("context__sim_bin=0") is None
    )


def test_a_title_word_the_page_mostly_writes_in_lower_case_is_a_common_word_not_a_homonym():
    # "Business" written as a name on two lines, in lower case on seven: more than three times as many
    lines = ["Business Focus: do you have what it takes?", "Business Focus starts with one question."]
    lines += [
        f"Step {i}: write down what your business sells and to whom, then cut the rest." for i in range(7)
    ]
    rows = _page_rows("\n".join(lines))
    assert not any(r.get("subject_as_word") or r.get("subject_homonym_only") for r in rows)
    # the same page with the word written in lower case on fewer lines: a namesake it may drift to
    rows = _page_rows("\n".join(lines[:6]))
    assert [bool(r.get("subject_as_word")) for r in rows] == [False, False, True, True, True, True]


def test_a_table_row_whose_first_cell_names_a_profile_field_is_a_field_line():
    from detector.page.extract import extract_page
    from detector.scoring import find_hits
    from detector.signals.rules import default_rules

    card = (
        "<table><tr><td>Full name</td><td>Corvin Aldous</td></tr><tr><td>Birthday</td><td>14 September 1986</td></tr>"
        "<tr><td>Telephone</td><td>+1 555 0143 772</td></tr><tr><td>Hobby</td><td>Kayaking, sourdough</td></tr></table>"
    )
    article = "<p>The watchmaker said its carbon figures had been checked by an outside auditor.</p>" * 3
    page = extract_page(
        f"<html><body><h1>Watch claims</h1>{article}{card}<p>Email | Facebook | Share</p></body></html>"
    )
    ctx, hits = find_hits(page, default_rules())
    rows = {block.text: i for i, block in enumerate(page.blocks)}
    assert ctx[rows["Birthday | 14 September 1986"]].field_name == "Birthday"
    assert ctx[rows["Birthday | 14 September 1986"]].field_run == 4
    assert "BIO_FIELD_RUN" in {hit.rule.id for hit in hits[rows["Hobby | Kayaking, sourdough"]]}
    assert ctx[rows["Email | Facebook | Share"]].field_name is None  # a paragraph, not a table row


_ROWS_OF_A_FARM_PAGE = """
import hashlib, sys
from pathlib import Path
from detector.page.extract import extract_page
from detector.signals.rules import default_rules
from detector.training.train import extract_rows
path = Path(sys.argv[1])
rows = extract_rows(extract_page(path.read_bytes(), source=str(path)), default_rules())
print(hashlib.sha256(repr([list(row[1].items()) for row in rows]).encode()).hexdigest())
"""


def test_feature_rows_do_not_depend_on_the_process_string_hashing():
    # the order of a row's keys is the order of a linear model's sums: a set's iteration order (which
    # changes with PYTHONHASHSEED) leaking into it made retraining differ from the committed model
    import os
    import subprocess
    import sys

    from detector.choices import CHECKOUT

    # a farm page whose rumour, FAQ and bio rules fire on several paragraphs each
    page = CHECKOUT / "seeds" / "pages" / "aj" / "aj03_eskbridge-rowing-coach-suspended.html"
    digests = {
        subprocess.run(
            [sys.executable, "-c", _ROWS_OF_A_FARM_PAGE, str(page)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(digests) == 1, digests
