"""The paragraph labels and page verdicts, with how each is named and coloured wherever it is shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Label = Literal[
    "credible",
    "boilerplate",
    "promotional",
    "scraped_faq",
    "off_topic",
    "unsourced_rumour",
    "fabricated_author_bio",
]
LABELS: tuple[Label, ...] = get_args(Label)
#: Labels that count against a page. ``boilerplate`` counts neither for nor against.
SPAM_LABELS: tuple[Label, ...] = LABELS[2:]
NEUTRAL_LABELS: tuple[Label, ...] = ("credible", "boilerplate")
#: A paragraph labelled credible or boilerplate whose credibility is below this is doubtful: the spam
#: labels together are likelier than not, though none of them reached its own threshold. Its flags are
#: the evidence for its likeliest spam label, and it is reviewed like a spam paragraph (``score
#: --flagged``, the review report's controls). The one place this bound is set.
DOUBTFUL_CREDIBILITY = 0.5


def needs_review(label: str, credibility: float) -> bool:
    """Whether a moderator should look at a paragraph: a spam label, or a credibility below
    :data:`DOUBTFUL_CREDIBILITY` (what ``score --flagged`` shows and the review report gives controls to)."""
    return label in SPAM_LABELS or credibility < DOUBTFUL_CREDIBILITY


@dataclass(frozen=True, slots=True)
class LabelWording:
    """How one label is shown.

    Parameters
    ----------
    name : the label.
    title : what a moderator reads for it (the review report's chips and filters).
    phrase : what a paragraph of it is, within a sentence ("likely to be {phrase}").
    meaning : what the label means (the review report's legend).
    style : its colour in the terminal (a rich style).
    colour : its colour in the review report (a CSS colour).
    """

    name: Label
    title: str
    phrase: str
    meaning: str
    style: str
    colour: str


_WORDINGS = (
    LabelWording(
        "credible", "Credible", "credible content", "Genuine content of the article.", "green", "#1a7f37"
    ),
    LabelWording(
        "boilerplate",
        "Boilerplate",
        "page boilerplate",
        "Menus, cookie notices, share buttons, footers: neutral.",
        "bright_black",
        "#6e7781",
    ),
    LabelWording(
        "promotional",
        "Promotional",
        "promotion",
        "Advertising, affiliate pitches, coupon codes or calls to buy.",
        "magenta",
        "#bc4c00",
    ),
    LabelWording(
        "scraped_faq",
        "Scraped FAQ",
        "a scraped FAQ block",
        "A Q&A block copied in to catch search queries.",
        "yellow",
        "#8250df",
    ),
    LabelWording(
        "off_topic",
        "Off-topic",
        "off-topic filler",
        "Filler about something other than the page's subject.",
        "cyan",
        "#0969da",
    ),
    LabelWording(
        "unsourced_rumour",
        "Unsourced rumour",
        "an unsourced rumour",
        "Gossip or claims presented without any source.",
        "bright_red",
        "#cf222e",
    ),
    LabelWording(
        "fabricated_author_bio",
        "Fabricated author bio",
        "a fabricated author bio",
        "An invented author, credentials or expertise.",
        "red",
        "#bf3989",
    ),
)
#: How each label is shown, in :data:`LABELS` order.
LABEL_WORDING: dict[Label, LabelWording] = {wording.name: wording for wording in _WORDINGS}
assert tuple(LABEL_WORDING) == LABELS, "one wording per label, in the labels' order"

Verdict = Literal["credible", "suspicious", "spam"]
#: The page verdicts, from the most suspicious (reviewed first) to credible.
VERDICTS: tuple[Verdict, ...] = ("spam", "suspicious", "credible")
#: Each verdict's place in review order (0: reviewed first).
VERDICT_RANK: dict[str, int] = {verdict: rank for rank, verdict in enumerate(VERDICTS)}
#: Each verdict's colour in the terminal (a rich style).
VERDICT_STYLES: dict[str, str] = {"credible": "bold green", "suspicious": "bold yellow", "spam": "bold red"}
assert set(VERDICTS) == set(get_args(Verdict)) == set(VERDICT_STYLES)
#: What every human-facing view shows instead of a verdict and a credibility for a page that could not
#: be scored (its report has ``error`` set and both are null): an error is not a judgement of the page.
NOT_SCORED = "not scored"
#: Its colour in the terminal (a rich style): neither a verdict's colour nor an alarm.
NOT_SCORED_STYLE = "bold magenta"
#: What every view shows for a page in a language the model was not trained for (``not_assessed``): no
#: verdict, since rules and model that read English would only guess.
NOT_ASSESSED = "not assessed"


def review_rank(verdict: str | None, credibility: float | None) -> tuple[int, float]:
    """A page's place in review order (smallest first): spam, suspicious, then the pages that could not
    be scored (no verdict, no credibility: they need a look, but nothing says they are worse than a
    suspicious page), then credible; within a verdict, lowest credibility first."""
    if verdict is None or credibility is None:
        return VERDICT_RANK["suspicious"], 2.0  # after every suspicious page (credibility <= 1)
    return VERDICT_RANK.get(verdict, VERDICT_RANK["credible"]), credibility
