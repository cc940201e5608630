"""Reading web archives: the pages a WARC or ARC file holds (gzipped or not), each by its offset.

A crawl is audited record by record. :func:`scan_archive` walks an archive once and says what each
record is: a page (a ``response`` or ``resource`` record whose payload is HTML or plain text, fetched
with a 2xx status), a record skipped and why (its type, its content type, its HTTP status), or a broken
record (truncated, corrupt), which still gets a row with ``error``. :func:`read_record` reads one
page's payload later, in any process, from the archive's path and the record's offset: that is what
lets a resumed audit, a pool of workers or a dask cluster take an archive apart record by record.

Archive bytes are hostile like page bytes: a record's payload is read within the same size limit as a
page file (after its transfer and content encodings are undone, so a compressed bomb costs nothing),
and the header values shown in a report (target URI, record id, content type) are cleaned and capped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..exceptions import ArchiveRecordError, InputTooLargeError
from .decoding import PAGE_MEDIA_TYPES, content_type_parts

#: File names read as web archives, each optionally gzipped.
ARCHIVE_SUFFIXES = (".warc", ".arc")
_GZIP_SUFFIX = ".gz"
#: Record types that hold a fetched document (ARC records are read as WARC ``response`` records).
PAGE_RECORD_TYPES = frozenset({"response", "resource"})
#: Longest target URI, record id or media type kept from a record's headers (they are attacker-chosen).
MAX_HEADER_VALUE = 2048
#: Distinct media types named in the skipped counts; the rest are counted together.
MAX_NAMED_MEDIA_TYPES = 50
#: Why a gzipped archive compressed as a whole (not record by record) cannot be read record by record.
ONE_GZIP_MEMBER = (
    "an archive gzipped as a whole, not record by record, cannot be read by record: "
    "recompress it with `warcio recompress IN OUT`"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")
_READ_CHUNK = 1 << 16


def is_archive_name(name: str) -> bool:
    """Whether a file name is a web archive's (``.warc``, ``.arc``, each optionally ``.gz``)."""
    return name.lower().removesuffix(_GZIP_SUFFIX).endswith(ARCHIVE_SUFFIXES)


