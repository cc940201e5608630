"""The rule engine: runs a rule set over a page's blocks and collects what fired.

Each pattern rule searches only the blocks its literal prefilter finds in the page's word index
(:class:`~detector.signals._prefilter.WordIndex`); a check rule asks its computed check
(:mod:`detector.signals._checks`) about every block, once its page condition holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..page.extract import Block
from ._checks import resolve
from .context import PageContext

if TYPE_CHECKING:
    from .rules import Rule, RuleSet


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule that fired, with the text that made it fire."""

    rule: Rule
    evidence: str


def scan(rule: Rule, blocks: list[Block], ctx: PageContext) -> Iterator[tuple[int, str]]:
    """``(block index, evidence)`` for each of ``blocks`` ``rule`` fires on, in order."""
    contexts = ctx.blocks
    skip_sourced = rule.unless_source
    check = resolve(rule.check) if rule.check is not None else None
    if rule.pattern is None:
        assert check is not None  # a rule without a pattern has a check (parse_rules)
        if check.page_condition is not None and not check.page_condition(ctx):
            return
        for block in blocks:
            bctx = contexts[block.index]
            if skip_sourced and bctx.source:
                continue
            evidence = check.function(block, bctx, ctx, None)
            if evidence is not None:
                yield block.index, evidence
        return
    search = rule.pattern.search
    if rule.prefilter is not None:  # only blocks holding one of the words every match needs
        found = ctx.words.candidates(rule.prefilter)
        if found is not None:
            blocks = (
                [blocks[i] for i in sorted(found)]
                if blocks is ctx.page.blocks
                else [block for block in blocks if block.index in found]
            )
    for block in blocks:
        match = search(block.text)
        if match is None:
            continue
        bctx = contexts[block.index]
        if skip_sourced and bctx.source:
            continue
        if check is None:
            evidence = match.group()
            yield block.index, evidence.strip() or evidence
            continue
        extra = check.function(block, bctx, ctx, match)
        if extra is not None:
            yield block.index, extra


def apply(rules: RuleSet, ctx: PageContext) -> list[list[RuleHit]]:
    """Run every rule of ``rules`` on every block of a page; return the hits per block, in rule order."""
    blocks = ctx.page.blocks
    ctx.words.index(rules.index)
    hits: list[list[RuleHit]] = [[] for _ in blocks]
    for rule in rules:  # rule by rule: each pattern's search is looked up once per page
        for index, evidence in scan(rule, blocks, ctx):
            hits[index].append(RuleHit(rule, evidence[:300]))
    return hits
