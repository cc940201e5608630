"""Typed FastAPI dependencies: the settings, the loaded detector, and the API-key check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..scoring import Detector
from .settings import Settings

#: Declares the ``bearerAuth`` scheme in OpenAPI; the check itself is :func:`require_api_key`.
bearer_scheme = HTTPBearer(scheme_name="bearerAuth", auto_error=False,
                           description="`Authorization: Bearer <DETECTOR_API_KEY>`, when the service has a key.")


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return request.app.state.settings


def get_detector(request: Request) -> Detector:
    """The detector loaded at startup; 503 while there is none."""
    detector = getattr(request.app.state, "detector", None)
    if detector is None:
        raise HTTPException(503, "the model is not loaded yet")
    return detector


SettingsDep = Annotated[Settings, Depends(get_settings)]
DetectorDep = Annotated[Detector, Depends(get_detector)]


def require_api_key(settings: SettingsDep,
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]) -> None:
    """401 unless the request carries ``Authorization: Bearer <api_key>`` (no-op when no key is set)."""
    if settings.api_key is None:
        return
    expected = settings.api_key.get_secret_value().encode("utf-8")
    # headers arrive latin-1 decoded; compare bytes, as compare_digest rejects non-ASCII str
    given = credentials.credentials.encode("latin-1", "replace") if credentials is not None else b""
    if not secrets.compare_digest(given, expected):
        message = "missing API key" if credentials is None else "wrong API key"
        raise HTTPException(401, f"{message}: send 'Authorization: Bearer <key>'",
                            headers={"WWW-Authenticate": "Bearer"})