def _clean(value: str | None) -> str:
    """A header value fit to show: control characters as spaces, at most :data:`MAX_HEADER_VALUE` long."""
    return _CONTROL.sub(" ", (value or "")[: MAX_HEADER_VALUE + 1]).strip()[:MAX_HEADER_VALUE]


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One record of a web archive that gets a row: a page to score, or a broken record (``problem``).

    ``archive``: the archive's path; ``offset``: where the record starts in the file (a gzip member's
    first byte, for a gzipped archive); ``uri`` and ``record_id``: its ``WARC-Target-URI`` and
    ``WARC-Record-ID``; ``content_type``: ``"html"`` or ``"text"``; ``charset``: the HTTP
    ``Content-Type`` charset, if any.
    """

    archive: Path
    offset: int
    uri: str = ""
    record_id: str = ""
    content_type: str = "auto"
    charset: str | None = None
    problem: str | None = None

    @property
    def source(self) -> str:
        """The record's ``source`` in its report: the target URI and the record id, or for a record
        without them, the archive and the offset."""
        if self.uri or self.record_id:
            return f"{self.uri} {self.record_id}".strip()
        from .reading import source_name

        return f"{source_name(self.archive)}@{self.offset}"


@dataclass
class ArchiveScan:
    """What :func:`scan_archive` found: the records that get a row, and the others counted by reason."""

    records: list[ArchiveRecord]
    skipped: dict[str, int]
    total: int = 0


def _skip_name(media_type: str, named: set[str]) -> str:
    """How a skipped media type is counted: by name while few are named, else together."""
    if not _MEDIA_TYPE.fullmatch(media_type):
        return (
            "not a page (no or unreadable content type)"
            if not media_type
            else "not a page (other content types)"
        )
    if media_type not in named and len(named) >= MAX_NAMED_MEDIA_TYPES:
        return "not a page (other content types)"
    named.add(media_type)
    return f"not a page ({media_type})"


def _classify(record, archive: Path, offset: int, named: set[str], arc: bool) -> ArchiveRecord | str:
    """The row a record gets, or the reason it is skipped."""
    kind = _clean(record.rec_type).lower()
    if kind not in PAGE_RECORD_TYPES:
        return (
            f"WARC {kind or 'untyped'} record" if len(kind) <= 32 and kind.isalpha() else "WARC other record"
        )
    headers = record.http_headers
    if kind == "response" and headers is not None:
        status = headers.get_statuscode() or ""
        if not (status.isdigit() and status.startswith("2")):
            return (
                f"HTTP status {status}" if len(status) == 3 and status.isdigit() else "HTTP status unreadable"
            )
        media_type, charset = content_type_parts(headers.get_header("Content-Type"))
    else:  # a resource record, or a response without HTTP headers: the record's own content type
        media_type, charset = content_type_parts(record.rec_headers.get_header("Content-Type"))
    if media_type not in PAGE_MEDIA_TYPES:
        return _skip_name(media_type, named)
    return ArchiveRecord(
        archive=archive,
        offset=offset,
        uri=_clean(record.rec_headers.get_header("WARC-Target-URI")),
        record_id="" if arc else _clean(record.rec_headers.get_header("WARC-Record-ID")),
        content_type=PAGE_MEDIA_TYPES[media_type],
        charset=charset,
    )


def _drain(stream) -> None:
    while stream.read(_READ_CHUNK):
        pass


def _is_arc(path: Path) -> bool:
    return path.name.lower().removesuffix(_GZIP_SUFFIX).endswith(".arc")


def _iterator(fh, arc: bool):
    """warcio's iterator over ``fh``; ARC records read as WARC ones only in an ARC file (in a WARC file, a
    member that parses as an ARC record is junk, and is reported as a corrupt record)."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        # warcio writes this warning, with bytes of the record in it, to standard error: a hostile
        # archive would write to the terminal (escape sequences included); the scan reports it instead
        INC_RECORD = ""

    return QuietIterator(fh, arc2warc=arc)


def _problem(exc: BaseException) -> str:
    """What is wrong with a record that could not be parsed, in a short line fit for a report."""
    detail = _clean(str(exc))[:200]
    return f"a corrupt record ({type(exc).__name__}{': ' + detail if detail else ''})"


