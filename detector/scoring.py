"""Scoring a page: the library API that the CLI and the HTTP service are thin layers over.

:class:`Detector` runs the stages in order: the page (:mod:`detector.page`), its signals
(:func:`find_hits`; and the page-level ones, :mod:`detector.signals.page_signals`), the model (the estimator's scoring-time form,
:class:`~detector.model.compiled.CompiledClassifier`), and the report (flags and other evidence from
:mod:`detector.report.explain`, the verdict from :mod:`detector.report.verdict`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .choices import ASSESSED_LANGUAGES, LANGUAGE_CODE
from .exceptions import InputError
from .labels import LABELS, NOT_ASSESSED
from .model.artifact import LoadedModel, load_model
from .model.features import build_rows, build_table
from .model.section_pass import Layout
from .page.extract import Page, PageLimits, check_content_type, extract_page
from .report.explain import Explainer
from .report.schema import ErrorInfo, ModelInfo, PageReport, Paragraph
from .report.sections import summarise_sections
from .report.verdict import DECIDED_CREDIBILITY, DEFAULT_VERDICT_THRESHOLDS, page_verdict, signal_penalties
from .signals.context import PageContext, build_context
from .signals.language import page_language
from .signals.page_signals import find_signals
from .signals.rules import RuleHit, RuleSet, default_rules
from .timing import StageTimes, lap_of, no_lap

logger = logging.getLogger(__name__)


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
    language : the pages' language (ISO 639-1 code) instead of the detected one: ``"en"`` scores a page
        whatever it is written in; another code reports it as not assessed. ``None``: detect it
        (:mod:`detector.signals.language`).
    """

    content_type: str = "auto"
    max_bytes: int = 20_000_000
    limits: PageLimits = field(default_factory=PageLimits)
    language: str | None = None

    def __post_init__(self):
        check_content_type(self.content_type)
        if self.language is not None:
            check_language(self.language)
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes!r}")
        if not isinstance(self.limits, PageLimits):
            raise ValueError(f"limits must be a PageLimits, not {type(self.limits).__name__}")


_LANGUAGE_CODE = re.compile(LANGUAGE_CODE)


def check_language(language: str) -> None:
    """Refuse (``ValueError``) a language that is not a lower-case ISO 639 code."""
    if not isinstance(language, str) or not _LANGUAGE_CODE.fullmatch(language):
        raise ValueError(f"language must be an ISO 639-1 code such as 'en' or 'de', not {language!r}")


def find_hits(
    page: Page, rules: RuleSet, lap: Callable[[str], None] = no_lap, foreign: Iterable[int] = ()
) -> tuple[PageContext, list[list[RuleHit]]]:
    """The page context of a parsed page and the rule hits of each of its blocks (``lap``: see
    :mod:`detector.timing`); on the blocks ``foreign`` (in another language than the rules'), only the
    rules of any language."""
    ctx = build_context(page, rules.index)
    lap("context")
    hits = rules.apply(ctx, foreign)
    lap("rules")
    return ctx, hits


