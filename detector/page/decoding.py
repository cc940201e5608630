"""Turning raw bytes into text as a browser does, and input sanity checks.

The encoding is chosen in the order of the HTML Standard's encoding sniffing algorithm, and only
the WHATWG Encoding Standard's labels are honoured (their table comes from ``webencodings``), so a
declaration a browser ignores cannot make the detector read a page other than as people see it:

1. a byte-order mark: UTF-8, UTF-16LE or UTF-16BE (the standard has no UTF-32);
2. the transport charset (``charset``: the HTTP ``Content-Type`` charset parameter);
3. the prescan of the first 1,024 bytes for ``<meta charset>``, ``<meta http-equiv="content-type">``
   or an XML declaration (HTML only); a UTF-16 label found there means UTF-8 and ``x-user-defined``
   means windows-1252;
4. sniffing: UTF-8 when the bytes are valid UTF-8, else charset-normalizer's guess among the
   standard's ASCII-compatible encodings, else windows-1252.

Unknown labels (``utf-7``, ``punycode``, ``cp037``, ...) are ignored; ``iso-8859-1``, ``latin1`` and
``ascii`` mean windows-1252, as in browsers. Undecodable bytes become U+FFFD; decoding never raises.
"""

from __future__ import annotations

import codecs
import re

import webencodings
from charset_normalizer import from_bytes
from webencodings.labels import LABELS

from ..exceptions import BinaryInputError, EmptyInputError, InputTooLargeError

#: How much of a page the meta prescan reads: the HTML Standard encourages the first 1,024 bytes.
PRESCAN_BYTES = 1024
#: How much of a page charset-normalizer reads to guess an undeclared legacy encoding.
SNIFF_BYTES = 65536

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16le"), (codecs.BOM_UTF16_BE, "utf-16be"))
_UTF16 = frozenset({"utf-16le", "utf-16be"})
#: Where a WHATWG encoding's decoder differs from the Python codec webencodings picks for it.
_PYTHON_CODECS = {"gbk": "gb18030"}  # the standard's GBK decoder is its gb18030 decoder
#: What sniffing may guess: the standard's ASCII-compatible encodings, so the guess never changes how
#: markup and ASCII text read (no UTF-16, no stateful ISO-2022-JP, no replacement or x-user-defined).
_SNIFFABLE = {
    name: webencodings.lookup(name).codec_info.name
    for name in sorted(set(LABELS.values()))
    if name not in _UTF16 | {"utf-8", "iso-2022-jp", "replacement", "x-user-defined"}
}
#: charset-normalizer's guess (a Python codec) back to the WHATWG name; the first name wins, so a guess
#: of Hebrew is iso-8859-8 (visual), not iso-8859-8-i
_SNIFFED_NAMES = {codecs.lookup(python).name: name for name, python in reversed(_SNIFFABLE.items())}
# The standard's windows-1252 maps the five bytes Python's cp1252 leaves undefined to C1 controls.
_WINDOWS_1252 = {
    0x80 + i: char
    for i, char in enumerate(bytes(range(0x80, 0xA0)).decode("cp1252", "replace"))
    if char != "\ufffd"
}

