"""What an operator runs: offline /docs, /metrics, X-Request-ID, JSON logs, rate limits, named API keys."""

import asyncio
import hashlib
import hmac
import io
import json
import logging
import logging.config
import re
import warnings
from types import SimpleNamespace

import pytest
from pythonjsonlogger.json import JsonFormatter

from detector import LABELS
from detector.exceptions import BinaryInputError
from detector.report.schema import ModelInfo, PageReport
from detector.scoring import Detector, input_sha256
from detector.service import Settings, create_app
from detector.service._keys import KeyFileError, KeyRing, read_keys_file
from detector.service._observe import Metrics, ObserveMiddleware, RequestIdFilter, log_config
from detector.service._ratelimit import RateLimiter

with warnings.catch_warnings():  # starlette asks for httpx2, which is not released everywhere yet
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PAGE_TEXT = "The harbour commission confirmed the new ferry timetable on Monday afternoon."
ARTICLE = f"<html><body><article><h1>Ferries</h1><p>{PAGE_TEXT}</p></article></body></html>"


class StubDetector:
    """Stands in for the model (these tests are about the service around it): every page gets the OpenAPI
    example's report, a page with a NUL byte a BinaryInputError report."""

    info = ModelInfo(name="stub", version="9.9.9-test", sha256="ab" * 32, digest="cd" * 32, official=False)
    model = SimpleNamespace(metadata={"name": "stub", "version": "9.9.9-test"})
    classifier = SimpleNamespace(classes=list(LABELS))
    error_report = Detector.error_report

    def score(self, data, *, source="<input>", content_type=None, **options) -> PageReport:
        from detector.service.examples import EXAMPLE_REPORT

        if "\x00" in (data.decode("latin-1") if isinstance(data, bytes) else data):
            return self.error_report(source, BinaryInputError("binary input"), sha256=input_sha256(data))
        return PageReport.model_validate(
            {**EXAMPLE_REPORT, "source": source, "model": self.info.model_dump()}
        )


def stub_loader() -> StubDetector:
    """A picklable loader for scoring processes."""
    return StubDetector()


@pytest.fixture(scope="module")
def stub():
    return StubDetector()


def _client(detector, **settings) -> TestClient:
    return TestClient(create_app(Settings(score_processes=0, **settings), detector=detector))


@pytest.fixture(scope="module")
def client(stub):
    with _client(stub) as c:
        yield c


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _metric(text: str, name: str, **labels: str) -> float:
    """The value of the sample ``name`` whose labels include ``labels`` (summed over the others)."""
    total, found = 0.0, False
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        match = re.fullmatch(r"([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)", line)
        if match is None or match.group(1) != name:
            continue
        have = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            total, found = total + float(match.group(3)), True
    assert found, f"no sample {name} {labels}"
    return total


# -- /docs offline -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_reference_no_other_host_and_their_assets_are_served(client, page):
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert re.findall(r"(?:https?:)?//[\w.-]+", html) == [], "the page references another host"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    types = {".js": "javascript", ".css": "text/css", ".png": "image/png"}
    seen = set()
    for asset in assets:
        suffix = asset[asset.rfind(".") :]
        got = client.get(asset)
        assert got.status_code == 200, asset
        assert types[suffix] in got.headers["content-type"], (asset, got.headers["content-type"])
        seen.add(suffix)
    assert ".png" in seen, "no favicon"  # the favicon is served too
    if page == "/docs":
        assert {".js", ".css"} <= seen
        assert '"validatorUrl": null' in html  # no validator badge fetched from another host


def test_docs_stay_open_behind_a_key(stub):
    with _client(stub, api_key="k") as c:
        assert c.get("/docs").status_code == 200
        assert c.get("/docs-assets/swagger-ui.css").status_code == 200


# -- /metrics ------------------------------------------------------------------------------------


