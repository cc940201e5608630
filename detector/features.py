"""The classifier's input: one row per block, its text and a dict of rule and context features."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter

import numpy as np

from .context import BlockContext, PageContext
from .page import Block
from .rules import RuleHit

#: Bump when the features change: a model trained on other features is refused at load time.
FEATURE_VERSION = 6  # 2: lists of links merged into one "links" block; trafilatura fast mode; 3: table rows;
# 4: "People also ask" chevrons (run_chevrons, prev/next_chevron), subject names written as words;
# 5: the rule categories hit elsewhere on the page (page_rulecat=); 6: similarity of the block's window and
# section to the rest of the page, and with the subject's names left out (sim_window, sim_section, sim_unnamed)

#: The prefix of the feature that says a rule fired ("rule=RUMOUR_HEDGE").
RULE_FEATURE = "rule="


def fired_rules(features: dict[str, float]) -> list[str]:
    """The ids of the rules that fired, read from a row's feature dict."""
    return [key.removeprefix(RULE_FEATURE) for key in features if key.startswith(RULE_FEATURE)]


_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = b"0123456789"
# "I", "my", "we" or "our" as a whole word (\b on both sides): found by its first letters, then the
# character before it checked in Python, which is much faster than letting ``re`` try \b everywhere
_FIRST_PERSON = re.compile(r"(?:I|my|we|our)(?!\w)")


def _has_quote(text: str) -> bool:
    return '"' in text or "“" in text or "”" in text


def _digit_share(text: str) -> float:
    """Share of decimal digits (``\\d``) in ``text``."""
    if text.isascii():
        raw = text.encode("ascii")
        digits = len(raw) - len(raw.translate(None, _ASCII_DIGITS))
    else:
        digits = len(_DIGIT.findall(text))
    return digits / max(len(text), 1)


def _first_person(text: str) -> bool:
    """Whether ``text`` says "I", "my", "we" or "our" (``\\b(I|I'm|I’m|my|we|our)\\b``)."""
    for match in _FIRST_PERSON.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return True
    return False


_SECTION_FAQ = re.compile(r"\b(people also ask|faq|frequently asked|questions)\b", re.IGNORECASE)
_SECTION_AUTHOR = re.compile(r"\b(author|writer|about me|article information|profile)\b", re.IGNORECASE)


_POSITION_BINS = (0.1, 0.3, 0.6, 0.85)
_WORDS_BINS = (3, 6, 12, 25, 50, 100)
_QA_RUN_BINS = (1, 2, 3, 6)
_SIM_BINS = (0.03, 0.08, 0.15, 0.3)
_FIELD_RUN_BINS = (1, 2, 3, 5)


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    """How many of the ascending ``edges`` ``value`` reaches."""
    return bisect_right(edges, value)


def _ends_chevron(text: str) -> bool:
    """Whether ``text`` ends with the "›" that a pasted "People also ask" question keeps from its expander
    (rule ``FAQ_CHEVRON`` says so of the question itself)."""
    return text.rstrip().endswith(("›", "»"))


def _run_chevrons(blocks: list[Block], chevrons: list[bool]) -> list[float]:
    """For each block in a question/answer run, the share of the run's questions that end with "›"
    (``chevrons``: :func:`_ends_chevron` of each block). A run is a stretch of blocks with ``qa_run`` set
    (two runs never touch: their questions are more than four blocks apart, and a question has at most
    three answers)."""
    shares = [0.0] * len(blocks)
    i = 0
    while i < len(blocks):
        if not blocks[i].qa_run:
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].qa_run:
            j += 1
        questions = [k for k in range(i, j) if blocks[k].qa_role == "question"]
        share = sum(chevrons[k] for k in questions) / max(len(questions), 1)
        shares[i:j] = [share] * (j - i)
        i = j
    return shares


def _neighbour_features(block: Block, b: BlockContext, hits: list[RuleHit], chevron: bool,
                        name: str) -> dict[str, float]:
    """What block ``i - 1`` (``name="prev"``) or ``i + 1`` (``"next"``) tells about block ``i``
    (``chevron``: whether it ends with "›"): scraped blocks come in runs."""
    feats = {
        f"{name}_field_line": float(bool(b.field_name)),
        f"{name}_novel_names": min(len(b.novel_names), 5) / 5,
        f"{name}_sim_max": b.sim_max,
        f"{name}_qa={block.qa_role}": 1.0,
    }
    for h in hits:
        feats[f"{name}_rulecat={h.rule.category}"] = 1.0
    if chevron:  # the rarer features are left out when 0 (the same matrix, fewer keys)
        feats[f"{name}_chevron"] = 1.0
    return feats


#: rule categories that say nothing of a page's other paragraphs: genuine news pages carry calls to
#: subscribe and page furniture as much as content farms do
_NOT_PAGE_WIDE = frozenset({"promotional", "boilerplate"})


def _elsewhere(hits: list[list[RuleHit]]) -> list[dict[str, float]]:
    """For each block, ``page_rulecat=<category>`` for every rule category that fired on some other block of
    the page: content farms carry several kinds of filler (a fake author profile, a pasted FAQ, a rumour),
    so a paragraph is judged with what the rest of its page shows. Promotional and boilerplate rules are
    left out (:data:`_NOT_PAGE_WIDE`)."""
    own = [{h.rule.category for h in block_hits} - _NOT_PAGE_WIDE for block_hits in hits]
    pages = Counter(category for categories in own for category in categories)
    return [{f"page_rulecat={category}": 1.0 for category, count in pages.items() if count > (category in mine)}
            for mine in own]


