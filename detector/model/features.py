"""The classifier's input: one row per block, its text and a dict of rule and context features."""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..page.extract import Block, Page
from ..page.structure import SHORT_KINDS, load_vocabulary
from ..signals.context import PageContext
from ..signals.rules import RuleHit

#: Bump when the features change: a model trained on other features is refused at load time.
FEATURE_VERSION = 12  # 2: lists of links merged into one "links" block; trafilatura fast mode; 3: table rows;
# 4: "People also ask" chevrons (run_chevrons, prev/next_chevron), subject names written as words;
# 5: the rule categories hit elsewhere on the page (page_rulecat=); 6: similarity of the block's window and
# section to the rest of the page, and with the subject's names left out (sim_window, sim_section, sim_unnamed);
# 7: the structure around each block and the section it belongs to (container=, section=, section_*);
# 8: no position on the page; 9: rule categories hit outside the block's section (outside_rulecat=);
# 10: a block holding a question and its answer (qa=pair) counts as a question; 11: a numbered question opens
# a pair, a quoted block marked "Q." is one, and a table row whose first cell names a profile field is a field line;
# 12: what the block is about, in meaning (static word vectors): to the lead, the body, with its neighbours and in
# its section (meaning_lead, meaning_body, meaning_window, meaning_section)

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


_WORDS_BINS = (3, 6, 12, 25, 50, 100)
_QA_RUN_BINS = (1, 2, 3, 6)
#: The question/answer roles that ask: a question line, and a block holding a question and its answer.
_ASKING = ("question", "pair")
_SIM_BINS = (0.03, 0.08, 0.15, 0.3)
_MEANING_BINS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
_FIELD_RUN_BINS = (1, 2, 3, 5)
_SECTION_SIZE_BINS = (2, 4, 8, 16)


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
        questions = [k for k in range(i, j) if blocks[k].qa_role in _ASKING]
        share = sum(chevrons[k] for k in questions) / max(len(questions), 1)
        shares[i:j] = [share] * (j - i)
        i = j
    return shares


class FeatureTable:
    """A page's context features column by column: what :func:`build_rows` gives as one dict per block.

    Each part sets keys of some blocks (``rows``, ascending): ``values`` sets ``name`` to a number per
    block, ``onehot`` sets ``f"{name}={category}"`` to 1.0, ``keyed`` merges a dict per block. No two
    parts set the same key of a block. The classifier's matrix is built from the parts directly
    (:meth:`detector.model._vectorize.DictColumns.transform_table`), without a dict per block.
    """

    VALUES, ONEHOT, KEYED = "values", "onehot", "keyed"

    def __init__(self, n: int):
        self.n = n
        self.parts: list[tuple[str, str, Sequence[int], Sequence]] = []

    def values(self, name: str, values: Sequence[float], rows: Sequence[int] | None = None) -> None:
        """Set ``name`` to ``values`` on ``rows`` (default: every block).

        Kept as doubles (8 bytes each, not a float object and its pointer): a page of tens of thousands
        of blocks has millions of values, which the matrix reads as float64 either way."""
        self.parts.append((self.VALUES, name, range(self.n) if rows is None else rows, array("d", values)))

    def onehot(self, name: str, categories: list, rows: Sequence[int] | None = None) -> None:
        """Set ``f"{name}={category}"`` to 1.0 on ``rows`` (default: every block), a category each."""
        self.parts.append((self.ONEHOT, name, range(self.n) if rows is None else rows, categories))

    def keyed(self, dicts: list[dict[str, float]], rows: Sequence[int] | None = None) -> None:
        """Merge ``dicts`` into the features of ``rows`` (default: every block), a dict each."""
        self.parts.append((self.KEYED, "", range(self.n) if rows is None else rows, dicts))

    def rows(self, start: int, stop: int) -> FeatureTable:
        """The table of blocks ``start`` to ``stop`` (excluded), numbered from 0: the same features."""
        table = FeatureTable(stop - start)
        for kind, name, where, values in self.parts:
            if where == range(self.n):  # every block: so is every block of the slice
                table.parts.append((kind, name, range(stop - start), values[start:stop]))
            else:  # rows ascending: the slice's are a run of them
                first, last = bisect_left(where, start), bisect_left(where, stop)
                table.parts.append((kind, name, [i - start for i in where[first:last]], values[first:last]))
        return table

    def dicts(self) -> list[dict[str, float]]:
        """One feature dict per block, its keys sorted.

        Sorted, because a fitted ``DictVectorizer`` leaves a row's columns in its dict's order, the order
        of the sums a linear model makes: keys in the order the parts set them, which may follow a set's
        iteration order and so the process's string hashing, made retraining differ from run to run."""
        rows: list[dict[str, float]] = [{} for _ in range(self.n)]
        for kind, name, where, values in self.parts:
            if kind == self.VALUES:
                for i, value in zip(where, values):
                    rows[i][name] = value
            elif kind == self.ONEHOT:
                for i, category in zip(where, values):
                    rows[i][f"{name}={category}"] = 1.0
            else:
                for i, features in zip(where, values):
                    rows[i].update(features)
        return [dict(sorted(row.items())) for row in rows]