def extract_rows(page: Page, rules: RuleSet, lap: Callable[[str], None] = no_lap) -> np.ndarray:
    """The classifier's input rows of a parsed page (:func:`detector.model.features.build_rows`)."""
    return build_rows(*find_hits(page, rules, lap))


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
        self.classifier = model.classifier
        self.explainer = Explainer(
            self.classifier.classes,
            self.classifier.coef,
            self.classifier.feature_names,
            self.classifier.rule_weights,
        )

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

        Only the model's data-only scoring form is loaded (no pickle, no scikit-learn). A model that is not
        the shipped one (its digest is not pinned in the package) loads only with
        ``allow_custom_model=True``, and its reports say ``model.official: false``. See
        :func:`detector.model.artifact.load_model`.
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
        language: str | None = None,
    ) -> PageReport:
        """Score one page (HTML or plain text, bytes or str) and return its report.

        Input problems (empty, binary, too large, unparseable) never raise: the report comes back
        with ``error`` set. So does any unexpected failure while scoring the page (it is logged).
        A ``content_type`` other than ``"auto"``, ``"html"`` or ``"text"`` is the caller's mistake: ``ValueError``.
        ``stages`` accumulates the time of each pipeline stage (see :mod:`detector.timing`).
        ``charset`` is the transport's charset for bytes (the HTTP ``Content-Type`` parameter): bytes are
        decoded as a browser does (:mod:`detector.page.decoding`), so a label browsers ignore is ignored.
        ``language`` is the page's language instead of the detected one (as :class:`ScoreOptions`'s).
        """
        content_type = content_type or self.options.content_type
        check_content_type(content_type)
        if language is not None:
            check_language(language)
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
            return self.score_page(page, sha256=digest, stages=stages, language=language)
        except InputError as exc:
            return self.error_report(source, exc, sha256=digest)
        except Exception as exc:  # an unexpected failure on hostile input still yields a report
            logger.exception("failed to score %s", source)
            return self.error_report(source, exc, sha256=digest)

    def score_page(
        self,
        page: Page,
        *,
        sha256: str | None = None,
        stages: StageTimes | None = None,
        language: str | None = None,
    ) -> PageReport:
        """Score an already parsed :class:`~detector.page.extract.Page` (``sha256``: of its input bytes, if
        known; ``language``: its language instead of the detected one)."""
        lap = lap_of(stages)
        detected = page_language(page, language or self.options.language)
        lap("language")
        if detected.code is not None and detected.code not in ASSESSED_LANGUAGES:
            return self._not_assessed_report(page, detected.code, sha256)
        ctx, hits = find_hits(page, self.rules, lap, foreign=detected.paragraphs)
        transformed = self.classifier.transform_page(
            [block.text for block in page.blocks], build_table(ctx, hits)
        )
        lap("features")
        proba = self.classifier.reconsider(self.classifier.predict_proba(transformed), Layout.of_page(page))
        # the main-text extractor's judgement exists on HTML pages only (a plain-text page is all main text)
        judged = np.fromiter(
            (page.is_html and block.in_main_text for block in page.blocks), dtype=bool, count=len(page.blocks)
        )
        labels = self.classifier.decide(proba, judged).tolist()
        lap("classifier")
        credibility = (
            np.clip(1.0 - proba[:, self.classifier.spam_columns].sum(axis=1), 0.0, 1.0).round(4).tolist()
        )
        decided_by = self.rules.decided_by(
            labels, [[hit.rule.id for hit in block_hits] for block_hits in hits]
        )
        paragraphs = []
        for i, (block, label, block_credibility) in enumerate(zip(page.blocks, labels, credibility)):
            rule = decided_by[i]
            if rule is not None:  # a rule that decides: the claim cannot be vouched for
                label, block_credibility = (
                    self.rules.decides[rule],
                    min(block_credibility, DECIDED_CREDIBILITY),
                )
            flags, other_evidence = self.explainer.explain(
                label, i, proba[i], transformed, hits[i], credibility=block_credibility, decided_by=rule
            )
            paragraphs.append(
                Paragraph(
                    index=block.index,
                    text=block.text,
                    kind=block.kind,
                    in_main_text=block.in_main_text,
                    credibility=block_credibility,
                    label=label,
                    decided_by=rule,
                    flags=flags,
                    other_evidence=other_evidence,
                    language=detected.paragraphs.get(block.index),
                )
            )
        signals = signal_penalties(find_signals(page))
        credibility, verdict, discount = page_verdict(
            paragraphs, self.verdict_thresholds, title=page.title, signals=signals
        )
        counts = Counter(p.label for p in paragraphs)
        report = PageReport(
            source=page.source,
            sha256=sha256,
            title=page.title,
            credibility=credibility,
            verdict=verdict,
            counts={label: counts.get(label, 0) for label in LABELS},
            discount=discount,
            signals=signals,
            paragraphs=paragraphs,
            sections=summarise_sections(page.sections, paragraphs),
            model=self.info,
            error=None,
            truncated=" ".join(page.truncated) or None,
            language=detected.code,
        )
        lap("report")
        return report

    def _not_assessed_report(self, page: Page, language: str, sha256: str | None) -> PageReport:
        """The report of a page in a language the model was not trained for: no verdict, no paragraphs."""
        return _without_verdict(
            self.info,
            page.source,
            sha256,
            title=page.title,
            truncated=" ".join(page.truncated) or None,
            language=language,
            not_assessed=f"{NOT_ASSESSED} for language {language}: the rules and the model read "
            f"{', '.join(ASSESSED_LANGUAGES)} (--language en scores it anyway)",
        )

    def error_report(self, source: str, exc: BaseException, *, sha256: str | None = None) -> PageReport:
        """The report of a page that could not be scored: no paragraphs, ``error`` set.

        Its verdict and credibility are null: nothing was read of the page, so calling it suspicious (as
        this once did) would count a PDF or an empty file among the suspicious pages and fire
        ``--fail-on suspicious``. Every view shows it as "not scored".
        """
        return _without_verdict(
            self.info,
            source,
            sha256,
            title=None,
            error=ErrorInfo(type=type(exc).__name__, message=str(exc) or type(exc).__name__),
        )


def _without_verdict(model: ModelInfo, source: str, sha256: str | None, **fields) -> PageReport:
    """A report with no verdict, no credibility and no paragraphs (``fields``: why, and what is known). A
    function of the model's info alone: the service's stand-ins for a detector borrow ``error_report``."""
    return PageReport(
        source=source,
        sha256=sha256,
        credibility=None,
        verdict=None,
        counts=dict.fromkeys(LABELS, 0),
        paragraphs=[],
        model=model,
        **fields,
    )


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
