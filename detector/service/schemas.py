"""Request and response models of the HTTP service (the page report itself is :class:`detector.PageReport`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..choices import LANGUAGE_CODE
from ..page.fetch import MAX_URL_LENGTH
from ..report.schema import PageReport
from .examples import EXAMPLE_HTML, EXAMPLE_TEXT


class ScoreRequest(BaseModel):
    """One page to score: its HTML **or** its plain text (exactly one of the two)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            # "exactly one of html/text", in JSON Schema terms, so generated clients and fuzzers know it
            "oneOf": [
                {"required": ["html"], "properties": {"html": {"type": "string"}}},
                {"required": ["text"], "properties": {"text": {"type": "string"}}},
            ],
            "examples": [
                {"html": EXAMPLE_HTML, "url": "https://example.com/budget"},
                {"text": EXAMPLE_TEXT, "source": "ticket-4711"},
            ],
        },
    )

    html: str | None = Field(default=None, description="The page's HTML.")
    text: str | None = Field(default=None, description="The page's plain text, one paragraph per line.")
    url: str | None = Field(
        default=None, description="Where the page came from. Metadata only: never fetched."
    )
    source: str | None = Field(
        default=None, description="Name for the page in the report; default: `url`, else `<request>`."
    )
    language: str | None = Field(
        default=None,
        pattern=f"^{LANGUAGE_CODE}$",
        description="The page's language (ISO 639-1) instead of the detected one: `en` scores a page in "
        "another language anyway (by default it comes back not assessed, `not_assessed` set).",
    )

    @model_validator(mode="after")
    def _exactly_one_body(self) -> ScoreRequest:
        given = [name for name in ("html", "text") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of 'html' or 'text'"
                + (" (both were given)" if given else " (neither was given)")
            )
        return self

    @property
    def content(self) -> str:
        """The HTML or text to score."""
        return self.html if self.html is not None else self.text  # type: ignore[return-value]  # the validator makes exactly one of them set

    @property
    def content_type(self) -> str:
        """``"html"`` or ``"text"``: how the detector should read :attr:`content`."""
        return "html" if self.html is not None else "text"

    @property
    def report_source(self) -> str:
        """The report's ``source``: ``source``, else ``url``, else ``<request>``."""
        return self.source or self.url or "<request>"


class UrlRequest(BaseModel):
    """One page to fetch and score, by its URL (only when the service has ``DETECTOR_FETCH_URLS`` on)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"url": "https://example.com/budget"}]}
    )

    url: str = Field(max_length=MAX_URL_LENGTH, description="An http(s) URL of a public host.")
    source: str | None = Field(
        default=None, max_length=2000, description="Name for the page in the report; default: `url`."
    )
    language: str | None = Field(
        default=None,
        pattern=f"^{LANGUAGE_CODE}$",
        description="The page's language (ISO 639-1) instead of the detected one.",
    )


class BatchRequest(BaseModel):
    """Several pages scored in one request (at most ``DETECTOR_MAX_BATCH``, default 32)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "documents": [
                        {"html": EXAMPLE_HTML, "url": "https://example.com/budget"},
                        {"text": "Doctors hate this one weird trick.", "source": "comment-17"},
                    ]
                }
            ]
        },
    )

    documents: list[ScoreRequest] = Field(min_length=1, description="The pages, reported in the same order.")


class BatchResponse(BaseModel):
    """One report per document, in request order; a document that could not be scored has `error` set."""

    reports: list[PageReport]


class ModelResponse(BaseModel):
    """The loaded model, from its sidecar metadata."""

    name: str
    version: str
    sha256: str
    digest: str = Field(description="sha256 covering the joblib file and every field of its sidecar.")
    official: bool = Field(description="True only for a shipped model (its digest is pinned in the package).")
    labels: list[str] = Field(description="The labels the model assigns to paragraphs.")
    label_counts: dict[str, int] = Field(description="Training paragraphs per label.")
    thresholds: dict[str, Any] = Field(description="Decision thresholds (page verdict and per label).")
    cv: dict[str, Any] = Field(description="Cross-validation metrics recorded at training time.")


class StatusResponse(BaseModel):
    """Liveness or readiness."""

    status: str = Field(examples=["ok", "ready"])


class ErrorDetail(BaseModel):
    """One problem with a request, e.g. one invalid field."""

    loc: list[str | int] = Field(description='Where: e.g. ["body", "documents", 2, "html"].')
    msg: str
    type: str


class ErrorBody(BaseModel):
    """What went wrong."""

    type: str = Field(
        description="validation_error, unauthorized, payload_too_large, unsupported_media_type, "
        "not_found, method_not_allowed, not_ready, request_timeout, headers_too_large, "
        "http_error or internal_error."
    )
    message: str = Field(description="A sentence for a human.")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """The one error shape of every non-2xx response."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "type": "validation_error",
                        "message": "body: give exactly one of 'html' or 'text' (both were given)",
                        "details": [
                            {
                                "loc": ["body"],
                                "msg": "give exactly one of 'html' or 'text' (both were given)",
                                "type": "value_error",
                            }
                        ],
                    }
                }
            ]
        }
    )

    error: ErrorBody
