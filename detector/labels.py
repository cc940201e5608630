"""The paragraph labels."""

from __future__ import annotations

from typing import Literal

Label = Literal[
    "credible",
    "boilerplate",
    "promotional",
    "scraped_faq",
    "off_topic",
    "unsourced_rumour",
    "fabricated_author_bio",
]
LABELS: tuple[str, ...] = (
    "credible",
    "boilerplate",
    "promotional",
    "scraped_faq",
    "off_topic",
    "unsourced_rumour",
    "fabricated_author_bio",
)
#: Labels that count against a page. ``boilerplate`` counts neither for nor against.
SPAM_LABELS: tuple[str, ...] = LABELS[2:]
NEUTRAL_LABELS: tuple[str, ...] = ("credible", "boilerplate")
