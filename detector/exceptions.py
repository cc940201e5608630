"""The one exception hierarchy of the detector.

::

    DetectorError
    ├── InputError            the page itself is unusable (reported in ``PageReport.error``)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── InputTooLargeError
    │   ├── PageTooComplexError   over a limit of :class:`~detector.page.PageLimits` that cannot be cut
    │   └── ParseError
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


class PageTooComplexError(InputError):
    """The page's markup is over a limit of what one page may cost (:class:`detector.page.PageLimits`)
    that cannot be met by cutting the page short; the message names the limit, its value and how to
    raise it."""


class ParseError(InputError):
    """The input could not be parsed as HTML."""


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