#: rule categories that say nothing of a page's other paragraphs: genuine news pages carry calls to
#: subscribe and page furniture as much as content farms do
_NOT_PAGE_WIDE = frozenset({"promotional", "boilerplate"})
#: the other paragraphs a rule category must fire on to say something of the page: a clean page may mention
#: a rumour once (a heading over a named denial), a farm pads its pages with several
_ELSEWHERE_MIN = 2


def _elsewhere(table: FeatureTable, categories: list[set[str]]) -> None:
    """For each block, ``page_rulecat=<category>`` for every rule category that fired on other blocks of the
    page (at least :data:`_ELSEWHERE_MIN`): content farms carry several kinds of filler (a fake author profile, a pasted FAQ, a rumour),
    so a paragraph is judged with what the rest of its page shows. Promotional and boilerplate rules are
    left out (:data:`_NOT_PAGE_WIDE`)."""
    own = [mine - _NOT_PAGE_WIDE for mine in categories]
    pages = Counter(category for categories in own for category in categories)
    for category, count in pages.items():
        rows = [i for i, mine in enumerate(own) if count - (category in mine) >= _ELSEWHERE_MIN]
        if rows:
            table.values(f"page_rulecat={category}", [1.0] * len(rows), rows)


def _neighbour_features(
    table: FeatureTable,
    blocks: list[Block],
    ctx: PageContext,
    hits: list[list[RuleHit]],
    chevrons: list[bool],
    name: str,
) -> None:
    """What block ``i - 1`` (``name="prev"``) or ``i + 1`` (``"next"``) tells about block ``i``
    (``chevrons``: whether each block ends with "›"): scraped blocks come in runs."""
    n = len(blocks)
    rows, of = (range(1, n), range(n - 1)) if name == "prev" else (range(n - 1), range(1, n))
    table.values(f"{name}_field_line", [float(bool(ctx[j].field_name)) for j in of], rows)
    table.values(f"{name}_novel_names", [min(len(ctx[j].novel_names), 5) / 5 for j in of], rows)
    table.values(f"{name}_sim_max", [ctx[j].sim_max for j in of], rows)
    table.onehot(f"{name}_qa", [blocks[j].qa_role for j in of], rows)
    with_hits = [(i, j) for i, j in zip(rows, of) if hits[j]]
    table.keyed(
        [{f"{name}_rulecat={h.rule.category}": 1.0 for h in hits[j]} for _, j in with_hits],
        [i for i, _ in with_hits],
    )
    chevron_rows = [i for i, j in zip(rows, of) if chevrons[j]]  # rarer features left out when 0
    table.values(f"{name}_chevron", [1.0] * len(chevron_rows), chevron_rows)