def test_metrics_count_requests_latency_pages_and_the_model(stub):
    with _client(stub) as c:
        before = c.get("/metrics").text
        assert _metric(before, "detector_pages_scored_total", verdict="credible") == 0
        assert _metric(before, "detector_model_info", version="9.9.9-test", sha256="ab" * 32) == 1

        report = c.post("/v1/score", json={"html": ARTICLE}).json()
        c.post("/v1/score", json={"html": "\x00\x01\x02" * 40})  # cannot be scored
        c.post("/v1/score", json={"nothing": 1})  # 422
        r = c.get("/metrics")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
        text = r.text
        assert (
            _metric(text, "detector_http_requests_total", route="/v1/score", status="200", method="POST") == 2
        )
        assert _metric(text, "detector_http_requests_total", route="/v1/score", status="422") == 1
        assert _metric(text, "detector_http_request_duration_seconds_count", route="/v1/score") == 3
        assert (
            _metric(text, "detector_http_request_duration_seconds_bucket", route="/v1/score", le="+Inf") == 3
        )
        assert _metric(text, "detector_pages_scored_total", verdict=report["verdict"]) == 1
        assert _metric(text, "detector_pages_scored_total", verdict="not_scored") == 1
        paragraphs = sum(report["counts"].values())
        assert (
            paragraphs
            and sum(
                _metric(text, "detector_paragraphs_scored_total", label=label) for label in report["counts"]
            )
            == paragraphs
        )
        assert _metric(text, "detector_errors_total", kind="request", type="validation_error") == 1
        assert _metric(text, "detector_errors_total", kind="page", type="BinaryInputError") == 1


def test_pages_scored_in_processes_are_counted(caplog):
    """The scoring processes send each report's summary with it (score_processes > 0)."""
    caplog.set_level(logging.INFO, logger="detector.service.access")
    app = create_app(Settings(score_processes=1), loader=stub_loader)
    with TestClient(app) as c:
        r = c.post("/v1/score/batch", json={"documents": [{"html": ARTICLE}, {"text": "a\x00b"}]})
        assert r.status_code == 200
        text = c.get("/metrics").text
    assert _metric(text, "detector_pages_scored_total", verdict=r.json()["reports"][0]["verdict"]) == 1
    assert _metric(text, "detector_pages_scored_total", verdict="not_scored") == 1
    assert _metric(text, "detector_model_info", version="9.9.9-test") == 1
    (record,) = [rec for rec in caplog.records if getattr(rec, "route", None) == "/v1/score/batch"]
    assert record.pages == 2 and record.page_errors == {"BinaryInputError": 1}


def test_the_real_detector_counts_its_verdict(detector):
    with _client(detector) as c:
        report = c.post("/v1/score", json={"html": ARTICLE}).json()
        text = c.get("/metrics").text
    assert _metric(text, "detector_pages_scored_total", verdict=report["verdict"]) == 1
    assert _metric(text, "detector_model_info", version=detector.info.version) == 1


def test_metric_labels_stay_bounded_under_hostile_requests(client):
    for i in range(30):
        client.get(f"/no/such/path/{i}?q={i}")
        client.request("BREW", f"/v1/score/{i}")
    text = client.get("/metrics").text
    assert "/no/such" not in text and "BREW" not in text and "q=" not in text
    assert _metric(text, "detector_http_requests_total", route="<unmatched>", status="404") >= 30


# -- X-Request-ID --------------------------------------------------------------------------------


def test_a_valid_request_id_is_echoed(client):
    r = client.get("/healthz", headers={"X-Request-ID": "abc-123_X.y:z"})
    assert r.headers["x-request-id"] == "abc-123_X.y:z"
    r = client.post("/v1/score", json={"nope": 1}, headers={"X-Request-ID": "err-1"})
    assert r.status_code == 422 and r.headers["x-request-id"] == "err-1"  # errors too


@pytest.mark.parametrize("hostile", ["a" * 65, "has space", "semi;colon", "<script>", "ünïcode", ""])
def test_a_hostile_request_id_is_replaced(client, hostile):
    r = client.get("/healthz", headers={"X-Request-ID": hostile.encode("utf-8")})
    rid = r.headers["x-request-id"]
    assert rid != hostile and re.fullmatch(r"[0-9a-f]{32}", rid)


def test_a_request_id_is_made_when_none_is_sent(client):
    a, b = client.get("/healthz").headers["x-request-id"], client.get("/healthz").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", a) and a != b


# -- logs ----------------------------------------------------------------------------------------


def _json_formatter() -> logging.Formatter:
    config = log_config("info", "json")["formatters"]["json"]
    return JsonFormatter(config["fmt"], rename_fields=config["rename_fields"], timestamp=config["timestamp"])


