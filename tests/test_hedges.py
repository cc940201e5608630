"""The rumour register and the page-credibility discount it drives."""

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from detector.report.verdict import (
    DECIDED_CREDIBILITY,
    RUMOUR_REGISTER_DISCOUNT,
    page_verdict,
    register_discount,
)
from detector.signals._prefilter import fold_case
from detector.signals.hedges import (
    _QUANTIFIER,
    _RUMOUR,
    _WEASEL,
    _WEASEL_WORDS,
    QUANTIFIER,
    RUMOUR,
    WEASEL,
    WEASEL_WORDS,
    count_sentences,
    rumour_register,
    sentences,
    weasel_share,
    weasel_word,
)

SOBER = [
    "The city council approved the 2027 budget on Tuesday by a vote of seven to two.",
    "The plan adds 40 bus drivers and repairs the Harbour Street bridge, the transport department said in a statement.",
    "Mayor Dana Whitfield told reporters the vote ended months of negotiation with the unions.",
]
GOSSIP = [
    "EXCLUSIVE: A source close to the couple says the pop star is secretly engaged!",
    "Insiders claim the pair have been feuding for months, and friends say she is heartbroken.",
    "It is believed the shocking split was kept secret, and many fans think a reunion is coming!",
]


def test_gossip_has_a_heavier_register_than_sober_reporting():
    assert rumour_register("Council passes budget", SOBER) <= RUMOUR_REGISTER_DISCOUNT["free"]
    assert register_discount("Council passes budget", SOBER)[0] == 0.0
    assert rumour_register("Pop star's SECRET engagement!", GOSSIP) > 1.0
    share, register, cues = register_discount("Pop star's SECRET engagement!", GOSSIP)
    assert share == RUMOUR_REGISTER_DISCOUNT["cap"] and register > 1.0
    assert {"a source close to", "exclusive", "insiders claim", "!"} <= set(cues)
    assert cues["!"] == 3  # two in the text, one in the title


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Many believe the deal is dead.", "Many believe"),
        ("The film, some critics say, was cut.", "some critics say"),
        ("He left, and many fans believed he would return.", "many fans believed"),
        ("It failed although several analysts had doubted it.", "several analysts had doubted"),
        ("The handsome critics say nothing.", None),  # not at a clause boundary
        ("Of the three, most were signed in May.", None),  # no verb of saying or judging
    ],
)
def test_a_weasel_quantifier_starts_a_clause_and_its_cue_is_the_group_and_the_verb(text, cue):
    found = [" ".join(m.group().split()) for m in QUANTIFIER.finditer(text)]
    assert found == ([cue] if cue else [])
    assert [m.group() for m in _QUANTIFIER.finditer(fold_case(text))] == [cue.lower() for cue in found]


CUES = st.sampled_from(
    [
        "a source close to",
        "Insiders",
        "SAY",
        "some critics",
        "argue",
        "It is believed",
        "the",
        "exclusive",
        "feud",
        "Feuding",
        "split",
        "widely regarded",
        "many",
        "reportedly",
        " ",
        ", ",
        ". ",
        "\n",
        "\u212a",
        "\u017f",
        "\u0130",
        "\u0131",
        "é",
        "x",
        "can't",
        "cant",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CUES, max_size=14).map("".join))
def test_case_sensitive_patterns_on_folded_text_find_what_the_ignorecase_ones_find(text):
    for fast, slow in ((_RUMOUR, RUMOUR), (_WEASEL, WEASEL), (_QUANTIFIER, QUANTIFIER)):
        assert not fast.flags & re.IGNORECASE
        assert len(fast.findall(fold_case(text))) == len(slow.findall(text))


def _paragraphs(texts, label="credible", credibility=0.95):
    from detector.report.schema import Paragraph

    return [
        Paragraph(
            index=i,
            text=t,
            kind="paragraph",
            in_main_text=True,
            credibility=credibility,
            label=label,
            flags=[],
        )
        for i, t in enumerate(texts)
    ]


