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
``score_threads``          ``DETECTOR_SCORE_THREADS``  threads scoring at once per worker process
=========================  ==========================  ==============================================

``allow_custom_model`` (``DETECTOR_ALLOW_CUSTOM_MODEL``): load a model that is not the shipped one
(``detector serve --trust-model`` sets it). Loading a model runs code from its file; without this
setting only a model whose digest is pinned in the package loads, and with it the reports of any
other model say ``model.official: false``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Settings of the HTTP scoring service (see the module docstring for the environment variables)."""

    model_config = SettingsConfigDict(env_prefix="DETECTOR_", extra="ignore")

    api_key: SecretStr | None = Field(default=None, description="Bearer token required on /v1 routes; "
                                                                 "unset or empty: no authentication.")
    max_body_bytes: int = Field(default=5_000_000, ge=1, description="Largest request body accepted, in bytes.")
    max_batch: int = Field(default=32, ge=1, description="Most documents in one batch request.")
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list,
                                                          description="Origins allowed by CORS; empty: CORS off.")
    model_path: Path | None = Field(default=None, description="Model file; default: the shipped model.")
    allow_custom_model: bool = Field(default=False, description="Load a model whose digest is not pinned in the "
                                                                "package (loading runs code from the file); its "
                                                                "reports say model.official: false.")
    score_threads: int = Field(default=2, ge=1, description="Pages scored at once per worker process. Scoring "
                                                            "is CPU-bound, so more threads than cores only "
                                                            "adds latency.")

    @field_validator("api_key", mode="after")
    @classmethod
    def _empty_key_means_none(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value() else None

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        """Accept ``a,b`` as well as ``["a", "b"]`` from the environment."""
        if isinstance(value, str):
            value = value.strip()
            if value.startswith("["):
                return json.loads(value)
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value
