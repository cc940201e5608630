"""Web archives: every record of a WARC or ARC file (gzipped or not) is a row or a skipped count, broken
records are rows with an error, HTTP charsets decode pages, and a resumed audit goes record by record."""

import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detector.audit.local import AuditOptions, discover, run_audit
from detector.cli import main
from detector.exceptions import ArchiveRecordError, InputTooLargeError
from detector.page.archive import ArchiveRecord, is_archive_name, read_record, scan_archive

from .conftest import SEEDS

CAFE = "<html><head><title>Caf\xe9 owners fined</title></head><body><p>The caf\xe9 on the quay was fined.</p></body></html>"


def seed_pages(n: int) -> list[Path]:
    return sorted((SEEDS / "pages" / "a").glob("*.html"))[:n]


def response(
    writer, uri: str, body: bytes, content_type: str = "text/html", status: str = "200 OK", **headers
):
    http = StatusAndHeaders(status, [("Content-Type", content_type), *headers.items()], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)


def write_warc(path: Path, records: list, *, gz: bool = True) -> bytes:
    """Write ``records`` (functions of a writer that make a record) to ``path``; return the bytes."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for make in records:
        writer.write_record(make(writer))
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def crawl(gz: bool = True) -> list:
    """A small crawl: a warcinfo record, three seed pages each with its request, an image, a redirect,
    a 404 page and a plain-text page declared ISO-8859-1 by its HTTP header only."""
    records = [lambda w: w.create_warcinfo_record("crawl.warc", {"software": "tests"})]
    for page in seed_pages(3):
        uri = f"https://farm.example/{page.stem}"
        body = page.read_bytes()
        records.append(lambda w, uri=uri, body=body: response(w, uri, body))
        records.append(
            lambda w, uri=uri: w.create_warc_record(
                uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
    records += [
        lambda w: response(w, "https://farm.example/logo.png", b"\x89PNG\r\n", "image/png"),
        lambda w: response(w, "https://farm.example/old", b"", "text/html", "301 Moved Permanently"),
        lambda w: response(
            w, "https://farm.example/missing", b"<p>Not found</p>", "text/html", "404 Not Found"
        ),
        lambda w: response(
            w, "https://farm.example/cafe", CAFE.encode("latin-1"), "text/html; charset=ISO-8859-1"
        ),
    ]
    return records


@pytest.mark.parametrize("gz", [True, False])
def test_every_record_is_a_page_or_a_counted_skip(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, crawl(), gz=gz)
    scan = scan_archive(path)
    assert [r.uri for r in scan.records] == [
        *(f"https://farm.example/{p.stem}" for p in seed_pages(3)),
        "https://farm.example/cafe",
    ]
    assert all(r.problem is None and r.record_id.startswith("<urn:uuid:") for r in scan.records)
    assert scan.skipped == {
        "WARC warcinfo record": 1,
        "WARC request record": 3,
        "not a page (image/png)": 1,
        "HTTP status 301": 1,
        "HTTP status 404": 1,
    }
    assert scan.total == len(scan.records) + sum(scan.skipped.values()) == 11
    assert scan.records[-1].charset == "ISO-8859-1" and scan.records[-1].content_type == "html"
    assert read_record(scan.records[0], 10**7) == seed_pages(1)[0].read_bytes()


def test_an_archive_audit_decodes_with_the_http_charset_and_accounts_for_every_record(tmp_path):
    folder = tmp_path / "crawls"
    folder.mkdir()
    write_warc(folder / "crawl.warc.gz", crawl())
    (folder / "notes.md").write_text("not a page")
    out = tmp_path / "rows.jsonl"
    summary = run_audit([folder], out)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert summary.archive_records == 11 and summary.pages == len(rows) == 4
    assert (
        summary.pages + sum(n for reason, n in summary.skipped.items() if reason != "not a page (.md)") == 11
    )
    cafe = rows[-1]
    assert cafe["source"].startswith("https://farm.example/cafe <urn:uuid:")
    # ISO-8859-1 in the HTTP header, decoded as windows-1252 as browsers do: é, not a replacement character
    assert cafe["title"] == "Caf\xe9 owners fined" and "caf\xe9 on the quay" in cafe["paragraphs"][0]["text"]
    assert all(row["error"] is None for row in rows)


def test_a_truncated_archive_gets_an_error_row_for_its_last_record(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", crawl())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[:-200])  # into the last record, the café page
    scan = scan_archive(path)
    assert [r.problem for r in scan.records[:3]] == [None, None, None]
    assert scan.records[-1].problem is not None and "record" in scan.records[-1].problem
    with pytest.raises(ArchiveRecordError):
        read_record(scan.records[-1], 10**7)
    out = tmp_path / "rows.jsonl"
    run_audit([path], out)
    last = json.loads(out.read_text("utf-8").splitlines()[-1])
    assert last["error"]["type"] == "ArchiveRecordError" and last["verdict"] is None


@pytest.mark.parametrize("gz", [True, False])
def test_a_corrupt_record_costs_one_row_and_the_scan_goes_on(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    data = bytearray(write_warc(path, crawl(), gz=gz))
    second = scan_archive(path).records[1]  # spoil the second page's record headers
    data[second.offset : second.offset + 12] = b"GARBAGE!" * 1 + b"\x00" * 4
    path.write_bytes(bytes(data))
    scan = scan_archive(path)
    uris = [r.uri for r in scan.records if r.problem is None]
    broken = [r for r in scan.records if r.problem is not None]
    assert len(broken) == 1 and broken[0].offset == second.offset
    assert uris[0].endswith(seed_pages(1)[0].stem) and uris[-1] == "https://farm.example/cafe"


def test_arc_files_are_read_as_warc_with_stable_sources(tmp_path):
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    body = (
        b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + seed_pages(1)[0].read_bytes()
    )
    arc = b"filedesc://t.arc 0.0.0.0 20200101000000 text/plain %d\n%s\n" % (len(desc), desc)
    arc += b"http://news.example/story 10.0.0.1 20200101000000 text/html %d\n%s\n" % (len(body), body)
    members = arc.split(b"\nhttp://")
    by_record = gzip.compress(members[0] + b"\n") + gzip.compress(b"http://" + members[1])
    for name, data in [("t.arc", arc), ("t.arc.gz", by_record)]:
        (tmp_path / name).write_bytes(data)
        first, second = scan_archive(tmp_path / name), scan_archive(tmp_path / name)
        assert [r.source for r in first.records] == [r.source for r in second.records]
        (record,) = first.records
        assert record.source.startswith("http://news.example/story <arc:")
        assert read_record(record, 10**7) == seed_pages(1)[0].read_bytes()
    # gzipped as a whole (gzip t.arc): offsets cannot be seeked, and the row says how to fix the file
    (tmp_path / "whole.arc.gz").write_bytes(gzip.compress(arc))
    (record,) = scan_archive(tmp_path / "whole.arc.gz").records
    assert "warcio recompress" in record.problem


def test_hostile_headers_are_cleaned_and_payloads_bounded(tmp_path, capsys):
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>")
    path = tmp_path / "hostile.warc.gz"
    write_warc(
        path,
        [
            lambda w: response(w, "https://x.example/\x1b[2J\x07evil", b"<p>ok</p>", "text/html"),
            lambda w: response(
                w, "https://x.example/bomb", bomb, "text/html", **{"Content-Encoding": "gzip"}
            ),
            *(
                lambda w, i=i: response(w, f"https://x.example/{i}", b"x", f"application/x-type{i}")
                for i in range(60)
            ),
        ],
    )
    scan = scan_archive(path)
    assert "\x1b" not in scan.records[0].source and "\x07" not in scan.records[0].source
    with pytest.raises(InputTooLargeError):
        read_record(scan.records[1], 1_000_000)
    # attacker-chosen content types are named up to a bound, then counted together
    assert len(scan.skipped) == 51 and scan.skipped["not a page (other content types)"] == 10
    assert capsys.readouterr().err == ""  # warcio's own warnings (with record bytes) never reach the terminal


def test_a_resumed_audit_scores_only_the_records_it_has_no_row_for(tmp_path, monkeypatch):
    import detector.audit.local as audit_module

    path = tmp_path / "crawl.warc"
    write_warc(path, crawl(), gz=False)
    out = tmp_path / "rows.jsonl"
    run_audit([path], out)
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][:40], encoding="utf-8")  # killed while writing the third row
    scored = []
    real = audit_module.score_input

    def counting(detector, page, **kwargs):
        scored.append(page)
        return real(detector, page, **kwargs)

    monkeypatch.setattr(audit_module, "score_input", counting)
    summary = run_audit([path], out, AuditOptions(resume=True))
    assert (summary.resumed, summary.scored) == (2, 2)
    assert [p.uri for p in scored] == [
        f"https://farm.example/{seed_pages(3)[2].stem}",
        "https://farm.example/cafe",
    ]
    assert out.read_text("utf-8").splitlines(keepends=True) == lines


def test_archive_names_and_the_score_command(tmp_path):
    assert all(map(is_archive_name, ["a.warc", "a.WARC.gz", "b.arc", "b.arc.gz"]))
    assert not any(map(is_archive_name, ["a.html", "a.warc.txt", "warc", "a.gz"]))
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, crawl())
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2 and "detector audit" in result.output
    assert discover([path]).archive_records == 11
    assert isinstance(discover([tmp_path]).pages[0], ArchiveRecord)


def test_a_junk_gzip_member_is_one_error_row_not_a_phantom_record(tmp_path):
    # warcio would read such a member as an ARC record; in a WARC file it is corrupt
    good = write_warc(tmp_path / "good.warc.gz", crawl())
    junk = gzip.compress(b"\x00\x01 not a WARC header\r\n\r\n" + bytes(range(64)))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(junk + good)
    scan = scan_archive(path)
    assert scan.records[0].offset == 0 and "corrupt" in scan.records[0].problem
    assert [r.problem for r in scan.records[1:]] == [None] * 4
    assert scan.total == 12 and scan.total == len(scan.records) + sum(scan.skipped.values())
