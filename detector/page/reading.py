"""Reading a page file: its bytes (gunzipped, within a size limit, never from a pipe or device) and its name.

:func:`read_page` is how every file the detector scores is read (``detector audit``, ``score_file``,
the training corpus); :func:`source_name` is the one spelling of a file's path in a report.
"""

from __future__ import annotations

import gzip
import os
import stat
from pathlib import Path

from ..exceptions import InputTooLargeError, SpecialFileError

#: File names the audit reads: HTML, XHTML and plain text, and the same compressed with gzip.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
_GZIP_SUFFIX = ".gz"
#: What :func:`read_page` raises for a file it cannot deliver (EOFError: a truncated gzip stream).
UNREADABLE = (OSError, EOFError, InputTooLargeError, SpecialFileError)
#: What a path that is not a regular file is, by the file type bits of its mode.
SPECIAL_KINDS = {
    stat.S_IFIFO: "named pipe",
    stat.S_IFSOCK: "socket",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFDIR: "folder",
}


def is_page_name(name: str) -> bool:
    """Whether a file name has a page suffix (``.html``, ``.htm``, ``.xhtml``, ``.txt``, each optionally ``.gz``)."""
    name = name.lower().removesuffix(_GZIP_SUFFIX)
    return name.endswith(PAGE_SUFFIXES)


def read_page(
    path: Path, max_bytes: int, *, cwd: str | Path | None = None, regular_only: bool = True
) -> bytes:
    """The bytes of a page file, decompressed when it ends in ``.gz``.

    Reads at most ``max_bytes`` (after decompression, so a gzip bomb costs nothing). A relative
    ``path`` is read relative to ``cwd`` (default: the working directory); an error names ``path`` as
    given either way (so a dask worker's error row is the same as a local one). With ``regular_only``
    (the default) the file is opened without blocking and refused unless it is a regular file: a named
    pipe put where a page was found must not hang the audit.

    Raises
    ------
    OSError
        The file (or ``cwd``) cannot be read, or is not valid gzip.
    InputTooLargeError
        The page is larger than ``max_bytes``.
    SpecialFileError
        ``regular_only`` and the path is a named pipe, socket or device.
    """
    dir_fd = None
    if cwd is not None and not path.is_absolute():
        dir_fd = os.open(cwd, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    extra = (getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)) if regular_only else 0

    def opener(name, flags):
        return os.open(name, flags | extra, dir_fd=dir_fd)

    try:
        with open(path, "rb", opener=opener) as raw:
            mode = os.fstat(raw.fileno()).st_mode
            if regular_only and not stat.S_ISREG(mode):
                kind = SPECIAL_KINDS.get(stat.S_IFMT(mode), "special file")
                raise SpecialFileError(f"{source_name(path)} is a {kind}, not a regular file")
            fh = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(_GZIP_SUFFIX) else raw
            data = fh.read(max_bytes + 1)
    finally:
        if dir_fd is not None:
            os.close(dir_fd)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"page is more than the limit of {max_bytes:,} bytes")
    return data


def source_name(path: str | os.PathLike) -> str:
    """The ``source`` of a file in its report: its path as text, whatever bytes it is made of.

    A file name need not be UTF-8; Python holds its other bytes as lone surrogates, which cannot be
    written as JSON or UTF-8. Here each such byte is shown as ``\\xff`` (JSONL, CSV, the review report
    and resume all use this one spelling). Two names differing only in such a byte and a literal
    ``\\xff`` read the same; resume then scores both again.
    """
    raw = os.fspath(path)
    try:
        data = os.fsencode(raw)
    except UnicodeEncodeError:  # a surrogate no file name can hold
        data = raw.encode("utf-8", "backslashreplace")
    return data.decode("utf-8", "backslashreplace")
