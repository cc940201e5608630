"""The one exception hierarchy of the detector.

::

    DetectorError
    ├── InputError            the page itself is unusable (reported in ``PageReport.error``)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── InputTooLargeError
    │   ├── ParseError
    │   ├── ScoringTimeoutError   scoring the page took longer than its time budget (the service)
    │   └── ScoringCrashError     the process scoring the page died (the service)
    ├── ModelError            the trained model cannot be used
    │   ├── ModelNotFoundError
    │   ├── ModelIntegrityError   sha256 of the joblib file does not match its sidecar
    │   └── ModelVersionError     trained with another scikit-learn / feature version
    ├── RuleError             the rule file is invalid
    ├── CorpusError           a labelled corpus file is invalid
    └── AuditError            an audit cannot run: a path is missing, the output cannot be read or written
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


class ParseError(InputError):
    """The input could not be parsed as HTML."""


class ScoringTimeoutError(InputError):
    """Scoring the page took longer than its time budget; the service abandoned it."""


class ScoringCrashError(InputError):
    """The process scoring the page died before it answered (e.g. killed for memory)."""


class ModelError(DetectorError):
    """The trained model cannot be used."""


class ModelNotFoundError(ModelError):
    """No model file where one was expected."""


class ModelIntegrityError(ModelError):
    """The model file does not match the checksum recorded in its sidecar."""


class ModelVersionError(ModelError):
    """The model was trained with an incompatible library or feature version."""


class RuleError(DetectorError):
    """The rule file is invalid."""


class CorpusError(DetectorError):
    """A labelled corpus file is invalid."""


class AuditError(DetectorError):
    """An audit cannot run: an input path is missing, or the output cannot be read or written."""
