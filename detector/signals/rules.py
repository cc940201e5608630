"""Rules as data: loading, validating and running the rule set in ``rules.toml``.

A rule has an ``id``, a ``category`` (one of the labels), a ``description`` a moderator reads, and
either a regular expression ``pattern`` or the name of a computed ``check`` (a function below that
looks at the block in its page context). ``weight`` is the hand-set prior; the weight the model
actually uses is learned in training from the labelled corpus. ``examples_hit`` and
``examples_miss`` are run as tests.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..exceptions import RuleError
from ..labels import LABELS, NEUTRAL_LABELS, SPAM_LABELS
from ..page.extract import Block
from .context import NAMED_SOURCE_FILTERS, BlockContext, PageContext
from .hedges import weasel_word
from .prefilter import LiteralFilter, LiteralIndex

Check = Callable[[Block, BlockContext, PageContext], "str | None"]
CHECKS: dict[str, Check] = {}
#: Page conditions of computed checks: a check whose condition is false on a page fires on none of its blocks.
PAGE_CONDITIONS: dict[str, Callable[[PageContext], bool]] = {}


def check(name: str, page: Callable[[PageContext], bool] | None = None) -> Callable[[Check], Check]:
    """Register a computed check under ``name`` for use in ``rules.toml``; ``page``, if given, is tested once
    per page before the check runs on its blocks."""

    def register(func: Check) -> Check:
        CHECKS[name] = func
        if page is not None:
            PAGE_CONDITIONS[name] = page
        return func

    return register


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the rule set."""

    id: str
    category: str
    description: str
    weight: float
    pattern: re.Pattern | None = None
    check: str | None = None
    unless_source: bool = False
    decides: bool = False
    examples_hit: tuple = ()
    examples_miss: tuple = ()
    prefilter: LiteralFilter | None = None  # built from ``pattern``: skips blocks it cannot match

    def match(self, block: Block, ctx: PageContext) -> str | None:
        """Return the evidence if the rule fires on ``block``, else None."""
        return next((evidence for _, evidence in self.scan([block], ctx)), None)

    def scan(self, blocks: list[Block], ctx: PageContext):
        """``(block index, evidence)`` for each of ``blocks`` the rule fires on, in order."""
        contexts = ctx.blocks
        skip_sourced = self.unless_source
        if self.pattern is None:
            check = CHECKS[self.check]
            condition = PAGE_CONDITIONS.get(self.check)
            if condition is not None and not condition(ctx):
                return
            for block in blocks:
                bctx = contexts[block.index]
                if skip_sourced and bctx.source:
                    continue
                evidence = check(block, bctx, ctx)
                if evidence is not None:
                    yield block.index, evidence
            return
        search = self.pattern.search
        check = CHECKS[self.check] if self.check is not None else None
        if self.prefilter is not None:  # only blocks holding one of the words every match needs
            found = ctx.candidates(self.prefilter)
            if found is not None:
                blocks = (
                    [blocks[i] for i in sorted(found)]
                    if blocks is ctx.page.blocks
                    else [block for block in blocks if block.index in found]
                )
        for block in blocks:
            found = search(block.text)
            if found is None:
                continue
            bctx = contexts[block.index]
            if skip_sourced and bctx.source:
                continue
            evidence = found.group()
            if check is None:
                yield block.index, evidence.strip() or evidence
                continue
            extra = check(block, bctx, ctx)
            if extra:
                yield block.index, f"{evidence.strip()}; {extra}"


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule that fired, with the text that made it fire."""

    rule: Rule
    evidence: str


class RuleSet:
    """An ordered, validated collection of rules."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.by_id = {r.id: r for r in rules}
        #: rule id -> the label it gives, for the rules that decide (``decides = true``)
        self.decides = {r.id: r.category for r in rules if r.decides}
        self._index: LiteralIndex | None = None

    @property
    def index(self) -> LiteralIndex:
        """One automaton over the literal prefilters of every rule and computed check, and the page
        context's named-source detection."""
        if self._index is None:
            self._index = LiteralIndex(
                [r.prefilter for r in self.rules if r.prefilter is not None]
                + CHECK_FILTERS
                + list(NAMED_SOURCE_FILTERS)
            )
        return self._index

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def apply(self, ctx: PageContext) -> list[list[RuleHit]]:
        """Run every rule on every block of a page; return the hits per block, in rule order."""
        blocks = ctx.page.blocks
        ctx.index(self.index)
        hits: list[list[RuleHit]] = [[] for _ in blocks]
        for rule in self.rules:  # rule by rule: each pattern's search is looked up once per page
            for index, evidence in rule.scan(blocks, ctx):
                hits[index].append(RuleHit(rule, evidence[:300]))
        return hits

    def decided_labels(self, labels: list[str], fired: list[list[str]]) -> list[str | None]:
        """The label a rule that decides (``decides = true``) gives each paragraph the model found no spam in.

        ``labels``: the model's label of each paragraph; ``fired``: the ids of the rules that fired on
        each. Returns, per paragraph, the category of the first rule that decides and fired on it when the
        model's label is ``credible`` or ``boilerplate``, else None (the model's label stands).
        """
        return [None if rid is None else self.decides[rid] for rid in self.decided_by(labels, fired)]

    def decided_by(self, labels: list[str], fired: list[list[str]]) -> list[str | None]:
        """The id of the rule that decides each paragraph's label (see :meth:`decided_labels`), or None."""
        decides = self.decides
        return [
            next((rid for rid in ids if rid in decides), None) if label in NEUTRAL_LABELS else None
            for label, ids in zip(labels, fired, strict=True)
        ]