def test_a_gossip_page_loses_credibility_but_is_not_called_spam_for_its_register_alone(detector):
    assert page_verdict(_paragraphs(SOBER), detector.verdict_thresholds, title="Council passes budget") == (
        0.95,
        "credible",
        None,
    )
    credibility, verdict, discount = page_verdict(
        _paragraphs(GOSSIP), detector.verdict_thresholds, title="Pop star engaged!"
    )
    assert discount.share == RUMOUR_REGISTER_DISCOUNT["cap"] and discount.paragraphs_credibility == 0.95
    assert "70%" in discount.reason and any(e.startswith("a source close to ×") for e in discount.evidence)
    assert credibility == round(0.95 * (1 - RUMOUR_REGISTER_DISCOUNT["cap"]), 4)
    assert credibility < detector.verdict_thresholds["spam"]
    assert verdict == "suspicious"  # its paragraphs are credible: the register alone does not make it spam


def test_a_page_of_spam_paragraphs_is_still_spam(detector):
    assert (
        page_verdict(_paragraphs(GOSSIP, "unsourced_rumour", 0.1), detector.verdict_thresholds, title="x")[1]
        == "spam"
    )
    assert (
        page_verdict(_paragraphs(SOBER, "unsourced_rumour", 0.1), detector.verdict_thresholds, title="x")[1]
        == "spam"
    )


def test_scored_gossip_page_ranks_below_sober_page(detector):
    sober = detector.score("\n\n".join(["Council passes the 2027 budget"] + SOBER), content_type="text")
    gossip = detector.score("\n\n".join(["Pop star engaged, say insiders"] + GOSSIP), content_type="text")
    assert sober.verdict == "credible" and gossip.verdict == "spam"
    assert gossip.credibility < sober.credibility
    assert sober.discount is None and gossip.discount is not None and gossip.discount.evidence


# --- weasel words and the weasel register ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,word",
    [
        ("Some critics consider it the finest bridge in the county.", "some"),
        ("The song is widely regarded as his best.", "widely"),
        ("It is believed to date from the twelfth century.", "believed"),
        ("The tower was considered by many the finest in Europe.", "considered"),
        ("His sonnets are considered his best work.", "considered"),  # a judgement nobody signs
        ("Fine dust is known to cause failures after daily use.", "known to"),
        ("It is possible that the service resumes next year.", "possible"),
        ("Others argue that the date is wrong.", "others argue"),
        ("He is best known as the guitarist of the band.", "best known"),
        ("The fire was probably started by a cigarette.", "probably"),
        ("She is one of the greatest sprinters of her time.", "one of the greatest"),
        ("Historians disagree on the date.", "historians"),
    ],
)
def test_weasel_words_are_found(text, word):
    assert weasel_word(text) == word


@pytest.mark.parametrize(
    "text",
    [
        "The council met for many years in the old town hall.",  # a vague quantity of time
        "Some 300 people attended the meeting.",  # a number
        "He was tried several times before the appeal succeeded.",
        "The council approved the budget by seven votes to two.",
        "Most of the roads reopened on Monday.",  # bare "most" is left out
        "The bridge is known as the Iron Bridge.",  # a name, not a claim
        "Smith, Jones and others founded the club in 1901.",  # "others" ends a list
        "He considered the offer for a week.",  # an act, not a judgement
        "Most notably, the council approved the budget.",  # an emphasis
        "The lights indicate the floor.",
    ],
)
def test_quantities_and_plain_facts_are_not_weasel_words(text):
    assert weasel_word(text) is None


def test_weasel_share_counts_sentences():
    assert weasel_share(
        ["Some say it is haunted. It was built in 1820.", "Many visitors agree."]
    ) == pytest.approx(2 / 3)
    assert weasel_share(["It was built in 1820."]) == 0.0
    assert weasel_share([]) == 0.0


WEASEL_CUES = st.sampled_from(
    [
        "some",
        "Many",
        "years",
        " ",
        "300",
        "probably",
        "is believed to",
        "widely",
        "one of the",
        "greatest",
        "others",
        "\u212a",
        "\u0130",
        "x",
        ". ",
        "critics",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WEASEL_CUES, max_size=12).map("".join))