# Bytes that never occur in text: C0 controls other than tab, newline, form feed, carriage return, escape.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_HTML_SNIFF = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|p|div|span|article|section|table|ul|ol|h[1-6]|meta|title|br)\b",
    re.IGNORECASE,
)
_SURROGATES = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """``text`` with each surrogate pair joined into its character (as a browser reads UTF-16) and each
    lone surrogate, which no encoding can hold, as U+FFFD, like an undecodable byte."""
    if _SURROGATES.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def decode(
    data: bytes | str, *, max_bytes: int | None = None, charset: str | None = None, prescan: bool = True
) -> str:
    """Decode page bytes to text as a browser does (see the module's docstring for the order).

    Parameters
    ----------
    data : the page; ``str`` is taken as already decoded (lone surrogates become U+FFFD).
    max_bytes : refuse inputs larger than this.
    charset : the transport layer's charset label (HTTP ``Content-Type``), if any; a label that is
        not the WHATWG Encoding Standard's is ignored, as browsers do.
    prescan : look for a ``<meta>`` charset declaration (HTML); ``False`` for plain text, which
        browsers never prescan.

    Raises
    ------
    EmptyInputError, BinaryInputError, InputTooLargeError
    """
    if isinstance(data, str):
        if max_bytes is not None and len(data) > max_bytes:
            raise InputTooLargeError(
                f"input is {len(data):,} characters, more than the limit of {max_bytes:,}"
            )
        text = _without_surrogates(data)
        _reject_control_text(text)
    else:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"expected bytes or str, got {type(data).__name__}")
        data = bytes(data)
        if max_bytes is not None and len(data) > max_bytes:
            raise InputTooLargeError(f"input is {len(data):,} bytes, more than the limit of {max_bytes:,}")
        text = _decode_bytes(data, charset, prescan)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInputError("the input is empty or holds only white space")
    return text


