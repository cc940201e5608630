"""Synthetic spam sections, generated as content farms generate them (deterministic for a seed).

- :mod:`.bios`: fabricated author bios and engagement blocks (Faker, many locales);
- :mod:`.grammar`: unsourced rumours and their named-source twins, calls to action, furniture;
- :mod:`.faq`: scraped FAQ blocks on a subject, with namesake drift; namesakes' fact cards and Q/A blocks;
- :mod:`.clean`: the honest twins of spam on clean pages, and data tables of an article's own;
- :mod:`.comments`: reader comment threads (opinions; on farm pages rumours and spam too);
- :mod:`.pages`: corpus articles padded with all of these, as :class:`~.spec.PageSpec`.

The vocabulary is data (``vocabulary.toml``).
"""

from .bios import author_bio, credential_card, engagement_block, engagement_line, introduction
from .clean import data_table
from .comments import comment_thread
from .faq import (
    Facts,
    entity_kinds,
    faq_section,
    namesake_aside,
    namesake_block,
    namesake_card,
    namesake_pair,
    on_subject_pair,
)
from .grammar import call_to_action, furniture, named_source_claim, rumour, rumour_box
from .pages import article_of, page_spec, page_specs, subject_of
from .spec import QA, SECTION_KINDS, Field, Item, Line, PageSpec, Row, Section

__all__ = [
    "QA",
    "SECTION_KINDS",
    "Facts",
    "Field",
    "Item",
    "Line",
    "PageSpec",
    "Row",
    "Section",
    "article_of",
    "author_bio",
    "call_to_action",
    "comment_thread",
    "credential_card",
    "data_table",
    "engagement_block",
    "engagement_line",
    "entity_kinds",
    "faq_section",
    "furniture",
    "introduction",
    "named_source_claim",
    "namesake_aside",
    "namesake_block",
    "namesake_card",
    "namesake_pair",
    "on_subject_pair",
    "page_spec",
    "page_specs",
    "rumour",
    "rumour_box",
    "subject_of",
]