def build_table(ctx: PageContext, hits: list[list[RuleHit]]) -> FeatureTable:
    """Rule hits and page-context features of every block of a page (its neighbours' included)."""
    blocks, contexts = ctx.page.blocks, ctx.blocks
    n = len(blocks)
    table = FeatureTable(n)
    hit_rows = [i for i in range(n) if hits[i]]
    rule_features = []
    for i in hit_rows:
        feats: dict[str, float] = {RULE_FEATURE + h.rule.id: 1.0 for h in hits[i]}
        for h in hits[i]:
            key = f"rulecat={h.rule.category}"
            feats[key] = feats.get(key, 0.0) + 1.0
        rule_features.append(feats)
    table.keyed(rule_features, hit_rows)
    texts = [block.text for block in blocks]
    stripped = [text.rstrip() for text in texts]
    sim_max = [b.sim_max for b in contexts]
    table.onehot("kind", [block.kind for block in blocks])
    table.values("in_main_text", [float(block.in_main_text) for block in blocks])
    table.values("page_is_html", [float(ctx.page.is_html)] * n)
    table.values("main_text_found", [float(ctx.page.main_text_found)] * n)
    table.values("after_main", [float(b.after_main) for b in contexts])
    table.values("before_main", [float(b.before_main) for b in contexts])
    # no position on the page: where a block falls in the block order is the template's doing (how long
    # its navigation is, whether the sidebar comes first), and a model that reads it learns where the
    # training pages put their spam rather than what spam is
    table.onehot("words_bin", [_bucket(b.n_words, _WORDS_BINS) for b in contexts])
    table.values("log_words", [math.log1p(b.n_words) / 5 for b in contexts])
    table.values("ends_question", [float(text.endswith(("?", "›"))) for text in stripped])
    table.values("ends_stop", [float(text.endswith((".", "!", "”", '"'))) for text in stripped])
    table.values("has_quote", [float(_has_quote(text)) for text in texts])
    table.values("digit_share", [_digit_share(text) for text in texts])
    table.values("first_person", [float(_first_person(text)) for text in texts])
    table.onehot("qa", [block.qa_role for block in blocks])
    table.onehot("qa_run_bin", [_bucket(block.qa_run, _QA_RUN_BINS) for block in blocks])
    table.values("sim_title", [b.sim_title for b in contexts])
    table.values("sim_lead", [b.sim_lead for b in contexts])
    table.values("sim_body", [b.sim_body for b in contexts])
    table.values("sim_max", sim_max)
    table.onehot("sim_bin", [_bucket(value, _SIM_BINS) for value in sim_max])
    for name in ("sim_window", "sim_section", "sim_unnamed", "sim_window_unnamed"):
        values = [getattr(b, name) for b in contexts]
        table.values(name, values)
        table.onehot(f"{name}_bin", [_bucket(value, _SIM_BINS) for value in values])
    for name in ("meaning_lead", "meaning_body", "meaning_window", "meaning_section"):
        values = [getattr(b, name) for b in contexts]
        table.values(name, values)
        table.onehot(f"{name}_bin", [_bucket(value, _MEANING_BINS) for value in values])
    table.values("novel_names", [min(len(b.novel_names), 5) / 5 for b in contexts])
    mentions = [not ctx.subject_names.isdisjoint(b.names) for b in contexts]
    table.values("mentions_subject", [float(m) for m in mentions])
    table.values("field_line", [float(bool(b.field_name)) for b in contexts])
    table.onehot(
        "field_run_bin", [_bucket(max(b.field_run, b.field_lines), _FIELD_RUN_BINS) for b in contexts]
    )
    table.values("named_source", [float(bool(b.source)) for b in contexts])
    # each block's rule categories, read by the page-wide and section-wide features below
    categories = [{h.rule.category for h in block_hits} for block_hits in hits]
    _elsewhere(table, categories)
    # the rarer features are left out when 0 (the same matrix, fewer keys)
    chevrons = [_ends_chevron(text) for text in texts]
    run_chevrons = _run_chevrons(blocks, chevrons)
    _sparse_values(table, "run_chevrons", run_chevrons)
    _sparse_values(table, "subject_as_word", [float(b.subject_as_word) for b in contexts])
    _sparse_values(
        table,
        "subject_only_as_word",
        [float(b.subject_as_word and not m) for b, m in zip(contexts, mentions)],
    )
    _sparse_values(table, "subject_homonym_only", [float(b.subject_homonym_only) for b in contexts])
    sections = {i: section for i in range(n) if (section := blocks[i].section)}
    sectioned = list(sections)
    for name, pattern in (("section_faq", _SECTION_FAQ), ("section_author", _SECTION_AUTHOR)):
        found = {
            section: float(pattern.search(section) is not None)
            for section in dict.fromkeys(sections.values())
        }
        table.values(name, [found[sections[i]] for i in sectioned], sectioned)
    _structure_features(table, ctx, categories)
    _neighbour_features(table, blocks, ctx, hits, chevrons, "prev")
    table.values("prev_none", [1.0] * min(n, 1), range(min(n, 1)))
    _neighbour_features(table, blocks, ctx, hits, chevrons, "next")
    table.values("next_none", [1.0] * min(n, 1), range(n - 1, n) if n else range(0))
    return table


