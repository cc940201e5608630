"""Turning raw bytes into text: encoding sniffing and input sanity checks."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .exceptions import BinaryInputError, EmptyInputError, InputTooLargeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Bytes that never occur in text: C0 controls other than tab, newline, form feed, carriage return, escape.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|span|article|section|table|ul|ol|h[1-6]|meta|title|br)\b", re.IGNORECASE)


def declared_encoding(data: bytes) -> str | None:
    """Return the encoding a page declares in its first 4 KB (meta charset or XML declaration)."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes | str, *, max_bytes: int | None = None) -> str:
    """Decode page bytes to text.

    Order: byte-order mark, declared charset, UTF-8, then charset-normalizer's best guess.

    Raises
    ------
    EmptyInputError, BinaryInputError, InputTooLargeError
    """
    if isinstance(data, str):
        if max_bytes is not None and len(data) > max_bytes:
            raise InputTooLargeError(f"input is {len(data):,} characters, more than the limit of {max_bytes:,}")
        text = data
        _reject_control_text(text)
    else:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"expected bytes or str, got {type(data).__name__}")
        data = bytes(data)
        if max_bytes is not None and len(data) > max_bytes:
            raise InputTooLargeError(f"input is {len(data):,} bytes, more than the limit of {max_bytes:,}")
        text = _decode_bytes(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInputError("the input is empty or holds only white space")
    return text


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if not data.strip():
        raise EmptyInputError("the input is empty or holds only white space")
    _reject_binary(data)
    declared = declared_encoding(data)
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def _reject_binary(data: bytes) -> None:
    head = data[:8192]
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")):
        raise BinaryInputError("the input is a binary file (its first bytes are a known binary signature)")
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    if controls / max(len(head), 1) > 0.05:
        raise BinaryInputError(
            f"the input looks binary: {controls} of its first {len(head)} bytes are control characters"
        )


_CONTROL_CHARS = re.compile("[" + re.escape(_BINARY_BYTES.decode("ascii")) + "]")


def _reject_control_text(text: str) -> None:
    """The str counterpart of :func:`_reject_binary`: text that is mostly control characters is binary."""
    head = text[:8192]
    controls = len(_CONTROL_CHARS.findall(head))
    if controls / max(len(head), 1) > 0.05:
        raise BinaryInputError(
            f"the input looks binary: {controls} of its first {len(head)} characters are control characters"
        )


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` looks like HTML markup rather than plain text."""
    return bool(_HTML_SNIFF.search(text[:4096]))
