"""Service configuration: one pydantic-settings class read from ``DETECTOR_*`` environment variables.

=========================  ==========================  ==============================================
Setting                    Environment variable        Meaning
=========================  ==========================  ==============================================
``api_key``                ``DETECTOR_API_KEY``        when set, ``/v1/*`` needs ``Authorization: Bearer <key>``
``max_body_bytes``         ``DETECTOR_MAX_BODY_BYTES`` request bodies above this get 413 (default 5 MB)
``max_batch``              ``DETECTOR_MAX_BATCH``      documents per ``/v1/score/batch`` request (default 32)
``cors_origins``           ``DETECTOR_CORS_ORIGINS``   allowed CORS origins, comma-separated or a JSON list;
                                                       empty (the default) turns CORS off
``model_path``             ``DETECTOR_MODEL_PATH``     model file (default: the shipped model)
``score_processes``        ``DETECTOR_SCORE_PROCESSES`` scoring processes per server worker (default 2), each
                                                       with its own model; 0 scores in threads of the server
``score_timeout``          ``DETECTOR_SCORE_TIMEOUT``  seconds one page may take in a scoring process before it
                                                       is killed and the page reported as ``ScoringTimeoutError``
``score_threads``          ``DETECTOR_SCORE_THREADS``  threads scoring at once when ``score_processes`` is 0
``max_header_bytes``       ``DETECTOR_MAX_HEADER_BYTES`` request line and headers above this get 431 (16 KiB)
``max_headers``            ``DETECTOR_MAX_HEADERS``    more header fields than this get 431 (default 100)
``header_timeout``         ``DETECTOR_HEADER_TIMEOUT`` seconds for a request line and headers to arrive
                                                       (default 10); slower: 408 and the connection closed
``body_timeout``           ``DETECTOR_BODY_TIMEOUT``   seconds for a request body to arrive (default 60)
``keep_alive_timeout``     ``DETECTOR_KEEP_ALIVE_TIMEOUT`` seconds an idle keep-alive connection stays open (5)
``api_keys_file``          ``DETECTOR_API_KEYS_FILE``  file of named keys, one ``name:sha256hex`` a line; any of
                                                       them (or ``api_key``) opens ``/v1/*``
``rate_limit``             ``DETECTOR_RATE_LIMIT``     ``/v1/*`` requests per second per key (or client address
                                                       without keys), sustained; unset: no limit
``rate_burst``             ``DETECTOR_RATE_BURST``     requests a key may send at once before the rate applies
``rate_limit_clients``     ``DETECTOR_RATE_LIMIT_CLIENTS`` budgets kept at once (least recently used dropped)
``log_format``             ``DETECTOR_LOG_FORMAT``     ``json`` (one JSON object a line) or ``text``
``fetch_urls``             ``DETECTOR_FETCH_URLS``     let ``POST /v1/score/url`` fetch pages (default off)
``fetch_timeout``          ``DETECTOR_FETCH_TIMEOUT``  seconds one fetch may take, redirects included (20)
``fetch_allow_networks``   ``DETECTOR_FETCH_ALLOW_NETWORKS`` networks fetched although not public
                                                       (comma-separated CIDR; default none)
=========================  ==========================  ==============================================

``allow_custom_model`` (``DETECTOR_ALLOW_CUSTOM_MODEL``): load a model that is not the shipped one
(``detector serve --trust-model`` sets it). Loading a model runs code from its file; without this
setting only a model whose digest is pinned in the package loads, and with it the reports of any
other model say ``model.official: false``.
"""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Settings of the HTTP scoring service (see the module docstring for the environment variables)."""

    model_config = SettingsConfigDict(env_prefix="DETECTOR_", extra="ignore")

    api_key: SecretStr | None = Field(
        default=None, description="Bearer token required on /v1 routes; unset or empty: no authentication."
    )
    max_body_bytes: int = Field(
        default=5_000_000, ge=1, description="Largest request body accepted, in bytes."
    )
    max_batch: int = Field(default=32, ge=1, description="Most documents in one batch request.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS; empty: CORS off."
    )
    model_path: Path | None = Field(default=None, description="Model file; default: the shipped model.")
    allow_custom_model: bool = Field(
        default=False,
        description="Load a model whose digest is not pinned in the "
        "package (loading runs code from the file); its "
        "reports say model.official: false.",
    )
    score_processes: int = Field(
        default=2,
        ge=0,
        description=(
            "Scoring processes per server worker, each loading the model once. A page that overruns "
            "score_timeout is abandoned by killing its process, and the event loop never waits on scoring "
            "(regular expressions and lxml hold the GIL). 0: score in threads of the server process, without a "
            "time budget (for embedding and tests)."
        ),
    )
    score_timeout: float = Field(
        default=20.0,
        gt=0,
        description=(
            "Seconds one page may take in a scoring process; then the process is killed and replaced, and the "
            "page gets a report with error ScoringTimeoutError."
        ),
    )
    score_threads: int = Field(
        default=2,
        ge=1,
        description="Pages scored at once per worker process when "
        "score_processes is 0. Scoring is CPU-bound, so "
        "more threads than cores only adds latency.",
    )
    max_header_bytes: int = Field(
        default=16_384,
        ge=1_024,
        description=("Largest request line plus headers, in bytes; larger: 431 and the connection closed."),
    )
    max_headers: int = Field(default=100, ge=1, description="Most header fields in one request; more: 431.")
    header_timeout: float = Field(
        default=10.0,
        gt=0,
        description=(
            "Seconds for a request line and headers to arrive, from the connection's start or the request's first "
            "byte; slower (a slow-loris client, one that never finishes its headers): 408 and the connection closed."
        ),
    )
    body_timeout: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Seconds for a request body to arrive after its headers; slower: the connection is closed."
        ),
    )
    keep_alive_timeout: float = Field(
        default=5.0, gt=0, description=("Seconds an idle keep-alive connection stays open between requests.")
    )

    api_keys_file: Path | None = Field(
        default=None,
        description=(
            "File of named API keys, one `name:sha256hex` a line (the SHA-256 of the key in hex; `#` comments "
            "and blank lines ignored). Any of them, or `api_key`, opens /v1; the key's name appears in logs and "
            "metrics, never the key."
        ),
    )
    rate_limit: float | None = Field(
        default=None,
        gt=0,
        description=(
            "Requests per second each API key (by name; the client address when the service has no keys) may "
            "send to /v1, sustained, per server worker; more: 429 with Retry-After. Unset: no limit."
        ),
    )
    rate_burst: int = Field(
        default=10, ge=1, description="Requests a key may send at once before rate_limit applies."
    )
    rate_limit_clients: int = Field(
        default=10_000,
        ge=1,
        description="Rate-limit budgets kept in memory at once; the least recently used is dropped beyond it.",
    )
    log_format: Literal["json", "text"] = Field(
        default="json",
        description="`detector serve`'s logs: `json` (one object a line, with request_id) or `text`.",
    )

    fetch_urls: bool = Field(
        default=False,
        description=(
            "Let POST /v1/score/url fetch a page by its URL. Off by default: fetching is a request made from "
            "the service's network. When on, a URL that is not http(s), or whose host (or a redirect's) "
            "resolves to a private, loopback, link-local, shared or reserved address, is refused before any "
            "connection; bodies stop at max_body_bytes."
        ),
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, le=300, description="Seconds one fetch may take, redirects included."
    )
    fetch_allow_networks: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Networks (CIDR) fetched although not public: an intranet on purpose. Empty by default.",
    )

    @field_validator("api_key", mode="after")
    @classmethod
    def _empty_key_means_none(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value() else None

    @field_validator("cors_origins", "fetch_allow_networks", mode="before")
    @classmethod
    def _split_list(cls, value: Any) -> Any:
        """Accept ``a,b`` as well as ``["a", "b"]`` from the environment."""
        if isinstance(value, str):
            value = value.strip()
            if value.startswith("["):
                return json.loads(value)
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("fetch_allow_networks", mode="after")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ipaddress.ip_network(network, strict=False)  # ValueError: a clear startup error
        return value
