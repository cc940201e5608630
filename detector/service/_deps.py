"""Typed FastAPI dependencies: the settings, the loaded detector, and the API-key check (also as middleware,
with the rate limit)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from ..scoring import Detector
from ._errors import error_response
from ._keys import KeyRing
from ._observe import set_key_name
from ._ratelimit import RateLimiter
from ._settings import Settings

#: Declares the ``bearerAuth`` scheme in OpenAPI; the check itself is :func:`require_api_key`.
bearer_scheme = HTTPBearer(
    scheme_name="bearerAuth",
    auto_error=False,
    description="`Authorization: Bearer <key>`, when the service has keys (`DETECTOR_API_KEY`, `DETECTOR_API_KEYS_FILE`).",
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


def api_key_problem(keys: KeyRing, credentials: str | None) -> str | None:
    """Why ``credentials`` (the Bearer token, ``None`` if none was sent) do not pass; ``None`` when they do."""
    if not keys.enabled or keys.name_of(credentials) is not None:
        return None
    message = "missing API key" if credentials is None else "wrong API key"
    return f"{message}: send 'Authorization: Bearer <key>'"


def require_api_key(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
) -> None:
    """401 unless the request carries ``Authorization: Bearer <key>`` with one of the service's keys
    (no-op when it has none).

    :class:`AccessMiddleware` enforces the same before the request is parsed; this dependency declares the
    scheme in OpenAPI and checks again wherever the middleware is not installed.
    """
    problem = api_key_problem(
        request.app.state.keys, credentials.credentials if credentials is not None else None
    )
    if problem is not None:
        raise HTTPException(401, problem, headers={"WWW-Authenticate": "Bearer"})


class AccessMiddleware:
    """Before a request under ``prefix`` is read or parsed: 401 without one of the API keys, then 429 with
    ``Retry-After`` once its key (by name; its client address when the service has no keys) has spent its
    rate-limit budget.

    FastAPI parses a route's JSON body before it runs the route's dependencies, so the dependency alone
    answered malformed JSON from a client without a key with 422, and read its body in full.
    """

    def __init__(self, app: ASGIApp, keys: KeyRing, limiter: RateLimiter | None, prefix: str):
        self.app, self.keys, self.limiter, self.prefix = app, keys, limiter, prefix.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._guarded(scope):
            name = None
            if self.keys.enabled:
                token = _bearer(scope)
                name = self.keys.name_of(token)
                if name is None:
                    problem = api_key_problem(self.keys, token)
                    assert problem is not None
                    response = error_response(401, problem, headers={"WWW-Authenticate": "Bearer"})
                    await response(scope, receive, send)
                    return
                set_key_name(name)
            if self.limiter is not None:
                client = f"key:{name}" if name is not None else f"addr:{(scope.get('client') or ('?',))[0]}"
                wait = self.limiter.acquire(client)
                if wait > 0:
                    retry = RateLimiter.retry_after(wait)
                    response = error_response(
                        429, f"rate limit exceeded: retry after {retry} s", headers={"Retry-After": retry}
                    )
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
