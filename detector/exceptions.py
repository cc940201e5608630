"""The one exception hierarchy of the detector.

::

    DetectorError
    ├── InputError            the page itself is unusable (reported in ``PageReport.error``)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── InputTooLargeError
    │   ├── ParseError
    │   ├── PageTooComplexError   over a limit of :class:`~detector.page.extract.PageLimits` that cannot be cut
    │   ├── SpecialFileError  a named pipe, socket or device where a page file was expected
    │   ├── ArchiveRecordError    a web archive's record is truncated or corrupt
    │   ├── FetchError            a page could not be fetched by URL
    │   │   └── RefusedURLError   refused before any connection (scheme, non-public address)
    │   ├── ScoringTimeoutError   scoring the page took longer than its time budget (the service)
    │   └── ScoringCrashError     the process scoring the page died (the service)
    ├── ModelError            the trained model cannot be used
    │   ├── ModelNotFoundError
    │   ├── ModelIntegrityError   the joblib file or the sidecar does not match the recorded digests,
    │   │                         or the sidecar is malformed
    │   ├── ModelVersionError     trained with another scikit-learn / feature version
    │   └── UntrustedModelError   not the shipped model, and custom models were not allowed
    ├── RuleError             the rule file is invalid
    ├── CorpusError           a labelled corpus file is invalid
    ├── AuditError            an audit cannot run: a path is missing, the output cannot be read or written
    │   └── NoPagesError      the paths hold no page file to audit (an empty folder, only other files)
    └── ResultsFormatError    the review report was given something other than an audit's JSONL (its CSV ...)
"""

from __future__ import annotations


class DetectorError(Exception):
    """Base class of every error the detector raises on purpose."""


class InputError(DetectorError):
    """The input page cannot be scored."""


class EmptyInputError(InputError):
    """The input holds no visible text."""


class BinaryInputError(InputError):
    """The input is binary data, not an HTML or text page."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class PageTooComplexError(InputError):
    """The page's markup is over a limit of what one page may cost (:class:`detector.page.extract.PageLimits`)
    that cannot be met by cutting the page short; the message names the limit, its value and how to
    raise it."""


class ParseError(InputError):
    """The input could not be parsed as HTML."""


class SpecialFileError(InputError):
    """The path is a named pipe, socket or device, not a regular file: reading it could block forever."""


class ArchiveRecordError(InputError):
    """A web archive's record is truncated or corrupt, or is no longer where the archive's scan found it."""


class FetchError(InputError):
    """A page could not be fetched by URL: unresolvable or unreachable host, error status, too many
    redirects, too slow."""


class RefusedURLError(FetchError):
    """A URL was refused before any connection: not http(s), or its host resolves to an address that is not
    public (private, loopback, link-local, metadata...)."""


class ScoringTimeoutError(InputError):
    """Scoring the page took longer than its time budget; the service abandoned it."""


class ScoringCrashError(InputError):
    """The process scoring the page died before it answered (e.g. killed for memory)."""


class ModelError(DetectorError):
    """The trained model cannot be used."""


class ModelNotFoundError(ModelError):
    """No model file where one was expected."""


class ModelIntegrityError(ModelError):
    """The model file or its sidecar does not match the recorded digests, or the sidecar is malformed."""


class ModelVersionError(ModelError):
    """The model was trained with an incompatible library or feature version."""


class UntrustedModelError(ModelError):
    """The model is not the shipped one (its digest is not pinned) and custom models were not allowed.

    Loading a joblib file runs code from it, so only the shipped model loads by default.
    """


class RuleError(DetectorError):
    """The rule file is invalid."""


class CorpusError(DetectorError):
    """A labelled corpus file is invalid."""


class AuditError(DetectorError):
    """An audit cannot run: an input path is missing, or the output cannot be read or written."""


class NoPagesError(AuditError):
    """The audited paths hold no page file: an empty folder, or one with only other files.

    An audit of nothing is a mistake in its paths (a wrong folder, an unmounted share), not a clean
    result: it is refused before the output is touched, so an earlier run's rows stay.
    """


class ResultsFormatError(DetectorError):
    """The review report's input is not the JSONL of an audit (e.g. its CSV): no line is a page report."""