def test_a_score_request_logs_one_json_line_without_page_text(client, caplog, stub):
    caplog.set_level(logging.INFO, logger="detector.service.access")
    r = client.post(
        "/v1/score?source=secret-source-name",
        json={"html": ARTICLE, "url": "https://example.com/a?token=hidden"},
        headers={"X-Request-ID": "log-test-1"},
    )
    assert r.status_code == 200
    records = [rec for rec in caplog.records if getattr(rec, "request_id", None) == "log-test-1"]
    assert len(records) == 1
    RequestIdFilter().filter(records[0])
    line = _json_formatter().format(records[0])
    entry = json.loads(line)
    assert entry["request_id"] == "log-test-1"
    assert entry["logger"] == "detector.service.access" and entry["level"] == "INFO"
    assert entry["route"] == "/v1/score" and entry["status"] == 200 and entry["method"] == "POST"
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] > 0
    assert entry["pages"] == 1 and entry["verdicts"] == {r.json()["verdict"]: 1}
    assert entry["model_version"] == "9.9.9-test"
    assert entry["key"] == "-"
    for secret in ("ferry timetable", "harbour", "token=hidden", "secret-source-name", "example.com"):
        assert secret not in line


def test_every_log_record_of_a_request_carries_its_id(stub, caplog):
    app = create_app(Settings(score_processes=0), detector=stub)

    @app.get("/boom")
    async def boom():
        raise RuntimeError("kaboom")

    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())  # as detector serve's handler has it
    with TestClient(app) as c:
        r = c.get("/boom", headers={"X-Request-ID": "boom-1"})
    assert r.status_code == 500 and r.headers["x-request-id"] == "boom-1"
    assert r.json()["error"]["type"] == "internal_error" and "kaboom" not in r.text
    mine = [rec for rec in caplog.records if rec.name.startswith("detector.service")]
    assert {rec.name for rec in mine} >= {"detector.service._errors", "detector.service.access"}
    assert all(rec.request_id == "boom-1" for rec in mine)
    (access,) = [rec for rec in mine if rec.name == "detector.service.access"]
    assert access.status == 500 and access.route == "/boom"


def test_serve_log_config_is_json_with_the_request_id():
    # the configured handler itself, written to a buffer: what other tests did to the loggers' levels
    # and to sys.stderr cannot change what it writes
    stream = io.StringIO()
    logging.config.dictConfig(log_config("info", "json"))
    try:
        handler = logging.getLogger("detector").handlers[0]
        handler.setStream(stream)  # type: ignore[attr-defined]
        handler.handle(
            logging.LogRecord("detector.service.test", logging.INFO, __file__, 1, "hello", None, None)
        )
        line = stream.getvalue().strip().splitlines()[-1]
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
        for name in ("detector", "uvicorn"):
            logging.getLogger(name).handlers.clear()
            logging.getLogger(name).propagate = True
    entry = json.loads(line)
    assert entry["message"] == "hello" and entry["request_id"] == "-" and entry["level"] == "INFO"
    assert entry["logger"] == "detector.service.test" and entry["time"].endswith("+00:00")


# -- rate limit ----------------------------------------------------------------------------------


def test_rate_limit_429_with_retry_after_then_recovers(stub):
    clock = [1000.0]
    with _client(stub, rate_limit=0.5, rate_burst=2) as c:
        c.app.state.rate_limiter.clock = lambda: clock[0]
        assert c.get("/v1/model").status_code == 200
        assert c.get("/v1/model").status_code == 200
        r = c.get("/v1/model")
        assert r.status_code == 429 and r.json()["error"]["type"] == "rate_limited"
        assert r.headers["retry-after"] == "2"  # one request per 2 s
        assert c.get("/healthz").status_code == 200  # probes are never limited
        assert "429" in c.get("/openapi.json").json()["paths"]["/v1/score"]["post"]["responses"]
        clock[0] += 2.0
        assert c.get("/v1/model").status_code == 200
        assert c.get("/v1/model").status_code == 429
        text = c.get("/metrics").text
        assert _metric(text, "detector_errors_total", kind="request", type="rate_limited") == 2


def test_rate_limiter_memory_is_bounded():
    limiter = RateLimiter(rate=1.0, burst=1, max_clients=100, clock=lambda: 0.0)
    for i in range(10_000):
        assert limiter.acquire(f"addr:{i}") == 0
    assert len(limiter) == 100
    assert limiter.acquire("addr:9999") == pytest.approx(1.0)  # the recent ones keep their budget


