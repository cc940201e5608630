"""Pages by URL, fetched safely: only http(s), never to a non-public address (refused before any connection,
after every redirect too), bounded in size, time and redirects, and every failure a row with an error."""

import gzip
import http.server
import json
import socket
import socketserver
import threading
import time

import pytest
from click.testing import CliRunner

from detector.audit.local import AuditOptions, run_audit, score_url
from detector.cli import main
from detector.exceptions import FetchError, InputTooLargeError, RefusedURLError
from detector.page.fetch import USER_AGENT, FetchOptions, WebPage, fetch
from detector.scoring import Detector

from .conftest import SEEDS

LOCAL = FetchOptions(allow_networks=("127.0.0.1/32",), timeout=5.0)
CAFE = "<html><head><title>Caf\xe9 owners fined</title></head><body><p>The caf\xe9 on the quay was fined.</p></body></html>"
SEED = min((SEEDS / "pages" / "a").glob("*.html")).read_bytes()


AGENTS: list[str] = []  # the User-Agent of every request the test server answered


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status: int, body: bytes = b"", **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        AGENTS.append(self.headers.get("User-Agent"))
        path = self.path
        if path == "/cafe":
            self.send(200, CAFE.encode("latin-1"), Content_Type="text/html; charset=ISO-8859-1")
        elif path == "/seed":
            self.send(200, SEED, Content_Type="text/html")
        elif path == "/to-cafe":
            self.send(302, Location="/cafe")
        elif path == "/to-metadata":
            self.send(302, Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/to-file":
            self.send(301, Location="file:///etc/passwd")
        elif path.startswith("/loop"):
            self.send(302, Location=f"/loop{len(path)}")
        elif path == "/bomb":
            self.send(
                200,
                gzip.compress(b"<p>" + b"a" * 8_000_000),
                Content_Type="text/html",
                Content_Encoding="gzip",
            )
        elif path == "/slow":
            time.sleep(3)
            self.send(200, b"<p>late</p>", Content_Type="text/html")
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n", Content_Type="image/png")
        else:
            self.send(404, b"<p>no such page</p>", Content_Type="text/html")


class Server(socketserver.ThreadingTCPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up on /slow: expected, not worth a traceback


@pytest.fixture(scope="module")
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def connections(monkeypatch):
    """Every TCP connection attempted (httpcore connects with socket.create_connection)."""
    made = []
    real = socket.create_connection

    def spy(address, *args, **kwargs):
        made.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    return made


def test_a_page_is_fetched_with_its_http_charset_and_an_identifying_user_agent(server):
    fetched = fetch(f"{server}/to-cafe", LOCAL)
    assert fetched.url == f"{server}/cafe" and fetched.charset == "ISO-8859-1"
    assert AGENTS[-1] == USER_AGENT
    report = score_url(Detector.load(), f"{server}/cafe", LOCAL)
    assert report.error is None and report.title == "Caf\xe9 owners fined"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "2130706433",  # 127.0.0.1 as one number
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata services
        "100.64.0.1",  # shared (carrier-grade NAT)
        "0.0.0.0",
        "224.0.0.1",
        "[::1]",
        "[fe80::1]",
        "[fc00::1]",
        "[::ffff:10.0.0.1]",  # IPv4-mapped
        "[2002:a00:1::1]",  # 6to4 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_before_any_connection(host, connections):
    with pytest.raises(RefusedURLError, match="not a public address"):
        fetch(f"http://{host}:8080/admin", FetchOptions(timeout=5.0))
    assert connections == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/", "data:text/html,hi", "/relative"]
)
def test_only_http_and_https_are_fetched(url, connections):
    with pytest.raises(RefusedURLError, match="only http and https"):
        fetch(url)
    assert connections == []


def test_every_redirect_is_checked_again(server, connections):
    with pytest.raises(RefusedURLError, match=r"169\.254\.169\.254"):
        fetch(f"{server}/to-metadata", LOCAL)
    assert connections == ["127.0.0.1"]  # the first hop only: the metadata address was never connected to
    with pytest.raises(RefusedURLError, match="only http and https"):
        fetch(f"{server}/to-file", LOCAL)


def test_size_time_redirects_and_status_are_bounded(server):
    with pytest.raises(InputTooLargeError):
        fetch(f"{server}/bomb", LOCAL)  # 8 MB after decoding, 8 KB on the wire
    with pytest.raises(FetchError, match="redirects"):
        fetch(f"{server}/loop", LOCAL)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out|longer than"):
        fetch(f"{server}/slow", FetchOptions(allow_networks=("127.0.0.1/32",), timeout=1.0))
    assert time.monotonic() - started < 2.5
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/missing", LOCAL)
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch("http://no-such-host.invalid/", LOCAL)


def test_an_audit_of_urls_gives_every_url_a_row_and_resume_does_not_fetch_again(
    server, tmp_path, monkeypatch
):
    import detector.audit.local as audit_module

    monkeypatch.setattr(
        audit_module, "FetchOptions", lambda max_bytes: FetchOptions(max_bytes=max_bytes, **_local())
    )
    urls = [
        f"{server}/seed",
        f"{server}/image",
        f"{server}/missing",
        "ftp://example.com/page",
        "http://10.0.0.1/",
    ]
    out = tmp_path / "rows.jsonl"
    summary = run_audit([WebPage(u) for u in urls], out)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["source"] for r in rows] == urls and summary.pages == 5
    assert rows[0]["error"] is None and rows[0]["paragraphs"]
    assert [r["error"]["type"] for r in rows[1:]] == [
        "FetchError",
        "FetchError",
        "RefusedURLError",
        "RefusedURLError",
    ]
    fetched = len(AGENTS)
    summary = run_audit([WebPage(u) for u in urls], out, AuditOptions(resume=True))
    assert summary.resumed == 1 and len(AGENTS) == fetched + 2  # the errors are tried again, not the page


