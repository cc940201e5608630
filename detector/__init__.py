"""Misinformation and SEO-spam detector for web pages.

Score a page paragraph by paragraph::

    from detector import Detector
    report = Detector.load().score(html_bytes, source="page.html")
    print(report.verdict, report.credibility)

The names below are imported on first use (PEP 562), so ``import detector`` and the command line's
``--help`` do not load scikit-learn, lxml or trafilatura.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "LABELS",
    "SPAM_LABELS",
    "ArchiveRecordError",
    "AuditError",
    "AuditOptions",
    "AuditSummary",
    "BinaryInputError",
    "Block",
    "CorpusError",
    "Detector",
    "DetectorError",
    "EmptyInputError",
    "ErrorInfo",
    "FetchError",
    "Flag",
    "InputError",
    "InputTooLargeError",
    "ModelError",
    "ModelInfo",
    "ModelIntegrityError",
    "ModelNotFoundError",
    "ModelVersionError",
    "Page",
    "PageLimits",
    "PageReport",
    "PageTooComplexError",
    "Paragraph",
    "ParseError",
    "RefusedURLError",
    "RuleError",
    "RuleSet",
    "ScoreOptions",
    "ScoringCrashError",
    "ScoringTimeoutError",
    "SpecialFileError",
    "UntrustedModelError",
    "__version__",
    "extract_page",
    "load_model",
    "load_rules",
    "report_schema",
    "run_audit",
]

#: The module (relative to this package) defining each public name.
_HOMES = {
    "AuditOptions": ".audit.local",
    "AuditSummary": ".audit.local",
    "run_audit": ".audit.local",
    **dict.fromkeys(
        (
            "ArchiveRecordError",
            "AuditError",
            "BinaryInputError",
            "CorpusError",
            "DetectorError",
            "EmptyInputError",
            "FetchError",
            "InputError",
            "InputTooLargeError",
            "ModelError",
            "ModelIntegrityError",
            "ModelNotFoundError",
            "ModelVersionError",
            "PageTooComplexError",
            "ParseError",
            "RefusedURLError",
            "RuleError",
            "ScoringCrashError",
            "ScoringTimeoutError",
            "SpecialFileError",
            "UntrustedModelError",
        ),
        ".exceptions",
    ),
    "LABELS": ".labels",
    "SPAM_LABELS": ".labels",
    "load_model": ".model.artifact",
    "Block": ".page.extract",
    "Page": ".page.extract",
    "PageLimits": ".page.extract",
    "extract_page": ".page.extract",
    "ErrorInfo": ".report.schema",
    "Flag": ".report.schema",
    "ModelInfo": ".report.schema",
    "PageReport": ".report.schema",
    "Paragraph": ".report.schema",
    "report_schema": ".report.schema",
    "Detector": ".scoring",
    "ScoreOptions": ".scoring",
    "RuleSet": ".signals.rules",
    "load_rules": ".signals.rules",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # pyproject.toml's, as installed (pip install -e . or a wheel)
        from importlib.metadata import version

        value: Any = version("detector")
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # resolved once: later lookups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from .audit.local import AuditOptions, AuditSummary, run_audit
    from .exceptions import (
        ArchiveRecordError,
        AuditError,
        BinaryInputError,
        CorpusError,
        DetectorError,
        EmptyInputError,
        FetchError,
        InputError,
        InputTooLargeError,
        ModelError,
        ModelIntegrityError,
        ModelNotFoundError,
        ModelVersionError,
        PageTooComplexError,
        ParseError,
        RefusedURLError,
        RuleError,
        ScoringCrashError,
        ScoringTimeoutError,
        SpecialFileError,
        UntrustedModelError,
    )
    from .labels import LABELS, SPAM_LABELS
    from .model.artifact import load_model
    from .page.extract import Block, Page, PageLimits, extract_page
    from .report.schema import ErrorInfo, Flag, ModelInfo, PageReport, Paragraph, report_schema
    from .scoring import Detector, ScoreOptions
    from .signals.rules import RuleSet, load_rules

    __version__: str
