"""API keys: the single ``DETECTOR_API_KEY`` and a file of named, hashed keys (``DETECTOR_API_KEYS_FILE``).

The file holds one key a line, ``name:sha256hex``: a name (letters, digits, ``._-``, at most 64) and the
SHA-256 of the key, in hex (``printf %s "$KEY" | sha256sum``). Blank lines and lines starting with ``#``
are ignored. The server keeps only the hashes: a request's key is hashed and compared with every entry
in constant time. The key's name, never the key, appears in logs and metrics.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from ._settings import Settings

#: The name of ``DETECTOR_API_KEY`` in logs and metrics.
DEFAULT_KEY_NAME = "default"
_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
_HEX = re.compile(r"[0-9a-fA-F]{64}")


class KeyFileError(ValueError):
    """The keys file cannot be read or has a malformed line."""


def hash_key(key: str | bytes) -> bytes:
    """The SHA-256 digest of a key (a str is encoded as UTF-8)."""
    return hashlib.sha256(key.encode("utf-8") if isinstance(key, str) else key).digest()


def read_keys_file(path: Path) -> dict[str, bytes]:
    """The keys of ``path``, name -> SHA-256 digest. Raises :class:`KeyFileError` on a bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"cannot read the API keys file {path}: {exc}") from exc
    keys: dict[str, bytes] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _, digest = (part.strip() for part in line.partition(":"))
        if not _NAME.fullmatch(name) or not _HEX.fullmatch(digest):
            # the line itself is not echoed: it could be a key pasted by mistake
            raise KeyFileError(
                f"{path}, line {number}: expected name:sha256hex (name of letters, digits, '._-', "
                "at most 64; 64 hex digits)"
            )
        if name in keys:
            raise KeyFileError(f"{path}, line {number}: the key name {name!r} is used twice")
        keys[name] = bytes.fromhex(digest)
    return keys


@dataclass(frozen=True)
class KeyRing:
    """The keys that open ``/v1``: name -> SHA-256 digest. Empty: the service has no authentication."""

    keys: dict[str, bytes]

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        keys = read_keys_file(settings.api_keys_file) if settings.api_keys_file is not None else {}
        if settings.api_key is not None:
            if DEFAULT_KEY_NAME in keys:
                raise KeyFileError(f"the key name {DEFAULT_KEY_NAME!r} is DETECTOR_API_KEY's")
            keys[DEFAULT_KEY_NAME] = hash_key(settings.api_key.get_secret_value())
        return cls(keys)

    @property
    def enabled(self) -> bool:
        return bool(self.keys)

    def name_of(self, token: str | None) -> str | None:
        """The name of the key ``token`` (``None``: no key sent, or a wrong one).

        The token is hashed and compared with every entry, each in constant time, without stopping at a
        match: how long the check takes tells nothing about which entry, if any, matched.
        """
        if token is None:
            return None
        # headers arrive latin-1 decoded: these are the bytes the client sent
        digest = hash_key(token.encode("latin-1", "replace"))
        found = None
        for name, expected in self.keys.items():
            if hmac.compare_digest(digest, expected) and found is None:
                found = name
        return found
