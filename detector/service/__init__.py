"""The HTTP scoring service: ``detector serve``, or ``uvicorn detector.service:create_app --factory``.

See :mod:`detector.service.settings` for the ``DETECTOR_*`` environment variables.
"""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