def sniff_encoding(data: bytes, *, charset: str | None = None, prescan: bool = True) -> tuple[str, str]:
    """The WHATWG name of the encoding a browser decodes ``data`` with, and what decided it.

    What decided it is one of ``"bom"``, ``"charset"`` (the transport charset), ``"meta"`` (the
    prescan), ``"utf-8"`` (valid UTF-8), ``"guess"`` (charset-normalizer) or ``"default"``.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, "bom"
    if charset is not None and (transport := _encoding_name(charset)) is not None:
        return transport, "charset"
    if prescan and (declared := prescan_encoding(data[:PRESCAN_BYTES])) is not None:
        return declared, "meta"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", "utf-8"
    best = from_bytes(data[:SNIFF_BYTES], cp_isolation=list(_SNIFFABLE.values())).best()
    if best is not None and best.encoding:
        sniffed = _SNIFFED_NAMES.get(codecs.lookup(best.encoding).name)
        if sniffed is not None:
            return sniffed, "guess"
    return "windows-1252", "default"


def decode_as(data: bytes, name: str) -> str:
    """``data`` decoded with the WHATWG encoding ``name``, undecodable bytes as U+FFFD (never raises)."""
    if name == "replacement":  # the standard's decoder for ISO-2022-KR, HZ-GB-2312, ...: one U+FFFD
        return "\ufffd" if data else ""
    if name == "windows-1252":
        return data.decode("latin-1").translate(_WINDOWS_1252)
    codec = (
        codecs.lookup(_PYTHON_CODECS[name])
        if name in _PYTHON_CODECS
        else webencodings.lookup(name).codec_info
    )
    return codec.decode(data, "replace")[0]


def _decode_bytes(data: bytes, charset: str | None, prescan: bool) -> str:
    name, decided_by = sniff_encoding(data, charset=charset, prescan=prescan)
    if decided_by == "bom":
        return decode_as(data[len(codecs.BOM_UTF16) if name in _UTF16 else len(codecs.BOM_UTF8) :], name)
    if not data.strip():
        raise EmptyInputError("the input is empty or holds only white space")
    if name == "replacement":
        declared = (
            repr(charset.strip("\t\n\x0c\r "))
            if decided_by == "charset" and charset is not None  # "charset" decides only when one is given
            else "in its <meta>"
        )
        raise EmptyInputError(
            f"the page's charset ({declared}) "
            "is one browsers show as a single replacement character: nothing of it is readable"
        )
    if name in _UTF16:  # every other character is a NUL byte: look for binary data in the text instead
        text = decode_as(data, name)
        _reject_control_text(text)
        return text
    _reject_binary(data)
    return decode_as(data, name)


# --- the HTML Standard's prescan ------------------------------------------------------------------
# A direct transcription of "prescan a byte stream to determine its encoding", "get an attribute",
# "get an XML encoding" and "extracting a character encoding from a meta element". Every step moves
# forward through at most PRESCAN_BYTES bytes, so it is linear and bounded.

_SPACE = b"\t\n\x0c\r "
_SPACE_OR_SLASH = _SPACE + b"/"


class _EndOfInput(Exception):
    """The prescan ran out of bytes."""


def prescan_encoding(data: bytes) -> str | None:
    """The WHATWG name of the encoding a page's ``<meta>`` (or XML declaration) in ``data`` declares.

    A UTF-16 label there means UTF-8 and ``x-user-defined`` means windows-1252, as the standard says
    (a page that could be read as ASCII to find the label is not UTF-16). Unknown labels are skipped.
    Pass the page's first :data:`PRESCAN_BYTES` bytes.
    """
    if data.startswith(b"<\x00?\x00x\x00"):
        return "utf-16le"
    if data.startswith(b"\x00<\x00?\x00x"):
        return "utf-16be"
    try:
        return _prescan_meta(data)
    except _EndOfInput:
        return _xml_encoding(data)


def _prescan_meta(data: bytes) -> str:
    n = len(data)
    position = 0
    while position < n:
        if data.startswith(b"<!--", position):
            end = data.find(b"-->", position + 2)  # "<!-->" closes the comment too
            if end < 0:
                raise _EndOfInput
            position = end + 3
            continue
        if (
            data[position : position + 5].lower() == b"<meta"
            and data[position + 5 : position + 6] in _SPACE_OR_SLASH_SET
        ):
            name, position = _meta_encoding(data, position + 5)
            if name is not None:
                return name
        elif data[position : position + 1] == b"<" and (
            data[position + 1 : position + 2].isalpha()
            or (data[position + 1 : position + 2] == b"/" and data[position + 2 : position + 3].isalpha())
        ):
            position += 2
            while position < n and data[position] not in _SPACE_OR_GT:
                position += 1
            while (attribute := _attribute(data, position)) is not None:
                position = attribute[2]
        elif data[position : position + 2] in (b"<!", b"</", b"<?"):
            end = data.find(b">", position + 2)
            if end < 0:
                raise _EndOfInput
            position = end
        position += 1
    raise _EndOfInput


_SPACE_OR_SLASH_SET = {bytes([b]) for b in _SPACE_OR_SLASH}
_SPACE_OR_GT = frozenset(_SPACE + b">")


def _meta_encoding(data: bytes, position: int) -> tuple[str | None, int]:
    """The encoding a ``<meta`` whose attributes start at ``position`` declares, if any, and the
    position of its ``>``."""
    seen: set[str] = set()
    got_pragma = False
    need_pragma: bool | None = None
    charset: str | None = None
    while (attribute := _attribute(data, position)) is not None:
        name, value, position = attribute
        if name in seen:
            continue
        seen.add(name)
        if name == "http-equiv":
            got_pragma = got_pragma or value == "content-type"
        elif name == "content":
            label = _charset_in_content(value)
            if charset is None and label is not None and (encoding := _encoding_name(label)) is not None:
                charset, need_pragma = encoding, True
        elif name == "charset":
            charset, need_pragma = _encoding_name(value) or "", False
    if need_pragma is None or (need_pragma and not got_pragma) or not charset:  # "" is an unknown label
        return None, position
    if charset in _UTF16:
        return "utf-8", position
    return ("windows-1252" if charset == "x-user-defined" else charset), position


def _attribute(data: bytes, position: int) -> tuple[str, str, int] | None:
    """The standard's "get an attribute" at ``position``: (name, value, position after it), or None at ``>``.

    Raises :class:`_EndOfInput` when the bytes end first.
    """
    n = len(data)

    def at(i: int) -> int:
        if i >= n:
            raise _EndOfInput
        return data[i]

    while at(position) in _SPACE_OR_SLASH:
        position += 1
    if at(position) == 0x3E:  # ">"
        return None
    name = bytearray()
    while True:
        byte = at(position)
        if byte == 0x3D and name:  # "="
            position += 1
            break
        if byte in _SPACE:
            while at(position) in _SPACE:
                position += 1
            if at(position) != 0x3D:
                return _text(name), "", position
            position += 1
            break
        if byte in b"/>":
            return _text(name), "", position
        name.append(byte)
        position += 1
    while at(position) in _SPACE:
        position += 1
    value = bytearray()
    quote = at(position)
    if quote in b"\"'":
        while (byte := at(position := position + 1)) != quote:
            value.append(byte)
        return _text(name), _text(value), position + 1
    if quote == 0x3E:
        return _text(name), "", position
    while (byte := at(position)) not in _SPACE_OR_GT:
        value.append(byte)
        position += 1
    return _text(name), _text(value), position


def _text(raw: bytearray) -> str:
    """Bytes as the standard reads them here: one character per byte, ASCII letters lower-cased."""
    return raw.decode("latin-1").translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


#: The media types scored as pages (of a fetched page, a web archive's record), each with the content type
#: :meth:`~detector.Detector.score` is told.
PAGE_MEDIA_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
#: Longest ``Content-Type`` value read (an HTTP header or a WARC record's: attacker-chosen).
MAX_CONTENT_TYPE = 1024


def content_type_parts(value: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and the charset label of a ``Content-Type`` value (an HTTP header), the
    charset found as the Encoding Standard finds it in a ``<meta>``'s ``content``; at most
    :data:`MAX_CONTENT_TYPE` characters of it are read."""
    value = (value or "")[:MAX_CONTENT_TYPE]
    charset = _charset_in_content(value)
    return value.partition(";")[0].strip().lower(), charset[:64] if charset else None