def _local() -> dict:
    return {"allow_networks": ("127.0.0.1/32",), "timeout": 5.0}


def test_the_cli_fetches_urls_and_refuses_private_ones(server, tmp_path):
    result = CliRunner().invoke(main, ["score", f"{server}/cafe", "--json"])
    assert result.exit_code == 2 and "not a public address" in result.output
    result = CliRunner().invoke(main, ["score", "ftp://example.com/page"])
    assert result.exit_code == 2 and "only http and https" in result.output
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# a crawl\n\n{server}/seed\nhttp://192.168.0.1/\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["audit", "--urls", str(urls), "--out", str(tmp_path / "r.jsonl"), "--quiet"]
    )
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    assert result.exit_code == 0 and [r["error"]["type"] for r in rows] == [
        "RefusedURLError",
        "RefusedURLError",
    ]


def _service(**settings):
    import warnings

    from detector.service import Settings, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app(Settings(score_processes=0, **settings), detector=Detector.load()))


def test_the_service_fetches_urls_only_when_its_setting_says_so(server, connections):
    with _service() as client:  # the default: off
        response = client.post("/v1/score/url", json={"url": f"{server}/cafe"})
    assert response.status_code == 403 and "DETECTOR_FETCH_URLS" in response.json()["error"]["message"]
    assert connections == []
    with _service(fetch_urls=True, fetch_allow_networks="127.0.0.1/32") as client:
        report = client.post("/v1/score/url", json={"url": f"{server}/to-cafe", "source": "cafe"}).json()
        assert (
            report["error"] is None
            and report["source"] == "cafe"
            and report["title"] == "Caf\xe9 owners fined"
        )
        image = client.post("/v1/score/url", json={"url": f"{server}/image"}).json()
        assert (
            image["error"]["type"] == "FetchError" and "not a page (image/png)" in image["error"]["message"]
        )
        bomb = client.post("/v1/score/url", json={"url": f"{server}/bomb"}).json()
        assert bomb["error"]["type"] == "InputTooLargeError"
        assert client.post("/v1/score/url", json={"url": f"{server}/cafe", "html": "x"}).status_code == 422


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/", "http://169.254.169.254/latest/", "file:///etc/passwd"]
)
def test_the_service_refuses_what_the_cli_refuses_before_any_connection(url, connections):
    with _service(fetch_urls=True) as client:
        response = client.post("/v1/score/url", json={"url": url})
    assert response.status_code == 200 and response.json()["error"]["type"] == "RefusedURLError"
    assert connections == []


def test_a_redirect_to_a_refused_address_is_refused_by_the_service_too(server, connections):
    with _service(fetch_urls=True, fetch_allow_networks="127.0.0.1/32") as client:
        report = client.post("/v1/score/url", json={"url": f"{server}/to-metadata"}).json()
    assert report["error"]["type"] == "RefusedURLError"
    assert "169.254.169.254" not in connections