_RULE_KEYS = {
    "id",
    "category",
    "description",
    "weight",
    "pattern",
    "check",
    "flags",
    "unless_source",
    "decides",
    "examples_hit",
    "examples_miss",
}
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def parse_rules(data: dict, origin: str = "<rules>") -> RuleSet:
    """Validate the parsed TOML of a rule file and build a :class:`RuleSet`.

    Raises
    ------
    RuleError
        With the rule id and the problem, for any invalid rule.
    """
    items = data.get("rule")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{origin}: expected a non-empty array of [[rule]] tables")
    rules, seen = [], set()
    for n, item in enumerate(items, 1):
        rid = item.get("id", f"#{n}")
        where = f"{origin}: rule {rid}"
        unknown = set(item) - _RULE_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("id", "category", "description"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise RuleError(f"{where}: '{key}' must be a non-empty string")
        if not re.fullmatch(r"[A-Z][A-Z0-9_]+", rid):
            raise RuleError(f"{where}: ids are UPPER_SNAKE_CASE")
        if rid in seen:
            raise RuleError(f"{where}: duplicate id")
        seen.add(rid)
        if item["category"] not in LABELS:
            raise RuleError(f"{where}: category {item['category']!r} is not one of {LABELS}")
        if not isinstance(item.get("weight"), (int, float)):
            raise RuleError(f"{where}: 'weight' must be a number")
        if "pattern" not in item and "check" not in item:
            raise RuleError(f"{where}: needs a 'pattern' or a 'check'")
        if "check" in item and item["check"] not in CHECKS:
            raise RuleError(f"{where}: unknown check {item['check']!r}; known: {sorted(CHECKS)}")
        if not isinstance(item.get("decides", False), bool):
            raise RuleError(f"{where}: 'decides' must be true or false")
        if item.get("decides") and item["category"] not in SPAM_LABELS:
            raise RuleError(f"{where}: only a rule of a spam category can decide a label")
        pattern = None
        if "pattern" in item:
            flags = 0
            for f in item.get("flags", "i"):
                if f not in _FLAGS:
                    raise RuleError(f"{where}: unknown regex flag {f!r}")
                flags |= _FLAGS[f]
            try:
                pattern = re.compile(item["pattern"], flags)
            except re.error as exc:
                raise RuleError(f"{where}: bad pattern: {exc}") from exc
        hits, misses = item.get("examples_hit", []), item.get("examples_miss", [])
        if not hits or not misses:
            raise RuleError(f"{where}: needs at least one of examples_hit and of examples_miss")
        rules.append(
            Rule(
                id=rid,
                category=item["category"],
                description=item["description"].strip(),
                weight=float(item["weight"]),
                pattern=pattern,
                check=item.get("check"),
                prefilter=LiteralFilter(pattern) if pattern is not None else None,
                unless_source=bool(item.get("unless_source", False)),
                decides=item.get("decides", False),
                examples_hit=tuple(hits),
                examples_miss=tuple(misses),
            )
        )
    return RuleSet(rules)


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Load and validate a rule file (default: the ``rules.toml`` shipped in the package)."""
    if path is None:
        return default_rules()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from exc
    return parse_rules(data, str(path))


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rule set, loaded and validated once per process."""
    text = resources.files("detector.signals").joinpath("rules.toml").read_text(encoding="utf-8")
    return parse_rules(tomllib.loads(text), "detector/signals/rules.toml")


# --- computed checks ----------------------------------------------------------------------------
# Each returns a short evidence string when it fires, else None.

_HEDGE = re.compile(
    r"\b(reportedly|allegedly|rumou?red|rumou?rs?|supposedly|purportedly|is said to|are said to|"
    r"insiders?|sources? close to|sources (?:say|claim|suggest)|fans (?:believe|think|suspect|speculate|say)|"
    r"according to (?:fans|rumou?rs|some|many|reports|sources|insiders|social media|speculation|gossip)|"
    r"all signs point to|it is (?:widely )?believed|many (?:believe|suspect|think)|word (?:is|on the street)|"
    r"speculat\w+)\b",
    re.IGNORECASE,
)
_PRIVATE = re.compile(
    r"\b(single|dating|relationship status|girlfriend|boyfriend|not together|split(?:ting)? up|break ?up|"
    r"engaged|pregnan\w+|divorc\w+|secretly|affair|romance|net worth|married)\b",
    re.IGNORECASE,
)
_HEDGE_FILTER = LiteralFilter(_HEDGE)
_PRIVATE_FILTER = LiteralFilter(_PRIVATE)
#: Prefilters the computed checks use, indexed with the rules' own (see :attr:`RuleSet.index`).
CHECK_FILTERS = [_HEDGE_FILTER, _PRIVATE_FILTER]
#: A page is written in a weasel register when at least this share of its sentences hold a weasel word.
WEASEL_REGISTER_MIN = 0.5


@check("unsourced_hedge")
def _unsourced_hedge(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """A hedge or vague attribution, and no named source in the paragraph."""
    if bctx.source or block.kind == "quote" or not ctx.could_match(_HEDGE_FILTER, block.index):
        return None
    match = _HEDGE.search(block.text)
    return f"hedge '{match.group()}' with no named source" if match else None


@check("unsourced_private_claim")
def _unsourced_private_claim(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """A claim about someone's private life, stated without any source."""
    if (
        bctx.source
        or block.kind == "quote"
        or block.qa_role == "question"
        or bctx.n_words < 6
        or not ctx.could_match(_PRIVATE_FILTER, block.index)
    ):
        return None
    match = _PRIVATE.search(block.text)
    return f"private-life claim '{match.group()}' with no source" if match else None


@check("weasel_register", page=lambda ctx: ctx.weasel_register(WEASEL_REGISTER_MIN) is not None)
def _weasel_register(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """A weasel word, no named source in the paragraph, in a page written in a weasel register."""
    if (
        bctx.source
        or block.kind in ("quote", "heading", "links")
        or (word := weasel_word(block.text)) is None
    ):
        return None
    share = ctx.weasel_register(WEASEL_REGISTER_MIN)  # not None: the page condition held
    return (
        f"weasel word '{' '.join(word.split())}' and no named source; "
        f"{share:.0%} of the page's sentences lean on such words"
    )


_TRAIL_STARTS = ("Home", "HOME", "Start", "News")
_CRUMB_SEPARATORS = frozenset("›>»/|")
_CRUMB_PUNCTUATION = frozenset("&'’ -_")
_MAX_CRUMBS, _MAX_CRUMB_TAIL = 6, 25


@check("breadcrumb")
def _breadcrumb(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
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
def _field_run(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """Part of a run of three or more ``Field: value`` profile lines."""
    if bctx.field_lines >= 3:
        return f"{bctx.field_lines} profile field lines in one block"
    if bctx.field_name and bctx.field_run >= 3:
        return f"'{bctx.field_name}:' line in a run of {bctx.field_run} profile field lines"
    return None


@check("qa_run")
def _qa_run(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """Part of a run of three or more question/answer pairs."""
    if block.qa_run >= 3:
        return f"{block.qa_role or 'block'} in a run of {block.qa_run} question/answer pairs"
    return None


@check("empty_answer")
def _empty_answer(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """A question directly followed by another question: its answer was lost in scraping."""
    blocks = ctx.page.blocks
    if block.qa_role != "question" or block.qa_run < 2:
        return None
    nxt = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    if nxt is None or nxt.qa_role == "question":
        return "question with no answer before the next question"
    return None


@check("subject_drift")
def _subject_drift(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """A substantial paragraph that shares almost nothing with the page's title, lead and body."""
    if bctx.n_words < 8 or block.kind == "heading":
        return None
    best = bctx.sim_max
    if best < 0.08:
        return f"similarity to the page subject {best:.2f}"
    return None


@check("novel_names")
def _novel_names(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """Two or more names that appear nowhere else in the article."""
    if len(bctx.novel_names) >= 2 and (block.qa_run or bctx.sim_body < 0.2):
        return "names found nowhere else in the article: " + ", ".join(bctx.novel_names[:5])
    return None


@check("qa_drift")
def _qa_drift(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """A question or answer of a FAQ block about something the article never mentions."""
    if not block.qa_run or ctx.subject_names.intersection(bctx.names):
        return None
    best = bctx.sim_max
    if best < 0.1 and (bctx.novel_names or bctx.n_words >= 5):
        names = f" (new names: {', '.join(bctx.novel_names[:3])})" if bctx.novel_names else ""
        return f"Q&A item with similarity {best:.2f} to the page subject{names}"
    return None


@check("after_article")
def _after_article(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """Outside trafilatura's main text, after the article ends."""
    return "after the end of the main text" if bctx.after_main and not block.in_main_text else None


@check("named_source")
def _named_source(block: Block, bctx: BlockContext, ctx: PageContext) -> str | None:
    """The paragraph names where its claim comes from."""
    return bctx.source


# --- examples -----------------------------------------------------------------------------------


def example_context(example: str | dict) -> tuple[Block, PageContext]:
    """Build the block and page context an example of ``rules.toml`` describes.

    A string is one paragraph on a page of its own; a table ``{text, page}`` is the paragraph
    ``text`` inside ``page`` (HTML, or plain text with one paragraph per line).
    """
    from ..page.extract import Page, extract_page, fold
    from .context import build_context

    if isinstance(example, str):
        page = Page(source="<example>", blocks=[Block(index=0, text=example, kind="paragraph")], title=None)
        ctx = build_context(page)
        return page.blocks[0], ctx
    page = extract_page(example["page"], source="<example>")
    ctx = build_context(page)
    wanted = fold(example["text"])
    for block in page.blocks:
        if fold(block.text) == wanted:
            return block, ctx
    raise RuleError(f"example text not found as a paragraph of its page: {example['text']!r}")
