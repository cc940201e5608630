"""The one error shape, ``{"error": {"type", "message", "details"}}``, and the handlers that produce it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .schemas import ErrorResponse

logger = logging.getLogger(__name__)

#: ``error.type`` of each HTTP status the service sends.
ERROR_TYPES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    431: "headers_too_large",
    500: "internal_error",
    503: "not_ready",
}

#: OpenAPI ``responses`` entries for the error statuses, each with the ErrorResponse schema.
_DESCRIPTIONS = {
    401: "Missing or wrong API key (`Authorization: Bearer <key>`).",
    403: "URL fetching is off (`DETECTOR_FETCH_URLS`).",
    413: "The request body is larger than `DETECTOR_MAX_BODY_BYTES`.",
    415: "Unsupported Content-Type.",
    422: "Malformed JSON, a missing or extra field, a wrong type, or too many documents.",
    429: "The API key (or client) has spent its `DETECTOR_RATE_LIMIT` budget; retry after `Retry-After` seconds.",
    503: "The model is not loaded yet.",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for ``statuses``, documented with :class:`ErrorResponse`."""
    return {status: {"model": ErrorResponse, "description": _DESCRIPTIONS[status]} for status in statuses}


def error_payload(status: int, message: str, details: Iterable[dict] = ()) -> dict:
    """The error body for ``status``."""
    return {
        "error": {"type": ERROR_TYPES.get(status, "http_error"), "message": message, "details": list(details)}
    }


def error_response(
    status: int, message: str, details: Iterable[dict] = (), headers: dict[str, str] | None = None
) -> JSONResponse:
    """A JSON response in the error shape."""
    return JSONResponse(error_payload(status, message, details), status_code=status, headers=headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _clean(msg: str) -> str:
    return msg.removeprefix("Value error, ")


def validation_details(errors: Sequence[dict]) -> list[dict]:
    """Pydantic / FastAPI errors as ``ErrorDetail`` dicts. The offending input is not echoed back."""
    details = []
    for err in errors:
        msg = _clean(str(err.get("msg", "invalid")))
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            msg = f"malformed JSON: {ctx.get('error', 'cannot be decoded')}"
            position = next((p for p in err.get("loc", ())[1:] if isinstance(p, int)), None)
            if position is not None:
                msg += f" at character {position}"
            err = {**err, "loc": ("body",)}
        details.append(
            {
                "loc": [p if isinstance(p, int) else str(p) for p in err.get("loc", ())],
                "msg": msg,
                "type": str(err.get("type", "value_error")),
            }
        )
    return details


def validation_message(details: list[dict]) -> str:
    """One line summarising the first few problems."""
    parts = [f"{'.'.join(str(p) for p in d['loc']) or 'request'}: {d['msg']}" for d in details[:3]]
    more = f" (and {len(details) - 3} more)" if len(details) > 3 else ""
    return "; ".join(parts) + more if parts else "invalid request"


async def _validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = validation_details(exc.errors())
    return error_response(422, validation_message(details), details)


async def _http_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # FastAPI's generic 400 for a JSON body it cannot decode (e.g. not UTF-8): malformed JSON, so 422
        details = [{"loc": ["body"], "msg": f"malformed JSON: {exc.__cause__}", "type": "json_invalid"}]
        return error_response(422, validation_message(details), details)
    message = exc.detail if isinstance(exc.detail, str) else _phrase(exc.status_code)
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error (validation, HTTP, unexpected) answer in the one error shape."""
    # Starlette types a handler as taking any Exception; each of these is registered for its own type
    app.add_exception_handler(RequestValidationError, _validation_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_handler)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_handler)
