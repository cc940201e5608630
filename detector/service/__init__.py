"""The HTTP scoring service: ``detector serve``, or ``uvicorn detector.service:create_app --factory``.

See :class:`detector.service.Settings` for the ``DETECTOR_*`` environment variables.
"""

from ._settings import Settings
from .app import create_app

__all__ = ["Settings", "create_app"]
