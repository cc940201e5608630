"""The computed checks a rule of ``rules.toml`` names with ``check = "name"``.

A check looks at a block in its page context and returns a short evidence string when the rule fires,
else None. A rule with a ``pattern`` as well runs its check only on the blocks the pattern matches and
hands it the match; the check's evidence is then the rule's. :data:`CHECKS` is the registry
``check = "name"`` resolves against (:func:`resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..exceptions import RuleError
from ..page.extract import Block
from .context import BlockContext, PageContext
from .hedges import weasel_word

#: ``(block, its context, the page's context, the rule pattern's match or None)`` to evidence or None.
CheckFunction = Callable[[Block, BlockContext, PageContext, "re.Match[str] | None"], "str | None"]


class Check(NamedTuple):
    """A registered check: the function, and the page condition tested once per page before it runs on the
    page's blocks (a check whose condition is false on a page fires on none of its blocks)."""

    function: CheckFunction
    page_condition: Callable[[PageContext], bool] | None = None


#: The computed checks by the name ``rules.toml`` gives them.
CHECKS: dict[str, Check] = {}


def check(
    name: str, page: Callable[[PageContext], bool] | None = None
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a computed check under ``name`` for use in ``rules.toml``; ``page``, if given, is tested once
    per page before the check runs on its blocks."""

    def register(func: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(func, page)
        return func

    return register


def resolve(name: str) -> Check:
    """The check registered as ``name``.

    Raises
    ------
    RuleError
        When no check has that name (the known names are listed).
    """
    try:
        return CHECKS[name]
    except KeyError:
        raise RuleError(f"unknown check {name!r}; known: {sorted(CHECKS)}") from None


#: A page is written in a weasel register when at least this share of its sentences hold a weasel word.
WEASEL_REGISTER_MIN = 0.5


#: A paragraph of fewer words holds no claim a hedge could qualify; a private-life claim needs a few more.
_CLAIM_MIN_WORDS, _PRIVATE_CLAIM_MIN_WORDS = 4, 6


@check("unsourced_hedge")
def _unsourced_hedge(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """A hedge or vague attribution (the rule's pattern), and no named source in the paragraph; a paragraph
    of a few words ("I do, apparently!") holds no claim to hedge."""
    if bctx.source or block.kind == "quote" or bctx.n_words < _CLAIM_MIN_WORDS or found is None:
        return None
    return f"hedge '{found.group()}' with no named source"


@check("unsourced_private_claim")
def _unsourced_private_claim(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """A claim about someone's private life (the rule's pattern), stated without any source."""
    if (
        bctx.source
        or block.kind == "quote"
        or block.qa_role == "question"
        or bctx.n_words < _PRIVATE_CLAIM_MIN_WORDS
        or found is None
    ):
        return None
    return f"private-life claim '{found.group()}' with no source"


@check("weasel_register", page=lambda ctx: ctx.weasel_register(WEASEL_REGISTER_MIN) is not None)
def _weasel_register(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """A weasel word, no named source in the paragraph, in a page written in a weasel register."""
    if (
        bctx.source
        or block.kind in ("quote", "heading", "links")
        or (word := weasel_word(block.text)) is None
    ):
        return None
    share = ctx.weasel_register(WEASEL_REGISTER_MIN)
    assert share is not None  # the page condition held
    return (
        f"weasel word '{' '.join(word.split())}' and no named source; "
        f"{share:.0%} of the page's sentences lean on such words"
    )


_TRAIL_STARTS = ("Home", "HOME", "Start", "News")
_CRUMB_SEPARATORS = frozenset("›>»/|")
_CRUMB_PUNCTUATION = frozenset("&'’ -_")
_MAX_CRUMBS, _MAX_CRUMB_TAIL = 6, 25


@check("breadcrumb")
def _breadcrumb(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """A whole paragraph that is a breadcrumb trail: Home, HOME, Start or News, then one to six crumbs,
    each an optional separator (› > » / |) and a capital or "&" followed by 1 to 25 letters, digits,
    spaces, "&", apostrophes, hyphens or underscores.

    This is the language of ``^\\s*(Home|HOME|Start|News)(\\s*[›>»/|]?\\s*[A-Z&][\\w&'’ -]{1,25}){1,6}\\s*$``,
    decided by following every place a crumb can end at once: ``re`` tries the ways of cutting a line
    of capitalised words into crumbs one after the other, which takes seconds for a line of thirty.
    """
    text = block.text
    n = len(text)
    i = 0
    while i < n and text[i].isspace():
        i += 1
    start = next((word for word in _TRAIL_STARTS if text.startswith(word, i)), None)
    if start is None:
        return None
    ends = {i + len(start)}
    for _ in range(_MAX_CRUMBS):
        crumb_ends = set()
        for at in ends:
            while at < n and text[at].isspace():
                at += 1
            if at < n and text[at] in _CRUMB_SEPARATORS:
                at += 1
                while at < n and text[at].isspace():
                    at += 1
            if at >= n or not ("A" <= text[at] <= "Z" or text[at] == "&"):
                continue
            end, limit = at + 1, min(n, at + 1 + _MAX_CRUMB_TAIL)
            while end < limit and (text[end].isalnum() or text[end] in _CRUMB_PUNCTUATION):
                end += 1
                crumb_ends.add(end)
        if any(end == n or text[end:].isspace() for end in crumb_ends):
            return text.strip() or text
        ends = crumb_ends
        if not ends:
            return None
    return None


@check("field_run")
def _field_run(block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None) -> str | None:
    """Part of a run of three or more ``Field: value`` profile lines."""
    if bctx.field_lines >= 3:
        return f"{bctx.field_lines} profile field lines in one block"
    if bctx.field_name and bctx.field_run >= 3:
        return f"'{bctx.field_name}:' line in a run of {bctx.field_run} profile field lines"
    return None


@check("qa_run")
def _qa_run(block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None) -> str | None:
    """Part of a run of three or more question/answer pairs."""
    if block.qa_run >= 3:
        return f"{block.qa_role or 'block'} in a run of {block.qa_run} question/answer pairs"
    return None


@check("empty_answer")
def _empty_answer(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """A question directly followed by another question: its answer was lost in scraping."""
    blocks = ctx.page.blocks
    if block.qa_role != "question" or block.qa_run < 2:
        return None
    nxt = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    if nxt is None or nxt.qa_role == "question":
        return "question with no answer before the next question"
    return None


@check("subject_drift")
def _subject_drift(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """A substantial paragraph that shares almost nothing with the page's title, lead and body."""
    if bctx.n_words < 8 or block.kind == "heading":
        return None
    best = bctx.sim_max
    if best < 0.08:
        return f"similarity to the page subject {best:.2f}"
    return None


@check("novel_names")
def _novel_names(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """Two or more names that appear nowhere else in the article."""
    if len(bctx.novel_names) >= 2 and (block.qa_run or bctx.sim_body < 0.2):
        return "names found nowhere else in the article: " + ", ".join(bctx.novel_names[:5])
    return None


@check("qa_drift")
def _qa_drift(block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None) -> str | None:
    """A question or answer of a FAQ block about something the article never mentions."""
    if not block.qa_run or ctx.subject_names.intersection(bctx.names):
        return None
    best = bctx.sim_max
    if best < 0.1 and (bctx.novel_names or bctx.n_words >= 5):
        names = f" (new names: {', '.join(bctx.novel_names[:3])})" if bctx.novel_names else ""
        return f"Q&A item with similarity {best:.2f} to the page subject{names}"
    return None


@check("after_article")
def _after_article(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """Outside trafilatura's main text, after the article ends."""
    return "after the end of the main text" if bctx.after_main and not block.in_main_text else None


@check("named_source")
def _named_source(
    block: Block, bctx: BlockContext, ctx: PageContext, found: re.Match[str] | None
) -> str | None:
    """The paragraph names where its claim comes from."""
    return bctx.source
