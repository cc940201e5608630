"""Showing untrusted strings to a person: file names, titles, page text and error messages are hostile.

One rule for every human-facing view (the terminal, the review report, JSON printed to a terminal):
control characters (C0, DEL, C1), the invisible characters that reorder or hide text on screen
(bidirectional overrides, embeddings and isolates, zero-width characters, line and paragraph
separators, the byte-order mark) and lone surrogates are shown as visible escapes (``\\x1b``,
``\\u202e``, ``\\udcff``). Files and machine output (JSONL, CSV, ``--json`` into a pipe) stay exact.

A file's path is spelled in a report by :func:`detector.page.reading.source_name`.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "clean", "escape_json"]

#: C0 and C1 controls, DEL, the invisible characters that reorder or hide text on screen, and lone
#: surrogates (which no terminal or HTML page can show, and which cannot even be encoded as UTF-8).
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def clean(text: str | None, *, keep_newlines: bool = False) -> str:
    """``text`` safe to show to a person: every control or format character shown as an escape.

    Tabs become a space; newlines are kept only with ``keep_newlines``.
    """
    if not text:
        return ""

    def escape(match: re.Match) -> str:
        ch = match.group()
        if ch == "\t":
            return " "
        if ch == "\n" and keep_newlines:
            return ch
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return UNSAFE.sub(escape, text)


# JSON's own whitespace between tokens; inside strings a serialiser always escapes these.
_JSON_WHITESPACE = frozenset("\n\r\t ")


def escape_json(text: str) -> str:
    """A JSON document with every :data:`UNSAFE` character inside its strings written as ``\\uXXXX``.

    The result parses to exactly the same value (it is the same JSON, spelled with escapes), and shows
    no control, bidirectional or invisible character when printed. Other non-ASCII text stays readable.
    """

    def escape(match: re.Match) -> str:
        ch = match.group()
        return ch if ch in _JSON_WHITESPACE else f"\\u{ord(ch):04x}"

    return UNSAFE.sub(escape, text)