def _charset_in_content(value: str) -> str | None:
    """The label of a ``content="text/html; charset=..."`` value (the standard's extraction algorithm)."""
    position = 0
    while (found := value.find("charset", position)) >= 0:
        position = found + 7
        while position < len(value) and value[position] in "\t\n\x0c\r ":
            position += 1
        if position < len(value) and value[position] == "=":
            break
    else:
        return None
    position += 1
    while position < len(value) and value[position] in "\t\n\x0c\r ":
        position += 1
    if position >= len(value):
        return None
    if value[position] in "\"'":
        end = value.find(value[position], position + 1)
        return value[position + 1 : end] if end >= 0 else None
    end = position
    while end < len(value) and value[end] not in "\t\n\x0c\r ;":
        end += 1
    return value[position:end]


def _xml_encoding(data: bytes) -> str | None:
    """The standard's "get an XML encoding": the label of a leading ``<?xml ... encoding="...">``."""
    if not data.startswith(b"<?xml"):
        return None
    end = data.find(b">")
    if end < 0 or (found := data.find(b"encoding", 0, end)) < 0:
        return None
    position = found + 8
    while data[position : position + 1] and data[position] <= 0x20:
        position += 1
    if data[position : position + 1] != b"=":
        return None
    position += 1
    while data[position : position + 1] and data[position] <= 0x20:
        position += 1
    quote = data[position : position + 1]
    if quote not in (b'"', b"'"):
        return None
    close = data.find(quote, position + 1, end)
    if close < 0:
        return None
    label = data[position + 1 : close]
    if any(byte <= 0x20 for byte in label):
        return None
    name = _encoding_name(label.decode("latin-1"))
    return "utf-8" if name in _UTF16 else name


def _encoding_name(label: str) -> str | None:
    """The standard's "get an encoding": the WHATWG name of ``label``, or None for an unknown label."""
    try:
        encoding = webencodings.lookup(label)
    except UnicodeError:  # a str label with lone surrogates: no label of the standard
        return None
    return encoding.name if encoding is not None else None


# --- sanity checks --------------------------------------------------------------------------------


def _reject_binary(data: bytes) -> None:
    head = data[:8192]
    if head.startswith(
        (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
    ):
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