def _resync(fh, after: int, size: int, gzipped: bool) -> int:
    """Where the next record after byte ``after`` may start: the next gzip member header, or the next
    line starting ``WARC/``; ``size`` (the end) when there is none. Reads the file once, in chunks."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/"
    skip = 0 if gzipped else 1  # the record starts after the line break
    position = after
    while position < size:
        fh.seek(position)
        chunk = fh.read(_READ_CHUNK + len(marker))
        found = chunk.find(marker)
        if found >= 0:
            return position + found + skip
        position += _READ_CHUNK
    return size


def scan_archive(path: Path) -> ArchiveScan:
    """Every record of the archive at ``path``: the pages and broken records, and the rest counted.

    A record that cannot be parsed, or that ends before its declared length, is a broken record
    (``problem`` set); the scan goes on at the next record it can find (the next gzip member, or the next
    ``WARC/`` header line), so one bad record costs one row, not the rest of the crawl.

    Raises
    ------
    OSError
        The archive cannot be opened or read.
    """
    records: list[ArchiveRecord] = []
    skipped: dict[str, int] = {}
    named: set[str] = set()
    total = 0
    gzipped = path.name.lower().endswith(_GZIP_SUFFIX)
    arc = _is_arc(path)
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        start = 0
        while start < size:
            fh.seek(start)
            iterator = _iterator(fh, arc)
            next_offset = start  # where the record being read starts, as far as is known
            try:
                for record in iterator:
                    if not arc and record.format != "warc":
                        raise ValueError("not a WARC record")
                    row = _classify(record, path, next_offset, named, arc)
                    raw = record.raw_stream
                    _drain(raw)
                    truncated = getattr(raw, "limit", 0) > 0
                    offset, length = iterator.get_record_offset(), iterator.get_record_length()
                    if length < 0:  # warcio's sign of several records in one gzip member
                        records.append(ArchiveRecord(path, start, problem=ONE_GZIP_MEMBER))
                        return ArchiveScan(records=records, skipped=skipped, total=total + 1)
                    next_offset = offset + length
                    total += 1
                    if truncated:
                        records.append(
                            ArchiveRecord(path, offset, problem="a truncated record (it ends early)")
                        )
                    elif isinstance(row, ArchiveRecord):
                        records.append(_placed(row, offset))
                    else:
                        skipped[row] = skipped.get(row, 0) + 1
                if _has_more(fh, next_offset):  # a record cut off in its headers reads as the end
                    records.append(
                        ArchiveRecord(path, next_offset, problem="a truncated record (it ends early)")
                    )
                    total += 1
                break
            except Exception as exc:  # warcio raises many kinds of error on hostile bytes
                if "non-chunked gzip" in str(exc):
                    records.append(ArchiveRecord(path, start, problem=ONE_GZIP_MEMBER))
                    total += 1
                    break
                if not gzipped:
                    next_offset = _after_blank_lines(fh, next_offset)
                records.append(ArchiveRecord(path, next_offset, problem=_problem(exc)))
                total += 1
                start = _resync(fh, next_offset + 1, size, gzipped)
    return ArchiveScan(records=records, skipped=skipped, total=total)


def _after_blank_lines(fh, offset: int) -> int:
    """Where the record after byte ``offset`` starts: past the blank lines between uncompressed records."""
    fh.seek(offset)
    chunk = fh.read(64)
    return offset + len(chunk) - len(chunk.lstrip(b"\r\n"))


def _has_more(fh, offset: int) -> bool:
    """Whether anything but blank lines follows byte ``offset`` (the end of the last record read)."""
    fh.seek(offset)
    return bool(fh.read(_READ_CHUNK).strip(b"\r\n\t \x00"))


def _placed(record: ArchiveRecord, offset: int) -> ArchiveRecord:
    # an ARC record has no id (warcio makes up a new one at each reading): its offset stands for it
    return replace(record, offset=offset, record_id=record.record_id or f"<arc:{offset}>")


def read_record(record: ArchiveRecord, max_bytes: int) -> bytes:
    """The payload of the page ``record`` (its HTTP body, transfer and content encodings undone).

    Reads at most ``max_bytes`` of it (after decompression, so a compressed bomb costs nothing).

    Raises
    ------
    ArchiveRecordError
        The record is broken (``record.problem``), or is no longer what the scan found there.
    InputTooLargeError
        The payload is larger than ``max_bytes``.
    OSError
        The archive cannot be read.
    """
    if record.problem is not None:
        raise ArchiveRecordError(f"{record.source}: {record.problem}")
    with open(record.archive, "rb") as fh:
        fh.seek(record.offset)
        try:
            found = next(iter(_iterator(fh, _is_arc(record.archive))), None)
            header, expected = (
                ("WARC-Target-URI", record.uri)
                if record.record_id.startswith("<arc:")
                else ("WARC-Record-ID", record.record_id)
            )
            if found is None or _clean(found.rec_headers.get_header(header)) != expected:
                raise ArchiveRecordError(f"{record.source}: the archive changed since it was scanned")
            data = found.content_stream().read(max_bytes + 1)
        except (ArchiveRecordError, OSError):
            raise
        except Exception as exc:  # a record that parsed during the scan and not now, or a bad encoding
            raise ArchiveRecordError(f"{record.source}: {_problem(exc)}") from exc
    if len(data) > max_bytes:
        raise InputTooLargeError(f"page is more than the limit of {max_bytes:,} bytes")
    return data


def iter_archive_pages(path: Path, max_bytes: int) -> Iterator[tuple[ArchiveRecord, bytes | Exception]]:
    """Each page or broken record of the archive at ``path`` with its payload, or why it has none."""
    for record in scan_archive(path).records:
        try:
            yield record, read_record(record, max_bytes)
        except (ArchiveRecordError, InputTooLargeError, OSError) as exc:
            yield record, exc
