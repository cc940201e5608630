"""Typed FastAPI dependencies: the settings, the loaded detector, and the API-key check (also as middleware)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from ..scoring import Detector
from ._errors import error_response
from ._settings import Settings

#: Declares the ``bearerAuth`` scheme in OpenAPI; the check itself is :func:`require_api_key`.
bearer_scheme = HTTPBearer(
    scheme_name="bearerAuth",
    auto_error=False,
    description="`Authorization: Bearer <DETECTOR_API_KEY>`, when the service has a key.",
)


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


def api_key_problem(settings: Settings, credentials: str | None) -> str | None:
    """Why ``credentials`` (the Bearer token, ``None`` if none was sent) do not pass; ``None`` when they do."""
    if settings.api_key is None:
        return None
    expected = settings.api_key.get_secret_value().encode("utf-8")
    # headers arrive latin-1 decoded; compare bytes, as compare_digest rejects non-ASCII str
    given = credentials.encode("latin-1", "replace") if credentials is not None else b""
    if secrets.compare_digest(given, expected):
        return None
    message = "missing API key" if credentials is None else "wrong API key"
    return f"{message}: send 'Authorization: Bearer <key>'"


def require_api_key(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
) -> None:
    """401 unless the request carries ``Authorization: Bearer <api_key>`` (no-op when no key is set).

    :class:`ApiKeyMiddleware` enforces the same before the request is parsed; this dependency declares the
    scheme in OpenAPI and checks again wherever the middleware is not installed.
    """
    problem = api_key_problem(settings, credentials.credentials if credentials is not None else None)
    if problem is not None:
        raise HTTPException(401, problem, headers={"WWW-Authenticate": "Bearer"})


class ApiKeyMiddleware:
    """401 to any request under ``prefix`` without the API key, before its body is read or parsed.

    FastAPI parses a route's JSON body before it runs the route's dependencies, so the dependency alone
    answered malformed JSON from a client without a key with 422, and read its body in full.
    """

    def __init__(self, app: ASGIApp, settings: Settings, prefix: str):
        self.app, self.settings, self.prefix = app, settings, prefix.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._guarded(scope):
            problem = api_key_problem(self.settings, _bearer(scope))
            if problem is not None:
                response = error_response(401, problem, headers={"WWW-Authenticate": "Bearer"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _guarded(self, scope: Scope) -> bool:
        path = scope["path"].removeprefix(scope.get("root_path", "") or "")
        return path == self.prefix or path.startswith(self.prefix + "/")


def _bearer(scope: Scope) -> str | None:
    """The token of the request's ``Authorization: Bearer <token>`` header, as HTTPBearer reads it."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" and token.strip() else None
    return None
