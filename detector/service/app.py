"""The FastAPI application factory."""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..scoring import Detector, ScoreOptions
from ._deps import AccessMiddleware, require_api_key
from ._docs import install_docs
from ._errors import error_responses, install_error_handlers
from ._keys import KeyRing
from ._limits import BodySizeLimitMiddleware
from ._observe import Metrics, ObserveMiddleware
from ._pool import Loader, ScoringPool
from ._ratelimit import RateLimiter
from ._routes import api_router, health_router
from ._settings import Settings

logger = logging.getLogger(__name__)

_DESCRIPTION = """\
Scores web pages paragraph by paragraph for misinformation and SEO spam, with the reasons.

* `POST /v1/score` one page (JSON, or a raw `text/html` / `text/plain` body), `POST /v1/score/batch` several.
* Every error answers `{"error": {"type", "message", "details"}}`.
* When the service has API keys (`DETECTOR_API_KEY`, `DETECTOR_API_KEYS_FILE`), the `/v1` routes need
  `Authorization: Bearer <key>`; `/healthz`, `/readyz`, `/metrics` and this documentation stay open.
* With `DETECTOR_RATE_LIMIT`, a key (or client) over its budget gets 429 with `Retry-After`.
* Every response carries `X-Request-ID`: the request's own, when it is a short safe token, or a new one.
"""


def create_app(
    settings: Settings | None = None, detector: Detector | None = None, *, loader: Loader | None = None
) -> FastAPI:
    """Build the service.

    Parameters
    ----------
    settings : default: read from the ``DETECTOR_*`` environment variables.
    detector : an already loaded detector (tests, embedding), scored in threads of this process;
        default: the lifespan loads ``settings.model_path`` once at startup, here and in each of the
        ``settings.score_processes`` scoring processes. The lifespan loads nothing if a detector is
        already on ``app.state.detector``.
    loader : a picklable callable returning the detector to load (default: ``Detector.load`` of
        ``settings.model_path``), called once here and once in each scoring process.
    """
    settings = settings if settings is not None else Settings()
    keys = KeyRing.from_settings(settings)  # a bad keys file fails here, at startup
    if loader is None:
        options = ScoreOptions(max_bytes=settings.max_body_bytes)  # a document is never larger than its body
        loader = functools.partial(
            Detector.load,
            settings.model_path,
            options=options,
            allow_custom_model=settings.allow_custom_model,
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Load the model once, at startup, and start the scoring processes, unless a detector was
        injected; stop and unload them at shutdown."""
        app.state.score_limiter = anyio.CapacityLimiter(settings.score_threads)  # bound to this event loop
        loaded_here = app.state.detector is None
        async with AsyncExitStack() as stack:
            if loaded_here:
                logger.info("loading model %s", settings.model_path or "(shipped)")
                # this process keeps one too: /v1/model, and the reports of pages its processes abandon;
                # loaded first, so a model that cannot be used fails startup with its own error
                detector = await anyio.to_thread.run_sync(loader)
                if settings.score_processes:
                    app.state.scoring_pool = await stack.enter_async_context(
                        ScoringPool(settings.score_processes, settings.score_timeout, loader)
                    )
                app.state.detector = detector
                app.state.metrics.set_model(detector.info)
            try:
                yield
            finally:
                if loaded_here:
                    app.state.detector = app.state.scoring_pool = None

    app = FastAPI(
        title="Detector",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by install_docs, from local assets
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.keys = keys
    app.state.metrics = Metrics(frozenset(keys.keys))
    app.state.detector = detector  # None until the lifespan loads it; /readyz answers 503 till then
    if detector is not None:
        app.state.metrics.set_model(detector.info)
    app.state.scoring_pool = None  # scoring processes, when the lifespan starts them
    app.state.score_limiter = anyio.CapacityLimiter(settings.score_threads)
    install_error_handlers(app)

    app.include_router(health_router)
    install_docs(app)
    statuses = (401,) * keys.enabled + (429,) * (settings.rate_limit is not None)
    app.include_router(
        api_router,
        dependencies=[Depends(require_api_key)] if keys.enabled else [],
        responses=error_responses(*statuses),
    )

    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.state.rate_limiter = limiter = (
        RateLimiter(settings.rate_limit, settings.rate_burst, settings.rate_limit_clients)
        if settings.rate_limit is not None
        else None
    )
    if keys.enabled or limiter is not None:
        # outside the body limit: no key, nothing read (401, not 413 or 422); over the rate, nothing read
        app.add_middleware(AccessMiddleware, keys=keys, limiter=limiter, prefix=api_router.prefix)
    if settings.cors_origins:  # outside those: even 401s, 413s and 429s carry the CORS headers
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    # added last: outermost, so every response carries X-Request-ID and is counted and logged
    app.add_middleware(ObserveMiddleware, metrics=app.state.metrics, routes=app.router.routes)

    app.openapi = lambda: _openapi(app, settings)  # type: ignore[method-assign]  # FastAPI's documented way to customise the document
    return app


def _openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """FastAPI's document, with the configured batch limit filled in."""
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        batch = schema.get("components", {}).get("schemas", {}).get("BatchRequest")
        if batch is not None:
            batch["properties"]["documents"]["maxItems"] = settings.max_batch
    return app.openapi_schema  # type: ignore[return-value]  # FastAPI.openapi() has just set it