def test_weasel_words_on_folded_text_are_those_of_the_ignorecase_pattern(text):
    assert not _WEASEL_WORDS.flags & re.IGNORECASE
    assert len(_WEASEL_WORDS.findall(fold_case(text))) == len(WEASEL_WORDS.findall(text))


def test_a_short_weasel_claim_is_labelled_an_unsourced_claim_by_the_rule_that_decides(detector):
    report = detector.score(
        "Some critics consider the bridge one of the finest in the county.", content_type="text"
    )
    (paragraph,) = report.paragraphs
    assert paragraph.label == "unsourced_rumour" and paragraph.credibility <= DECIDED_CREDIBILITY
    assert [f.rule for f in paragraph.flags if f.category == "unsourced_rumour"] == ["RUMOUR_WEASEL_REGISTER"]
    assert "'some'" in paragraph.flags[-1].evidence


def test_weasel_words_in_a_sober_page_or_with_a_named_source_decide_nothing(detector):
    sober = "\n".join(SOBER + ["Some residents opposed the plan."])
    report = detector.score(sober, content_type="text")
    assert all(f.rule != "RUMOUR_WEASEL_REGISTER" for p in report.paragraphs for f in p.flags)
    sourced = detector.score(
        "Some critics told Variety the bridge is one of the finest in the county.", content_type="text"
    )
    assert sourced.paragraphs[0].label != "unsourced_rumour"


def _weasel_share_by_sentence(texts):
    """The definition: every sentence searched with the case-insensitive pattern."""
    found = [WEASEL_WORDS.search(sentence) is not None for text in texts for sentence in sentences(text)]
    return sum(found) / len(found) if found else 0.0


SENTENCE_PARTS = st.sampled_from(
    [
        "some",
        "Many",
        "years",
        " ",
        "300",
        "probably",
        "is believed",
        " to",
        "widely",
        "others",
        ". ",
        "! ",
        "?",
        ".",
        '"',
        "\n",
        "\u0130",
        "x",
        "In general",
        "critics",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(SENTENCE_PARTS, max_size=12).map("".join), max_size=4))
def test_weasel_share_in_one_pass_is_the_share_of_sentences_searched_one_by_one(texts):
    assert weasel_share(texts) == pytest.approx(_weasel_share_by_sentence(texts))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(SENTENCE_PARTS, min_size=1, max_size=10).map("".join), min_size=1, max_size=5),
    st.sampled_from([0.25, 0.5, 0.75]),
)
def test_the_page_weasel_register_is_the_share_of_its_sentences_when_it_reaches_the_minimum(lines, minimum):
    from detector.page.extract import extract_page
    from detector.signals.context import build_context
    from detector.signals.rules import default_rules

    lines = [line for line in (" ".join(line.split()) for line in lines) if line]
    assume(lines)
    page = extract_page("\n".join(lines), content_type="text")
    ctx = build_context(page, default_rules().index)
    ctx.words.index(default_rules().index)
    share = _weasel_share_by_sentence([b.text for b in page.blocks])
    assert ctx.weasel_register(minimum) == (pytest.approx(share) if share >= minimum and share > 0 else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCE_PARTS, max_size=14).map("".join))
def test_count_sentences_counts_the_sentences(text):
    pieces = sentences(text)
    assert count_sentences(text) == len(pieces)
    assert all(piece and piece == piece.strip() for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(
        text.split()
    )  # every character but white space, in order


@pytest.mark.parametrize(
    "text,expected",
    [
        ("R. L. Stine wrote it. It sold well.", ["R. L. Stine wrote it.", "It sold well."]),
        (
            "Dr. Ana Ruiz met St. Paul's choir. They sang!",
            ["Dr. Ana Ruiz met St. Paul's choir.", "They sang!"],
        ),
        (
            "It was No. 5 on the list (pg. 12). Then it fell?",
            ["It was No. 5 on the list (pg. 12).", "Then it fell?"],
        ),
        ("He left... Fine. A. Then b.", ["He left...", "Fine.", "A. Then b."]),
    ],
)
def test_sentences_pass_over_initials_and_abbreviations(text, expected):
    assert sentences(text) == expected
    assert count_sentences(text) == len(expected)
