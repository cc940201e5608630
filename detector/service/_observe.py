"""What an operator sees of the service: request IDs, Prometheus metrics, one JSON log line per request.

:class:`ObserveMiddleware`, outermost, gives every request an ID (the client's ``X-Request-ID`` when it
is a short safe token, else a new one), echoes it in the response, puts it on every log record of the
request (:class:`RequestIdFilter`), and when the request ends counts it in :class:`Metrics` and logs one
line to ``detector.service.access``: route, status, duration, key name, pages and their verdicts. Never
page text, and never a query string. Every metric label comes from a fixed set (route templates,
methods, status codes, verdicts, labels, error types, key names from the keys file), so a hostile
client cannot grow them.
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from prometheus_client import CollectorRegistry, Gauge, Histogram
from prometheus_client import Counter as PromCounter
from prometheus_client.exposition import generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import exceptions
from ..labels import LABELS, VERDICTS
from ._errors import ERROR_TYPES, error_response

access_logger = logging.getLogger("detector.service.access")
errors_logger = logging.getLogger("detector.service._errors")

#: An incoming ``X-Request-ID`` is kept only if it matches this; otherwise the service makes one.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
REQUEST_ID_HEADER = "X-Request-ID"
#: The ``key`` label and log field of a request that carries no key (or a wrong one).
NO_KEY = "-"
#: The ``verdict`` of a page that could not be scored.
NOT_SCORED = "not_scored"
#: The ``verdict`` of a page in a language the model was not trained for.
NOT_ASSESSED = "not_assessed"
#: The ``status`` counted and logged for a request whose client went away before it was answered (nginx's).
CLIENT_CLOSED = 499
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_UNMATCHED = "<unmatched>"


def _error_classes() -> frozenset[str]:
    found: set[str] = set()
    todo: list[type] = [exceptions.DetectorError]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("detector") and cls.__name__ not in found:
            found.add(cls.__name__)
            todo.extend(cls.__subclasses__())
    return frozenset(found)


class PageSummary(NamedTuple):
    """What the metrics and the log keep of a page's report: never its text."""

    verdict: str | None
    counts: dict[str, int]
    error: str | None
    not_assessed: bool = False

    @classmethod
    def of(cls, report: Any) -> PageSummary:
        """The summary of a :class:`~detector.report.schema.PageReport`."""
        return cls(
            report.verdict,
            {str(label): int(n) for label, n in report.counts.items()},
            report.error.type if report.error is not None else None,
            report.not_assessed is not None,
        )

    @property
    def outcome(self) -> str:
        """Its verdict, or :data:`NOT_ASSESSED` or :data:`NOT_SCORED`: a metric label and a log value."""
        if self.verdict in VERDICTS:
            return str(self.verdict)
        return NOT_ASSESSED if self.not_assessed else NOT_SCORED


@dataclass
class RequestContext:
    """One request's ID, key name and scored pages, shared by the middleware, the routes and the logs."""

    request_id: str
    key: str = NO_KEY
    pages: list[PageSummary] = field(default_factory=list)


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "detector_request", default=None
)


def current_request() -> RequestContext | None:
    """The context of the request being handled (``None`` outside a request)."""
    return _current.get()


def record_page(summary: PageSummary) -> None:
    """Count a scored page for the current request's log line and metrics."""
    ctx = _current.get()
    if ctx is not None:
        ctx.pages.append(summary)


def set_key_name(name: str) -> None:
    """Name the current request's API key (the name, never the key)."""
    ctx = _current.get()
    if ctx is not None:
        ctx.key = name