def test_rate_limit_is_per_key(stub, tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(f"alice:{_sha('ka')}\nbob:{_sha('kb')}\n")
    with _client(stub, api_keys_file=keys, rate_limit=1, rate_burst=1) as c:
        c.app.state.rate_limiter.clock = lambda: 5.0
        alice, bob = {"Authorization": "Bearer ka"}, {"Authorization": "Bearer kb"}
        assert c.get("/v1/model", headers=alice).status_code == 200
        assert c.get("/v1/model", headers=alice).status_code == 429
        assert c.get("/v1/model", headers=bob).status_code == 200
        assert c.get("/v1/model").status_code == 401  # no key: refused before any budget


# -- named API keys ------------------------------------------------------------------------------


def test_keys_file_named_keys_in_logs_and_metrics(stub, tmp_path, caplog):
    keys = tmp_path / "keys"
    keys.write_text(f"# operators' keys\n\nalice:{_sha('alice-key')}\n  bob : {_sha('bob-key').upper()}\n")
    caplog.set_level(logging.INFO, logger="detector.service.access")
    with _client(stub, api_keys_file=keys) as c:
        r = c.post(
            "/v1/score",
            json={"html": ARTICLE},
            headers={"Authorization": "Bearer alice-key", "X-Request-ID": "alice-1"},
        )
        assert r.status_code == 200
        assert c.get("/v1/model", headers={"Authorization": "Bearer bob-key"}).status_code == 200
        wrong = c.get("/v1/model", headers={"Authorization": "Bearer alice-key2"})
        assert wrong.status_code == 401 and wrong.json()["error"]["type"] == "unauthorized"
        assert c.get("/v1/model", headers={"Authorization": f"Bearer {_sha('alice-key')}"}).status_code == 401
        assert c.get("/v1/model").status_code == 401
        text = c.get("/metrics").text
    assert _metric(text, "detector_http_requests_total", route="/v1/score", key="alice", status="200") == 1
    assert _metric(text, "detector_http_requests_total", route="/v1/model", key="bob") == 1
    assert _metric(text, "detector_http_requests_total", route="/v1/model", key="-", status="401") == 3
    assert _metric(text, "detector_pages_scored_total", key="alice", verdict=r.json()["verdict"]) == 1
    assert "alice-key" not in text and _sha("alice-key") not in text
    (record,) = [rec for rec in caplog.records if getattr(rec, "request_id", None) == "alice-1"]
    assert record.key == "alice"
    assert "alice-key" not in _json_formatter().format(record)


def test_keys_are_compared_by_hash(tmp_path, monkeypatch):
    keys = tmp_path / "keys"
    keys.write_text(f"alice:{_sha('alice-key')}\nbob:{_sha('bob-key')}\n")
    ring = KeyRing.from_settings(Settings(api_keys_file=keys, api_key="single"))
    assert ring.keys == {
        "alice": bytes.fromhex(_sha("alice-key")),
        "bob": bytes.fromhex(_sha("bob-key")),
        "default": bytes.fromhex(_sha("single")),
    }  # only digests are kept
    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr("detector.service._keys.hmac.compare_digest", spy)
    assert ring.name_of("bob-key") == "bob" and ring.name_of("single") == "default"
    assert ring.name_of("nope") is None and ring.name_of(None) is None
    assert all(len(a) == len(b) == 32 for a, b in compared)  # digests, never the key itself
    assert len(compared) == 9  # every entry, every time: no early exit on a match


@pytest.mark.parametrize(
    "content",
    ["alice", "alice:1234", f"al ice:{_sha('x')}", f"alice:{_sha('x')}\nalice:{_sha('y')}", f":{_sha('x')}"],
)
def test_a_malformed_keys_file_fails_at_startup(tmp_path, content):
    keys = tmp_path / "keys"
    keys.write_text(content)
    with pytest.raises(KeyFileError):
        read_keys_file(keys)
    with pytest.raises(KeyFileError):
        create_app(Settings(api_keys_file=keys, score_processes=0))


def test_a_missing_keys_file_fails_at_startup(tmp_path):
    with pytest.raises(KeyFileError, match="cannot read"):
        create_app(Settings(api_keys_file=tmp_path / "absent", score_processes=0))


def test_a_request_whose_client_goes_away_is_counted_as_499_not_500(caplog):
    async def app(scope, receive, send):
        raise asyncio.CancelledError  # what the server does to a request whose client disconnected

    metrics = Metrics()
    middleware = ObserveMiddleware(app, metrics=metrics, routes=[])
    scope = {"type": "http", "method": "POST", "path": "/v1/score", "headers": [], "root_path": ""}
    caplog.set_level(logging.INFO, logger="detector.service.access")

    async def call():
        await middleware(scope, None, None)

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(call())
    text = metrics.exposition().decode()
    assert _metric(text, "detector_http_requests_total", status="499") == 1
    assert _metric(text, "detector_errors_total", type="client_closed") == 1
    assert "internal_error" not in text
    (record,) = [rec for rec in caplog.records if rec.name == "detector.service.access"]
    assert record.status == 499