def page_features(ctx: PageContext, hits: list[list[RuleHit]]) -> list[dict[str, float]]:
    """Rule hits and page-context features of every block of a page (its neighbours' included), in order."""
    blocks = ctx.page.blocks
    n = len(blocks)
    elsewhere = _elsewhere(hits)
    chevrons = [_ends_chevron(block.text) for block in blocks]
    as_prev = [_neighbour_features(block, ctx[j], hits[j], chevrons[j], "prev") for j, block in enumerate(blocks)]
    as_next = [_neighbour_features(block, ctx[j], hits[j], chevrons[j], "next") for j, block in enumerate(blocks)]
    page_is_html = float(ctx.page.is_html)
    main_text_found = float(ctx.page.main_text_found)
    subject_names = ctx.subject_names
    sections: dict[str, dict[str, float]] = {}  # the features of each section heading
    run_chevrons = _run_chevrons(blocks, chevrons)
    rows = []
    for i in range(n):
        block, b = blocks[i], ctx[i]
        text = block.text
        stripped = text.rstrip()
        sim_max = b.sim_max
        feats: dict[str, float] = {RULE_FEATURE + h.rule.id: 1.0 for h in hits[i]}
        for h in hits[i]:
            key = f"rulecat={h.rule.category}"
            feats[key] = feats.get(key, 0.0) + 1.0
        feats.update({
            f"kind={block.kind}": 1.0,
            "in_main_text": float(block.in_main_text),
            "page_is_html": page_is_html,
            "main_text_found": main_text_found,
            "after_main": float(b.after_main),
            "before_main": float(b.before_main),
            "position": b.position,
            f"position_bin={_bucket(b.position, _POSITION_BINS)}": 1.0,
            f"words_bin={_bucket(b.n_words, _WORDS_BINS)}": 1.0,
            "log_words": math.log1p(b.n_words) / 5,
            "ends_question": float(stripped.endswith(("?", "›"))),
            "ends_stop": float(stripped.endswith((".", "!", "”", '"'))),
            "has_quote": float(_has_quote(text)),
            "digit_share": _digit_share(text),
            "first_person": float(_first_person(text)),
            f"qa={block.qa_role}": 1.0,
            f"qa_run_bin={_bucket(block.qa_run, _QA_RUN_BINS)}": 1.0,
            "sim_title": b.sim_title,
            "sim_lead": b.sim_lead,
            "sim_body": b.sim_body,
            "sim_max": sim_max,
            f"sim_bin={_bucket(sim_max, _SIM_BINS)}": 1.0,
            "sim_window": b.sim_window,
            f"sim_window_bin={_bucket(b.sim_window, _SIM_BINS)}": 1.0,
            "sim_section": b.sim_section,
            f"sim_section_bin={_bucket(b.sim_section, _SIM_BINS)}": 1.0,
            "sim_unnamed": b.sim_unnamed,
            f"sim_unnamed_bin={_bucket(b.sim_unnamed, _SIM_BINS)}": 1.0,
            "sim_window_unnamed": b.sim_window_unnamed,
            f"sim_window_unnamed_bin={_bucket(b.sim_window_unnamed, _SIM_BINS)}": 1.0,
            "novel_names": min(len(b.novel_names), 5) / 5,
            "mentions_subject": float(mentions_subject := not subject_names.isdisjoint(b.names)),
            "field_line": float(bool(b.field_name)),
            f"field_run_bin={_bucket(max(b.field_run, b.field_lines), _FIELD_RUN_BINS)}": 1.0,
            "named_source": float(bool(b.source)),
        })
        feats.update(elsewhere[i])
        if run_chevrons[i]:  # the rarer features are left out when 0 (the same matrix, fewer keys)
            feats["run_chevrons"] = run_chevrons[i]
        if b.subject_as_word:
            feats["subject_as_word"] = 1.0
            if not mentions_subject:
                feats["subject_only_as_word"] = 1.0
        if b.subject_homonym_only:
            feats["subject_homonym_only"] = 1.0
        if block.section:
            if block.section not in sections:
                sections[block.section] = {
                    "section_faq": float(_SECTION_FAQ.search(block.section) is not None),
                    "section_author": float(_SECTION_AUTHOR.search(block.section) is not None),
                }
            feats.update(sections[block.section])
        if i > 0:
            feats.update(as_prev[i - 1])
        else:
            feats["prev_none"] = 1.0
        if i + 1 < n:
            feats.update(as_next[i + 1])
        else:
            feats["next_none"] = 1.0
        rows.append(feats)
    return rows


def page_rows(ctx: PageContext, hits: list[list[RuleHit]]) -> np.ndarray:
    """The classifier's input for one page: an object array of ``(text, features)`` rows."""
    rows = np.empty((len(ctx.blocks), 2), dtype=object)
    rows[:, 0] = [block.text for block in ctx.page.blocks]
    rows[:, 1] = page_features(ctx, hits)
    return rows
