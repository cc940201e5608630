"""The routes: health probes (always open) and the ``/v1`` scoring API (behind the API key, if one is set)."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import ValidationError

from ..choices import LANGUAGE_CODE
from ..exceptions import FetchError, InputTooLargeError, ScoringCrashError, ScoringTimeoutError
from ..labels import LABELS
from ..page.fetch import FetchOptions, fetch_page
from ..report.schema import PageReport
from ..scoring import Detector, input_sha256
from ._deps import DetectorDep, SettingsDep
from ._errors import error_response, error_responses
from ._observe import PageSummary, record_page
from ._pool import ScoringPool
from .examples import EXAMPLE_HTML, EXAMPLE_REPORT, EXAMPLE_TEXT
from .schemas import (
    BatchRequest,
    BatchResponse,
    ModelResponse,
    ScoreRequest,
    StatusResponse,
    UrlRequest,
)

health_router = APIRouter(tags=["health"])
api_router = APIRouter(prefix="/v1", tags=["scoring"], responses=error_responses(503))

_JSON = "application/json"
_RAW_TYPES = {"text/html": "html", "text/plain": "text"}

_SCORE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            _JSON: {"schema": {"$ref": "#/components/schemas/ScoreRequest"}},
            "text/html": {
                "schema": {
                    "type": "string",
                    "description": "The page's HTML, decoded as a browser "
                    "would: byte-order mark, the Content-Type's charset if it "
                    "is a WHATWG label, a meta charset, else sniffed.",
                },
                "example": EXAMPLE_HTML,
            },
            "text/plain": {
                "schema": {"type": "string", "description": "The page's plain text."},
                "example": EXAMPLE_TEXT,
            },
        },
    }
}
_REPORT_EXAMPLE: dict[int | str, dict[str, Any]] = {200: {"content": {_JSON: {"example": EXAMPLE_REPORT}}}}


# -- health --------------------------------------------------------------------------------------


@health_router.get("/healthz", response_model=StatusResponse, summary="Liveness: the process is up")
async def healthz() -> StatusResponse:
    """Always 200 while the process serves requests (no authentication)."""
    return StatusResponse(status="ok")


@health_router.get(
    "/readyz",
    response_model=StatusResponse,
    responses=error_responses(503),
    summary="Readiness: the model is loaded",
)
async def readyz(request: Request) -> Any:
    """200 once the model is loaded, 503 before (no authentication)."""
    if getattr(request.app.state, "detector", None) is None:
        return error_response(503, "the model is not loaded yet")
    return StatusResponse(status="ready")


# -- scoring -------------------------------------------------------------------------------------


def _media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type (lower case) and its charset parameter."""
    media, *params = request.headers.get("content-type", "").split(";")
    charset = next(
        (p.split("=", 1)[1].strip().strip('"') for p in params if p.strip().lower().startswith("charset=")),
        None,
    )
    return media.strip().lower(), charset


def _is_json(media: str) -> bool:
    return media == _JSON or (media.startswith("application/") and media.endswith("+json"))


def _unsupported(media: str, supported: str) -> HTTPException:
    given = f"'{media}'" if media else "no Content-Type"
    return HTTPException(415, f"unsupported Content-Type: {given}; send {supported}")


def require_json(request: Request) -> None:
    """415 unless the body is JSON."""
    media, _ = _media_type(request)
    if not _is_json(media):
        raise _unsupported(media, "application/json")


async def _score(
    request: Request, detector: Detector, data: bytes | str, source: str, content_type: str, **options: Any
) -> str:
    """The JSON of the page's report, scored where the event loop never waits on it.

    With scoring processes (``score_processes`` > 0), a page that overruns ``score_timeout`` or kills its
    process gets a report with ``error`` (``ScoringTimeoutError`` / ``ScoringCrashError``), like any other
    page that cannot be scored. Without, a worker thread (bounded by ``score_threads``) scores it.
    ``Detector.score`` never raises: a page it cannot score comes back as a report with ``error``.
    ``options``: more keywords for ``Detector.score``.
    """
    pool: ScoringPool | None = getattr(request.app.state, "scoring_pool", None)
    if pool is None:
        score = functools.partial(detector.score, data, source=source, content_type=content_type, **options)
        report = await anyio.to_thread.run_sync(score, limiter=request.app.state.score_limiter)
        record_page(PageSummary.of(report))
        return report.model_dump_json()
    try:
        body, summary = await pool.score(data, source=source, content_type=content_type, **options)
    except (ScoringTimeoutError, ScoringCrashError) as exc:
        report = detector.error_report(source, exc, sha256=input_sha256(data))
        body, summary = report.model_dump_json(), PageSummary.of(report)
    record_page(summary)
    return body


def _language(language: str | None) -> dict[str, str]:
    """``Detector.score``'s ``language`` keyword when the request gives one (none: the detected language)."""
    return {} if language is None else {"language": language}


def _json(body: str) -> Response:
    # reports arrive serialised: send them as they are instead of re-validating through response_model
    return Response(body, media_type=_JSON)


