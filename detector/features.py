"""The classifier's input: one row per block, its text and a dict of rule and context features."""

from __future__ import annotations

import math
import re

import numpy as np

from .context import PageContext
from .rules import RuleHit

#: Bump when the features change: a model trained on other features is refused at load time.
FEATURE_VERSION = 2  # 2: lists of links merged into one "links" block; trafilatura fast mode

_QUOTE = re.compile(r"[\"“”]")
_DIGIT = re.compile(r"\d")
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|my|we|our)\b")
_SECTION_FAQ = re.compile(r"\b(people also ask|faq|frequently asked|questions)\b", re.IGNORECASE)
_SECTION_AUTHOR = re.compile(r"\b(author|writer|about me|article information|profile)\b", re.IGNORECASE)


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def block_features(index: int, ctx: PageContext, hits: list[list[RuleHit]]) -> dict[str, float]:
    """Rule hits and page-context features of block ``index``."""
    blocks = ctx.page.blocks
    block, b = blocks[index], ctx[index]
    text = block.text
    feats: dict[str, float] = {f"rule={h.rule.id}": 1.0 for h in hits[index]}
    for h in hits[index]:
        feats[f"rulecat={h.rule.category}"] = feats.get(f"rulecat={h.rule.category}", 0.0) + 1.0
    feats[f"kind={block.kind}"] = 1.0
    feats["in_main_text"] = float(block.in_main_text)
    feats["page_is_html"] = float(ctx.page.is_html)
    feats["main_text_found"] = float(ctx.page.main_text_found)
    feats["after_main"] = float(b.after_main)
    feats["before_main"] = float(b.before_main)
    feats["position"] = b.position
    feats[f"position_bin={_bucket(b.position, (0.1, 0.3, 0.6, 0.85))}"] = 1.0
    feats[f"words_bin={_bucket(b.n_words, (3, 6, 12, 25, 50, 100))}"] = 1.0
    feats["log_words"] = math.log1p(b.n_words) / 5
    feats["ends_question"] = float(text.rstrip().endswith(("?", "›")))
    feats["ends_stop"] = float(text.rstrip().endswith((".", "!", "”", '"')))
    feats["has_quote"] = float(bool(_QUOTE.search(text)))
    feats["digit_share"] = len(_DIGIT.findall(text)) / max(len(text), 1)
    feats["first_person"] = float(bool(_FIRST_PERSON.search(text)))
    feats[f"qa={block.qa_role}"] = 1.0
    feats[f"qa_run_bin={_bucket(block.qa_run, (1, 2, 3, 6))}"] = 1.0
    feats["sim_title"] = b.sim_title
    feats["sim_lead"] = b.sim_lead
    feats["sim_body"] = b.sim_body
    feats["sim_max"] = max(b.sim_title, b.sim_lead, b.sim_body)
    feats[f"sim_bin={_bucket(feats['sim_max'], (0.03, 0.08, 0.15, 0.3))}"] = 1.0
    feats["novel_names"] = min(len(b.novel_names), 5) / 5
    feats["mentions_subject"] = float(bool(ctx.subject_names.intersection(b.names)))
    feats["field_line"] = float(bool(b.field_name))
    feats[f"field_run_bin={_bucket(max(b.field_run, b.field_lines), (1, 2, 3, 5))}"] = 1.0
    feats["named_source"] = float(bool(b.source))
    if block.section:
        feats["section_faq"] = float(bool(_SECTION_FAQ.search(block.section)))
        feats["section_author"] = float(bool(_SECTION_AUTHOR.search(block.section)))
    # neighbours: scraped blocks come in runs
    for offset, name in ((-1, "prev"), (1, "next")):
        j = index + offset
        if 0 <= j < len(blocks):
            n = ctx[j]
            feats[f"{name}_field_line"] = float(bool(n.field_name))
            feats[f"{name}_novel_names"] = min(len(n.novel_names), 5) / 5
            feats[f"{name}_sim_max"] = max(n.sim_title, n.sim_lead, n.sim_body)
            feats[f"{name}_qa={blocks[j].qa_role}"] = 1.0
            for h in hits[j]:
                feats[f"{name}_rulecat={h.rule.category}"] = 1.0
        else:
            feats[f"{name}_none"] = 1.0
    return feats


def page_rows(ctx: PageContext, hits: list[list[RuleHit]]) -> np.ndarray:
    """The classifier's input for one page: an object array of ``(text, features)`` rows."""
    rows = np.empty((len(ctx.blocks), 2), dtype=object)
    for i, block in enumerate(ctx.page.blocks):
        rows[i, 0] = block.text
        rows[i, 1] = block_features(i, ctx, hits)
    return rows
