"""Scoring a page: the library API that the CLI and the HTTP service are thin layers over."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .exceptions import InputError
from .labels import LABEL_WORDING, LABELS, SPAM_LABELS
from .model.artifact import LoadedModel, load_model
from .model.features import page_rows, page_table
from .page.extract import Page, PageLimits, check_content_type, extract_page
from .report.schema import Discount, ErrorInfo, Flag, ModelInfo, PageReport, Paragraph
from .signals.context import build_context
from .signals.hedges import register_cues
from .signals.rules import RuleSet, default_rules
from .timing import StageTimes, lap_of, no_lap

logger = logging.getLogger(__name__)

#: Page verdict thresholds used when a model's sidecar names none.
DEFAULT_VERDICT_THRESHOLDS = {"credible": 0.85, "spam": 0.6, "spam_share": 0.5}
#: Page credibility is discounted by the page's rumour register (:func:`detector.signals.hedges.rumour_register`,
#: weasel and gossip cues per sentence): no discount up to ``free``, then ``slope`` per cue per sentence,
#: at most ``cap``. Sober reporting stays below ~0.25 cues per sentence; gossip built on anonymous
#: insiders and vague attribution runs at 0.5 to 1 and more.
RUMOUR_REGISTER_DISCOUNT = {"free": 0.1, "slope": 1.0, "cap": 0.7}


#: Highest credibility of a paragraph whose label a deciding rule gave (``decides = true`` in rules.toml).
DECIDED_CREDIBILITY = 0.5


def register_discount(title: str | None, texts: list[str]) -> tuple[float, float, Counter]:
    """The share of credibility a page loses for its rumour register (0 to ``cap``), the register and
    its cues (:func:`detector.signals.hedges.register_cues`)."""
    d = RUMOUR_REGISTER_DISCOUNT
    register, cues = register_cues(title, texts)
    return min(d["cap"], d["slope"] * max(0.0, register - d["free"])), register, cues


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """Options for scoring, shared by every interface.

    Parameters
    ----------
    content_type : ``"auto"`` (sniff), ``"html"`` or ``"text"``.
    max_bytes : larger inputs get a report with an ``InputTooLargeError``.
    limits : what one page may cost (:class:`~detector.page.extract.PageLimits`: elements, attributes per
        element, blocks, characters per block and in all); a page over them is cut short (its
        report's ``truncated`` says so) or, for too many attributes, refused (``PageTooComplexError``).
    """

    content_type: str = "auto"
    max_bytes: int = 20_000_000
    limits: PageLimits = field(default_factory=PageLimits)

    def __post_init__(self):
        check_content_type(self.content_type)
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes!r}")
        if not isinstance(self.limits, PageLimits):
            raise ValueError(f"limits must be a PageLimits, not {type(self.limits).__name__}")


def analyse_page(page: Page, rules: RuleSet, lap=no_lap):
    """Page context, rule hits and classifier rows of a parsed page (``lap``: see :mod:`detector.timing`)."""
    ctx, hits = page_hits(page, rules, lap)
    return ctx, hits, page_rows(ctx, hits)


def page_hits(page: Page, rules: RuleSet, lap=no_lap):
    """Page context and rule hits of a parsed page (``lap``: see :mod:`detector.timing`)."""
    ctx = build_context(page, rules.index)
    lap("context")
    hits = rules.apply(ctx)
    lap("rules")
    return ctx, hits


_SHARED: dict[tuple, Detector] = {}


class Detector:
    """A loaded model and rule set that score pages.

    Examples
    --------
    >>> detector = Detector.load()                                   # doctest: +SKIP
    >>> report = detector.score(open("page.html", "rb").read(), source="page.html")  # doctest: +SKIP
    >>> report.verdict, report.counts                                # doctest: +SKIP
    """

    def __init__(self, model: LoadedModel, rules: RuleSet | None = None, options: ScoreOptions | None = None):
        self.model = model
        self.rules = rules if rules is not None else default_rules()
        self.options = options or ScoreOptions()
        meta = model.metadata
        self.info = ModelInfo(
            name=meta.get("name", "detector"),
            version=str(meta.get("version", "unknown")),
            sha256=meta.get("sha256", ""),
            digest=model.digest,
            official=model.official,
        )
        self.verdict_thresholds = {
            **DEFAULT_VERDICT_THRESHOLDS,
            **meta.get("thresholds", {}).get("verdict", {}),
        }
        self.classifier = model.estimator.compiled()

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        *,
        rules: RuleSet | None = None,
        options: ScoreOptions | None = None,
        allow_custom_model: bool = False,
    ) -> Detector:
        """Load the model at ``path`` (default: the shipped model) after verifying it.

        Loading a model runs code from its file: a model that is not the shipped one (its digest is
        not pinned in the package) loads only with ``allow_custom_model=True``, and its reports say
        ``model.official: false``. See :func:`detector.model.artifact.load_model`.
        """
        return cls(load_model(path, allow_custom_model=allow_custom_model), rules=rules, options=options)

    @classmethod
    def shared(
        cls,
        path: str | Path | None = None,
        *,
        options: ScoreOptions | None = None,
        allow_custom_model: bool = False,
    ) -> Detector:
        """The detector of this process for ``path``, ``options`` and ``allow_custom_model``, loaded on first use.

        Worker processes (parallel audits, evaluations) call this, so each loads the model once, not
        once per page.
        """
        key = (str(path) if path is not None else None, options or ScoreOptions(), allow_custom_model)
        if key not in _SHARED:
            _SHARED[key] = cls.load(path, options=options, allow_custom_model=allow_custom_model)
        return _SHARED[key]

    # -- public API ------------------------------------------------------------------------------

    def score(
        self,
        data: bytes | str,
        *,
        source: str = "<input>",
        content_type: str | None = None,
        stages: StageTimes | None = None,
        charset: str | None = None,
    ) -> PageReport:
        """Score one page (HTML or plain text, bytes or str) and return its report.

        Input problems (empty, binary, too large, unparseable) never raise: the report comes back
        with ``error`` set. So does any unexpected failure while scoring the page (it is logged).
        A ``content_type`` other than ``"auto"``, ``"html"`` or ``"text"`` is the caller's mistake: ``ValueError``.
        ``stages`` accumulates the time of each pipeline stage (see :mod:`detector.timing`).
        ``charset`` is the transport's charset for bytes (the HTTP ``Content-Type`` parameter): bytes are
        decoded as a browser does (:mod:`detector.page.decoding`), so a label browsers ignore is ignored.
        """
        content_type = content_type or self.options.content_type
        check_content_type(content_type)
        if stages is not None:
            stages.start()
        digest = input_sha256(data)
        try:
            page = extract_page(
                data,
                source=source,
                content_type=content_type,
                max_bytes=self.options.max_bytes,
                limits=self.options.limits,
                stages=stages,
                charset=charset,
            )
            return self.score_page(page, sha256=digest, stages=stages)
        except InputError as exc:
            return self.error_report(source, exc, sha256=digest)
        except Exception as exc:  # an unexpected failure on hostile input still yields a report
            logger.exception("failed to score %s", source)
            return self.error_report(source, exc, sha256=digest)

    def score_page(
        self, page: Page, *, sha256: str | None = None, stages: StageTimes | None = None
    ) -> PageReport:
        """Score an already parsed :class:`~detector.page.extract.Page` (``sha256``: of its input bytes, if known)."""
        lap = lap_of(stages)
        ctx, hits = page_hits(page, self.rules, lap)
        transformed = self.classifier.transform_page(
            [block.text for block in page.blocks], page_table(ctx, hits)
        )
        lap("features")
        proba = self.classifier.predict_proba(transformed)
        labels = self.classifier.decide(proba).tolist()
        lap("classifier")
        credibility = (
            np.clip(1.0 - proba[:, self.classifier.spam_columns].sum(axis=1), 0.0, 1.0).round(4).tolist()
        )
        deciders = self.rules.deciders(labels, [[hit.rule.id for hit in block_hits] for block_hits in hits])
        paragraphs = []
        for i, (block, label, block_credibility) in enumerate(zip(page.blocks, labels, credibility)):
            decider = deciders[i]
            if decider is not None:  # a deciding rule: the claim cannot be vouched for
                label, block_credibility = (
                    self.rules.deciding[decider],
                    min(block_credibility, DECIDED_CREDIBILITY),
                )
            flags = self._flags(label, i, proba[i], transformed, hits[i], by_model=decider is None)
            paragraphs.append(
                Paragraph(
                    index=block.index,
                    text=block.text,
                    kind=block.kind,
                    in_main_text=block.in_main_text,
                    credibility=block_credibility,
                    label=label,
                    decided_by=decider,
                    flags=flags,
                )
            )
        credibility, verdict, discount = self._page_verdict(paragraphs, title=page.title)
        counts = Counter(p.label for p in paragraphs)
        report = PageReport(
            source=page.source,
            sha256=sha256,
            title=page.title,
            credibility=credibility,
            verdict=verdict,
            counts={label: counts.get(label, 0) for label in LABELS},
            discount=discount,
            paragraphs=paragraphs,
            model=self.info,
            error=None,
            truncated=" ".join(page.truncated) or None,
        )
        lap("report")
        return report

    def error_report(self, source: str, exc: BaseException, *, sha256: str | None = None) -> PageReport:
        """The report of a page that could not be scored: no paragraphs, ``error`` set.

        It cannot be vouched for, so it is ``suspicious`` with credibility 0.
        """
        return PageReport(
            source=source,
            sha256=sha256,
            title=None,
            credibility=0.0,
            verdict="suspicious",
            counts=dict.fromkeys(LABELS, 0),
            paragraphs=[],
            model=self.info,
            error=ErrorInfo(type=type(exc).__name__, message=str(exc) or type(exc).__name__),
        )

    # -- internals -------------------------------------------------------------------------------

    def _flags(
        self, label: str, i: int, proba: np.ndarray, transformed, hits, by_model: bool = True
    ) -> list[Flag]:
        """The flags of paragraph ``i``: the classifier's (when ``by_model``: its label is the model's own) and
        every rule that fired, with its learned weight."""
        flags = []
        if by_model and label in SPAM_LABELS:
            k = self.classifier.classes.index(label)
            flags.append(
                Flag(
                    category=label,
                    rule=None,
                    score=round(float(proba[k]), 4),
                    reason=f"The classifier rates this paragraph {proba[k]:.0%} likely to be "
                    f"{LABEL_WORDING[label].phrase}.",
                    evidence=self._top_features(transformed, i, k),
                )
            )
        weights = self.classifier.rule_weights
        for hit in hits:
            rule = hit.rule
            weight = weights.get(rule.id, {}).get(rule.category, 0.0)
            flags.append(
                Flag(
                    category=rule.category,
                    rule=rule.id,
                    score=round(weight, 4),
                    reason=rule.description,
                    evidence=hit.evidence,
                )
            )
        return flags

    def _top_features(self, matrix, i: int, k: int, n: int = 4) -> str:
        """The features of row ``i`` of a CSR ``matrix`` that pushed hardest towards class ``k``, readable."""
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        columns = matrix.indices[start:end]
        contrib = matrix.data[start:end] * self.classifier.coef[k, columns]
        names: list[str] = []
        for j in np.argsort(-contrib, kind="stable"):
            if contrib[j] <= 0 or len(names) >= n:
                break
            readable = _readable_feature(self.classifier.feature_names[columns[j]])
            if readable and readable not in names:
                names.append(readable)
        return "; ".join(names)

    def _page_verdict(
        self, paragraphs: list[Paragraph], title: str | None = None
    ) -> tuple[float, str, Discount | None]:
        """Page credibility, verdict, and the discount when the page's register lowered the credibility.

        The credibility is the mean credibility of the non-boilerplate paragraphs (weighted by length,
        3 to 100 words), discounted by the page's rumour register (:data:`RUMOUR_REGISTER_DISCOUNT`).
        The verdict is ``spam`` when the paragraphs' own credibility is below the spam threshold or at
        least ``spam_share`` of them are spam; ``suspicious`` when the discounted credibility is below
        the credible threshold; else ``credible``. Gossip register alone makes a page suspicious, never
        spam: a page is called spam for what its paragraphs are."""
        scored = [p for p in paragraphs if p.label != "boilerplate"]
        if not scored:
            return 1.0, "credible", None
        weights = np.array([min(max(len(p.text.split()), 3), 100) for p in scored], dtype=float)
        values = np.array([p.credibility for p in scored])
        own = float((weights * values).sum() / weights.sum())
        share, register, cues = register_discount(title, [p.text for p in scored])
        credibility = round(own * (1.0 - share), 4)
        discount = None
        if share > 0:
            discount = Discount(
                reason=f"The page is written in a rumour register ({register:.2f} weasel or gossip cues per "
                f"sentence): its credibility is lowered by {share:.0%}.",
                cues_per_sentence=round(register, 4),
                share=round(share, 4),
                paragraphs_credibility=round(own, 4),
                evidence=[f"{cue} ×{n}" for cue, n in cues.most_common(8)],
            )
        spam_share = sum(p.label in SPAM_LABELS for p in scored) / len(scored)
        if (
            round(own, 4) < self.verdict_thresholds["spam"]
            or spam_share >= self.verdict_thresholds["spam_share"]
        ):
            return credibility, "spam", discount
        if credibility < self.verdict_thresholds["credible"]:
            return credibility, "suspicious", discount
        return credibility, "credible", discount


_READABLE = {
    "in_main_text": "in the main text",
    "after_main": "after the end of the article",
    "before_main": "before the article starts",
    "ends_question": "ends with a question mark",
    "ends_stop": "ends with a full stop",
    "has_quote": "contains a quotation",
    "named_source": "names a source",
    "novel_names": "names found nowhere else in the article",
    "mentions_subject": "mentions the page's subject",
    "field_line": "a 'Field: value' line",
    "first_person": "written in the first person",
    "section_faq": "under a FAQ heading",
    "section_author": "under an author heading",
    "sim_title": "similarity to the title",
    "sim_lead": "similarity to the lead",
    "sim_body": "similarity to the body",
    "sim_max": "similarity to the page subject",
    "sim_window": "similarity of it and its neighbours to the rest of the page",
    "sim_section": "similarity of its section to the rest of the page",
    "sim_unnamed": "similarity to the page beyond the subject's name",
    "sim_window_unnamed": "similarity of it and its neighbours to the page beyond the subject's name",
}

#: the low similarity bins that explain a drift (bins 0 and 1: below 0.08)
_READABLE_LOW = {
    "sim_window_bin": "it and its neighbours share little with the rest of the page",
    "sim_section_bin": "its section shares little with the rest of the page",
    "sim_unnamed_bin": "it shares little with the page beyond the subject's name",
    "sim_window_unnamed_bin": "it and its neighbours share little with the page beyond the subject's name",
}


@functools.cache
def _readable_feature(name: str) -> str | None:
    """A moderator-readable phrase for a classifier feature, or None for ones that explain nothing."""
    block, _, feature = name.partition("__")
    key, _, value = feature.partition("=")
    if key in _READABLE_LOW:
        return _READABLE_LOW[key] if value in ("0", "1") else None
    if (
        block == "chars"
        or "_bin=" in feature
        or feature.startswith(("position", "log_words", "digit_share", "page_is_html", "main_text_found"))
    ):
        return None
    if block == "words":
        return f"the words '{feature}'"
    where = ""
    for prefix, phrase in (("prev_", " (previous paragraph)"), ("next_", " (next paragraph)")):
        if feature.startswith(prefix):
            feature, where = feature.removeprefix(prefix), phrase
    key, _, value = feature.partition("=")
    if key == "rule":
        text = f"rule {value}"
    elif key == "rulecat":
        text = f"{value.replace('_', ' ')} rules fired"
    elif key == "page_rulecat":
        text = f"{value.replace('_', ' ')} rules fired elsewhere on the page"
    elif key == "qa":
        text = "not in a Q&A block" if value == "None" else f"a Q&A {value}"
    elif key == "kind":
        text = f"a {value.replace('_', ' ')}"
    elif key == "none":
        text = "at the page edge"
    else:
        text = _READABLE.get(key, key.replace("_", " "))
    return text + where


def input_sha256(data) -> str | None:
    """The sha256 of the input as given (a str's UTF-8 bytes), or None for what cannot be hashed.

    ``surrogatepass`` lets a str with lone surrogates be hashed (plain UTF-8 refuses them) while
    every other str keeps its digest, which ``audit --resume`` matches. Never raises: the report of
    a hostile input must still come back.
    """
    try:
        return hashlib.sha256(
            data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        ).hexdigest()
    except Exception:  # not bytes-like (the report then names the type error), or a non-contiguous buffer
        return None