def request_id(header: str | None) -> str:
    """``header`` if it is a short safe token, else a new random ID (32 hex digits)."""
    if header is not None and SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` (``-`` outside a request) and ``key`` on every record; install it on a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.__dict__.pop("color_message", None)  # uvicorn's message with terminal colours
        ctx = _current.get()
        if not hasattr(record, "request_id"):
            record.request_id = ctx.request_id if ctx is not None else "-"
        if not hasattr(record, "key"):
            record.key = ctx.key if ctx is not None else NO_KEY
        return True


class Metrics:
    """The service's Prometheus metrics, in a registry of their own (one per app).

    With ``PROMETHEUS_MULTIPROC_DIR`` set (``detector serve --workers N``), every worker writes its
    values there and ``/metrics`` adds up all of them (prometheus-client's multiprocess mode).
    """

    def __init__(self, key_names: frozenset[str] = frozenset()) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.key_names = key_names | {NO_KEY}
        self.page_errors = _error_classes()
        self.requests = PromCounter(
            "detector_http_requests",
            "HTTP requests answered, by method, route template, status and API key name.",
            ["method", "route", "status", "key"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "detector_http_request_duration_seconds",
            "Time from a request's arrival to the end of its response, by route template.",
            ["method", "route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
            registry=self.registry,
        )
        self.pages = PromCounter(
            "detector_pages_scored",
            f"Pages scored, by verdict ({NOT_SCORED}: the page could not be scored; {NOT_ASSESSED}: it is in a "
            "language the model was not trained for) and API key name.",
            ["verdict", "key"],
            registry=self.registry,
        )
        self.paragraphs = PromCounter(
            "detector_paragraphs_scored",
            "Paragraphs of the scored pages, by label.",
            ["label"],
            registry=self.registry,
        )
        self.errors = PromCounter(
            "detector_errors",
            "Errors by type: of a request (its error.type, e.g. rate_limited) or of a page that could not be "
            "scored (the report's error.type, e.g. ScoringTimeoutError).",
            ["kind", "type"],
            registry=self.registry,
        )
        self.model = Gauge(
            "detector_model_info",
            "The loaded model: 1 with its name, version and sha256 as labels.",
            ["name", "version", "sha256", "official"],
            registry=self.registry,
            multiprocess_mode="max",
        )
        for verdict in (*VERDICTS, NOT_SCORED, NOT_ASSESSED):  # present from the start, at 0
            self.pages.labels(verdict=verdict, key=NO_KEY)
        for label in LABELS:
            self.paragraphs.labels(label=label)

    def set_model(self, info: Any) -> None:
        """Publish the loaded model's name, version and sha256 (``info``: the detector's ``ModelInfo``)."""
        self.model.clear()
        self.model.labels(
            name=str(info.name),
            version=str(info.version),
            sha256=str(info.sha256),
            official=str(info.official),
        ).set(1)

    def observe(self, method: str, route: str, status: int, seconds: float, ctx: RequestContext) -> None:
        method = method if method in _METHODS else "other"
        key = ctx.key if ctx.key in self.key_names else NO_KEY
        self.requests.labels(method=method, route=route, status=str(status), key=key).inc()
        self.latency.labels(method=method, route=route).observe(seconds)
        if status >= 400:
            error = "client_closed" if status == CLIENT_CLOSED else ERROR_TYPES.get(status, "http_error")
            self.errors.labels(kind="request", type=error).inc()
        for page in ctx.pages:
            self.pages.labels(verdict=page.outcome, key=key).inc()
            for label, n in page.counts.items():
                if label in LABELS and n:
                    self.paragraphs.labels(label=label).inc(n)
            if page.error is not None:
                error = page.error if page.error in self.page_errors else "other"
                self.errors.labels(kind="page", type=error).inc()

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)


class ObserveMiddleware:
    """Request ID, metrics and the access log line of every HTTP request (see the module docstring)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: Any) -> None:
        self.app, self.metrics, self.routes = app, metrics, routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        ctx = RequestContext(request_id(_header(scope, b"x-request-id")))
        token = _current.set(ctx)
        status, responded = 500, False  # if the app fails before it answers, the answer is a 500

        async def send_with_id(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status, responded = message["status"], True
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", ctx.request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            try:
                await self.app(scope, receive, send_with_id)
            except Exception:
                # Starlette's last-resort handler answers outside every middleware: without this, a 500
                # would carry no X-Request-ID and its log record no request_id
                if responded:
                    raise
                errors_logger.exception("unhandled error on %s %s", scope["method"], self._route(scope))
                await error_response(500, "internal server error")(scope, receive, send_with_id)
            except BaseException:  # cancelled: the client went away (or the server is stopping)
                if not responded:
                    status = CLIENT_CLOSED
                raise
        finally:
            seconds = time.perf_counter() - started
            route = self._route(scope)
            try:
                self.metrics.observe(scope["method"], route, status, seconds, ctx)
                _log(scope, route, status, seconds, ctx)
            finally:
                _current.reset(token)

    def _route(self, scope: Scope) -> str:
        """The route template that answered (or would have: a request refused before routing)."""
        route = scope.get("route")
        path = getattr(route, "path", None)
        if isinstance(path, str):
            return path
        partial = None
        for candidate in _flatten(self.routes):
            match, _ = candidate.matches(scope)
            if match == Match.FULL:
                return candidate.path
            if match == Match.PARTIAL and partial is None:
                partial = candidate.path
        return partial or _UNMATCHED


def _flatten(routes: Any) -> list[Any]:
    """The routes with a path template, from inside included routers too."""
    flat = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            flat.extend(_flatten(inner.routes))
        elif isinstance(getattr(route, "path", None), str):
            flat.append(route)
    return flat


def _log(scope: Scope, route: str, status: int, seconds: float, ctx: RequestContext) -> None:
    if not access_logger.isEnabledFor(logging.INFO):
        return
    duration_ms = round(seconds * 1000, 2)
    fields: dict[str, Any] = {
        "request_id": ctx.request_id,
        "key": ctx.key,
        "method": scope["method"] if scope["method"] in _METHODS else "other",
        "route": route,
        "status": status,
        "duration_ms": duration_ms,
    }
    if ctx.pages:
        fields["pages"] = len(ctx.pages)
        fields["verdicts"] = dict(Counter(p.outcome for p in ctx.pages))
        errors = Counter(p.error for p in ctx.pages if p.error is not None)
        if errors:
            fields["page_errors"] = dict(errors)
    app = scope.get("app")
    detector = getattr(getattr(app, "state", None), "detector", None)
    if detector is not None:
        fields["model_version"] = detector.info.version
    # the route template, not the path: a path or query string can carry anything a client chose
    access_logger.info("%s %s %s %.1f ms", fields["method"], route, status, duration_ms, extra=fields)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def log_config(level: str = "info", fmt: str = "json") -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` for ``detector serve`` (uvicorn's ``log_config``): the service's
    and uvicorn's records on standard error, as JSON lines (``fmt="json"``) or text, each with its
    request_id. uvicorn's own access log is replaced by ``detector.service.access``."""
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": RequestIdFilter}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": "time",  # ISO 8601, UTC
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": fmt,
                "filters": ["request"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "detector": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }
