"""Misinformation and SEO-spam detector for web pages.

Score a page paragraph by paragraph::

    from detector import Detector
    report = Detector.load().score(html_bytes, source="page.html")
    print(report.verdict, report.credibility)
"""

from .audit.local import AuditOptions, AuditSummary, run_audit
from .exceptions import (
    AuditError,
    BinaryInputError,
    CorpusError,
    DetectorError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    ModelError,
    ModelIntegrityError,
    ModelNotFoundError,
    ModelVersionError,
    PageTooComplexError,
    ParseError,
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

__version__ = "0.8.0"

__all__ = [
    "LABELS",
    "SPAM_LABELS",
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