def _structure_features(table: FeatureTable, ctx: PageContext, categories: list[set[str]]) -> None:
    """What the markup says around each block, and what its section holds.

    A section's shape tells what it is better than its words do: a pasted FAQ is a run of questions in
    an accordion or a FAQPage, a fake profile a run of field lines in an author card, whatever the
    subject and the phrasing. Each block gets its container's kind and the kinds its containers show
    evidence of, its section's kind and size, and how many of the section's other blocks are questions,
    field lines or hit rules of each category.
    """
    page: Page = ctx.page
    blocks, contexts = page.blocks, ctx.blocks
    n = len(blocks)
    structures = [block.structure for block in blocks]
    section_of = [""] * n
    for section in page.sections:
        for i in section.blocks:
            section_of[i] = section.kind
    # a container whose kind the page's sections overrode (a "newsletter" class on the whole article) is
    # read as its section says
    overridden = [s.kind in SHORT_KINDS and section_of[i] == "article" for i, s in enumerate(structures)]
    with_kind = [i for i in range(n) if structures[i].kind]
    table.onehot(
        "container", ["article" if overridden[i] else structures[i].kind for i in with_kind], with_kind
    )
    evidence = [
        {f"evidence={kind}": 1.0 for kind in s.evidence_kinds() if not (overridden[i] and kind == s.kind)}
        for i, s in enumerate(structures)
    ]
    with_evidence = [i for i in range(n) if evidence[i]]
    table.keyed([evidence[i] for i in with_evidence], with_evidence)
    vocabulary = load_vocabulary()
    declared = {vocabulary.types[t] for t in page.types if t in vocabulary.types}
    if declared:
        table.keyed([{f"page_declares={kind}": 1.0 for kind in sorted(declared)}] * n)
    size: list[int] = [0] * n
    share: dict[str, list[float]] = {"questions": [0.0] * n, "fields": [0.0] * n, "sim": [0.0] * n}
    first: list[int] = []
    category_rows: dict[str, tuple[list[int], list[float]]] = {}
    for section in page.sections:
        members = section.blocks
        m = len(members)
        questions = sum(blocks[i].qa_role in _ASKING for i in members)
        fields = sum(bool(contexts[i].field_name) for i in members)
        sim = sum(contexts[i].sim_max for i in members) / m
        counts = Counter(c for i in members for c in categories[i])
        first.append(members[0])
        for i in members:
            size[i] = m
            own_question = blocks[i].qa_role in _ASKING
            share["questions"][i] = (questions - own_question) / max(m - 1, 1)
            share["fields"][i] = (fields - bool(contexts[i].field_name)) / max(m - 1, 1)
            share["sim"][i] = sim
            mine = categories[i]
            for category, count in counts.items():
                others = count - (category in mine)
                if others:
                    rows, values = category_rows.setdefault(category, ([], []))
                    rows.append(i)
                    values.append(others / max(m - 1, 1))
    _outside(table, page.sections, categories)
    table.onehot("section", section_of)
    table.onehot("section_size_bin", [_bucket(m, _SECTION_SIZE_BINS) for m in size])
    for name, values in share.items():
        table.values(f"section_{name}", values)
    table.values("section_first", [1.0] * len(first), sorted(first))
    for category in sorted(category_rows):
        rows, values = category_rows[category]
        order = sorted(range(len(rows)), key=rows.__getitem__)
        table.values(f"section_rulecat={category}", [values[k] for k in order], [rows[k] for k in order])


def _outside(table: FeatureTable, sections: list, categories: list[set[str]]) -> None:
    """For each block, ``outside_rulecat=<category>`` for every rule category that fired outside the block's
    own section (on at least :data:`_ELSEWHERE_MIN` blocks; counted per block, each category once). A Q&A block or a person card is a farm's filler or a newsroom's own work; what tells them
    apart is often the rest of the page: a farm's other sections carry rumours and fake profiles, a clean
    page's do not (``page_rulecat`` counts the block's own section too, whose FAQ rules fire either way)."""
    per_section = [
        Counter(c for i in section.blocks for c in categories[i] - _NOT_PAGE_WIDE) for section in sections
    ]
    page: Counter[str] = Counter()
    for counts in per_section:
        page.update(counts)
    rows_of: dict[str, list[int]] = {}
    for section, counts in zip(sections, per_section):
        for category, count in page.items():
            if count - counts.get(category, 0) >= _ELSEWHERE_MIN:
                rows_of.setdefault(category, []).extend(section.blocks)
    for category in sorted(rows_of):
        rows = sorted(rows_of[category])
        table.values(f"outside_rulecat={category}", [1.0] * len(rows), rows)


def _sparse_values(table: FeatureTable, name: str, values: list[float]) -> None:
    """Set ``name`` on the blocks where its value is not 0 (a feature left out when 0)."""
    rows = [i for i, value in enumerate(values) if value]
    table.values(name, [values[i] for i in rows], rows)


def build_rows(ctx: PageContext, hits: list[list[RuleHit]]) -> np.ndarray:
    """The classifier's input for one page: an object array of ``(text, features)`` rows."""
    return classifier_rows([block.text for block in ctx.page.blocks], build_table(ctx, hits).dicts())


def classifier_rows(texts: list[str], features: list[dict[str, float]]) -> np.ndarray:
    """The object array of ``(text, features)`` rows the classifier takes, from its two columns."""
    rows = np.empty((len(texts), 2), dtype=object)
    rows[:, 0] = texts
    rows[:, 1] = features
    return rows
