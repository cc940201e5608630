"""The rumour register and the page-credibility discount it drives."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from detector.hedges import (
    _QUANTIFIER,
    _RUMOUR,
    _WEASEL,
    QUANTIFIER,
    RUMOUR,
    WEASEL,
    rumour_register,
)
from detector.prefilter import fold
from detector.scoring import RUMOUR_REGISTER_DISCOUNT, register_discount

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


CUES = st.sampled_from(["a source close to", "Insiders", "SAY", "some critics", "argue", "It is believed", "the",
                        "exclusive", "feud", "Feuding", "split", "widely regarded", "many", "reportedly", " ",
                        ", ", ". ", "\n", "\u212a", "\u017f", "\u0130", "\u0131", "é", "x", "can't", "cant"])


@settings(max_examples=300, deadline=None)
@given(st.lists(CUES, max_size=14).map("".join))
def test_case_sensitive_patterns_on_folded_text_find_what_the_ignorecase_ones_find(text):
    for fast, slow in ((_RUMOUR, RUMOUR), (_WEASEL, WEASEL), (_QUANTIFIER, QUANTIFIER)):
        assert not fast.flags & re.IGNORECASE
        assert len(fast.findall(fold(text))) == len(slow.findall(text))


def _paragraphs(texts, label="credible", credibility=0.95):
    from detector.report import Paragraph
    return [Paragraph(index=i, text=t, kind="paragraph", in_main_text=True, credibility=credibility, label=label,
                      flags=[]) for i, t in enumerate(texts)]


def test_a_gossip_page_loses_credibility_but_is_not_called_spam_for_its_register_alone(detector):
    assert detector._page_verdict(_paragraphs(SOBER), title="Council passes budget") == (0.95, "credible", None)
    credibility, verdict, discount = detector._page_verdict(_paragraphs(GOSSIP), title="Pop star engaged!")
    assert discount.share == RUMOUR_REGISTER_DISCOUNT["cap"] and discount.paragraphs_credibility == 0.95
    assert "70%" in discount.reason and any(e.startswith("a source close to ×") for e in discount.evidence)
    assert credibility == round(0.95 * (1 - RUMOUR_REGISTER_DISCOUNT["cap"]), 4)
    assert credibility < detector.verdict_thresholds["spam"]
    assert verdict == "suspicious"  # its paragraphs are credible: the register alone does not make it spam


def test_a_page_of_spam_paragraphs_is_still_spam(detector):
    assert detector._page_verdict(_paragraphs(GOSSIP, "unsourced_rumour", 0.1), title="x")[1] == "spam"
    assert detector._page_verdict(_paragraphs(SOBER, "unsourced_rumour", 0.1), title="x")[1] == "spam"


def test_scored_gossip_page_ranks_below_sober_page(detector):
    sober = detector.score("\n\n".join(["Council passes the 2027 budget"] + SOBER), content_type="text")
    gossip = detector.score("\n\n".join(["Pop star engaged, say insiders"] + GOSSIP), content_type="text")
    assert sober.verdict == "credible" and gossip.verdict == "spam"
    assert gossip.credibility < sober.credibility
    assert sober.discount is None and gossip.discount is not None and gossip.discount.evidence
