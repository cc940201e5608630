"""Misinformation and SEO-spam detector for web pages.

Score a page paragraph by paragraph::

    from detector import Detector
    report = Detector.load().score(html_bytes, source="page.html")
    print(report.verdict, report.credibility)
"""

from .artifact import load_model
from .audit import AuditOptions, AuditSummary, run_audit
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
    UntrustedModelError,
)
from .labels import LABELS, SPAM_LABELS
from .page import Block, Page, PageLimits, extract_page
from .report import ErrorInfo, Flag, ModelInfo, PageReport, Paragraph, report_schema
from .rules import RuleSet, load_rules
from .scoring import Detector, ScoreOptions

__version__ = "0.8.0"

__all__ = [
    "LABELS", "SPAM_LABELS", "AuditError", "AuditOptions", "AuditSummary", "BinaryInputError", "Block", "CorpusError", "Detector", "DetectorError",
    "EmptyInputError", "ErrorInfo", "Flag", "InputError", "InputTooLargeError", "ModelError",
    "ModelInfo", "ModelIntegrityError", "ModelNotFoundError", "ModelVersionError", "Page", "PageLimits",
    "PageTooComplexError",
    "PageReport", "Paragraph", "ParseError", "RuleError", "RuleSet", "ScoreOptions", "extract_page",
    "UntrustedModelError", "load_model", "load_rules", "report_schema", "run_audit", "__version__",
]