@api_router.post(
    "/score",
    response_model=PageReport,
    summary="Score one page",
    responses={**_REPORT_EXAMPLE, **error_responses(413, 415, 422)},
    openapi_extra=_SCORE_BODY,
)
async def score(
    request: Request,
    detector: DetectorDep,
    source: Annotated[
        str | None,
        Query(
            max_length=2000,
            description=(
                "Name for the page in the report when the body gives none (a raw text/html or "
                "text/plain body; JSON without `source` or `url`). Default `<request>`."
            ),
        ),
    ] = None,
    language: Annotated[
        str | None,
        Query(
            pattern=f"^{LANGUAGE_CODE}$",
            description="The page's language (ISO 639-1) instead of the detected one, for a raw body (a JSON "
            "body says it in `language`): `en` scores a page in another language anyway.",
        ),
    ] = None,
) -> Response:
    """Score one page, paragraph by paragraph.

    Send JSON (`{"html": ...}` or `{"text": ...}`, exactly one, with optional `url` and `source`), or the
    raw page with `Content-Type: text/html` or `text/plain`. A page that cannot be scored (empty, binary,
    unparseable) still gets a 200 report, with `error` set. `url` is metadata: it is never fetched.
    """
    media, charset = _media_type(request)
    if not _is_json(media) and media not in _RAW_TYPES:
        raise _unsupported(media, "application/json, text/html or text/plain")
    body = await request.body()
    if _is_json(media):
        try:
            doc = ScoreRequest.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
        report = await _score(
            request,
            detector,
            doc.content,
            doc.source or doc.url or source or "<request>",
            doc.content_type,
            **_language(doc.language or language),
        )
    else:
        # the detector decodes the raw body as a browser does, the header's charset first if it is a WHATWG label
        report = await _score(
            request,
            detector,
            body,
            source or "<request>",
            _RAW_TYPES[media],
            charset=charset,
            **_language(language),
        )
    return _json(report)


@api_router.post(
    "/score/batch",
    response_model=BatchResponse,
    summary="Score several pages",
    responses={
        200: {"content": {_JSON: {"example": {"reports": [EXAMPLE_REPORT]}}}},
        **error_responses(413, 415, 422),
    },
    dependencies=[Depends(require_json)],
)
async def score_batch(
    batch: BatchRequest, request: Request, detector: DetectorDep, settings: SettingsDep
) -> Response:
    """Score up to `DETECTOR_MAX_BATCH` pages; the reports come back in request order.

    A document whose content cannot be scored gets a report with `error` set and does not fail the
    others; a document that breaks the request schema (both or neither of `html`/`text`) fails the
    request with 422.
    """
    if len(batch.documents) > settings.max_batch:
        raise RequestValidationError(
            [
                {
                    "type": "too_long",
                    "loc": ("body", "documents"),
                    "msg": f"too many documents: {len(batch.documents)} given, at most {settings.max_batch} per request",
                }
            ]
        )
    reports = [
        await _score(
            request, detector, doc.content, doc.report_source, doc.content_type, **_language(doc.language)
        )
        for doc in batch.documents
    ]
    return _json('{"reports":[' + ",".join(reports) + "]}")  # BatchResponse's JSON, from the reports' own


@api_router.post(
    "/score/url",
    response_model=PageReport,
    summary="Fetch a page by its URL and score it",
    responses={**_REPORT_EXAMPLE, **error_responses(403, 413, 415, 422)},
    dependencies=[Depends(require_json)],
)
async def score_url(
    doc: UrlRequest, request: Request, detector: DetectorDep, settings: SettingsDep
) -> Response:
    """Fetch `url` and score the page, decoded with its HTTP charset (only when the service has
    `DETECTOR_FETCH_URLS` on; off, 403).

    The fetch refuses what `detector score https://...` refuses: a URL that is not http(s), a host or a
    redirect target that resolves to a private, loopback, link-local, shared or reserved address (before
    any connection), more than 5 redirects, a body larger than `DETECTOR_MAX_BODY_BYTES`, a fetch longer
    than `DETECTOR_FETCH_TIMEOUT`. A page that cannot be fetched or is not HTML or text gets a 200 report
    with `error` (`RefusedURLError`, `FetchError`, `InputTooLargeError`), like a page that cannot be scored.
    """
    if not settings.fetch_urls:
        return error_response(
            403, "URL fetching is off: the service fetches pages only with DETECTOR_FETCH_URLS=true"
        )
    source = doc.source or doc.url
    options = FetchOptions(
        max_bytes=settings.max_body_bytes,
        timeout=settings.fetch_timeout,
        allow_networks=tuple(settings.fetch_allow_networks),
    )
    try:
        # the fetch waits on the network in a worker thread, never on the event loop
        fetched = await anyio.to_thread.run_sync(fetch_page, doc.url, options)
    except (FetchError, InputTooLargeError) as exc:
        report = detector.error_report(source, exc)
        record_page(PageSummary.of(report))
        return _json(report.model_dump_json())
    kind = fetched.kind or "auto"
    body = await _score(
        request, detector, fetched.data, source, kind, charset=fetched.charset, **_language(doc.language)
    )
    return _json(body)


@api_router.get("/model", response_model=ModelResponse, summary="The loaded model")
async def model_info(detector: DetectorDep) -> ModelResponse:
    """Name, version, sha256, labels, thresholds and cross-validation metrics, from the model's sidecar."""
    meta = detector.model.metadata
    classes = detector.classifier.classes or LABELS
    return ModelResponse(
        name=meta.get("name", detector.info.name),
        version=str(meta.get("version", detector.info.version)),
        sha256=meta.get("sha256", detector.info.sha256),
        digest=detector.info.digest,
        official=detector.info.official,
        labels=[str(c) for c in classes],
        label_counts=meta.get("label_counts", {}),
        thresholds=meta.get("thresholds", {}),
        cv=meta.get("cv", {}),
    )


# -- operations ----------------------------------------------------------------------------------


@health_router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus metrics (no authentication, like the health probes): requests, latency, pages by verdict,
    paragraphs by label, errors by type, the loaded model."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
