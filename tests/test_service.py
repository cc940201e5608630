"""The HTTP scoring service: every route, every error path, auth, CORS, limits, OpenAPI, ``detector serve``."""

import asyncio
import json
import os
import re
import socket
import threading
import time
import warnings

import anyio
import jsonschema
import pytest
from click.testing import CliRunner

from detector import LABELS, cli
from detector.model.artifact import read_sidecar
from detector.report.schema import published_schema
from detector.service import Settings, create_app
from detector.service._limits import BodySizeLimitMiddleware
from detector.service._nodelay import NoDelayHTTPProtocol
from detector.service._observe import log_config

with warnings.catch_warnings():  # starlette asks for httpx2, which is not released everywhere yet
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from .conftest import SEEDS

ARTICLE = (
    "<html><head><title>Council approves budget</title></head><body><article>"
    "<h1>Council approves budget</h1>"
    "<p>The city council approved the 2025 budget on Tuesday, the mayor's office said in a statement.</p>"
    "<p>The budget raises spending on schools by four percent, according to the finance committee.</p>"
    "</article></body></html>"
)
TEXT = (
    "The city council approved the budget on Tuesday.\nThe budget raises spending on schools by four percent."
)
BINARY = "\x00\x01\x02\x03" * 50
KEY = "s3cret-key"


class _StuckDetector:
    """The shipped detector, except that a page whose source is ``stuck`` never finishes (a backtracking
    regex: C code that holds the GIL throughout) and one whose source is ``crash`` kills its process."""

    def __init__(self, detector):
        self.detector = detector

    def __getattr__(self, name):
        return getattr(self.detector, name)

    def score(self, data, *, source="<input>", content_type=None):
        if source == "stuck":
            re.match(r"(a|a)+$", "a" * 64 + "b")  # 2**64 steps
        if source == "crash":
            os._exit(3)
        return self.detector.score(data, source=source, content_type=content_type)


def stuck_loader():
    """A picklable loader for scoring processes: the detector of :class:`_StuckDetector`."""
    from detector import Detector

    return _StuckDetector(Detector.load())


def _client(detector, **settings) -> TestClient:
    return TestClient(create_app(Settings(**settings), detector=detector))


@pytest.fixture(scope="module")
def client(detector):
    with _client(detector) as c:
        yield c


@pytest.fixture(scope="module")
def small(detector):
    """A service with tiny limits."""
    with _client(detector, max_body_bytes=1_000, max_batch=2) as c:
        yield c


@pytest.fixture(scope="module")
def secured(detector):
    with _client(detector, api_key=KEY) as c:
        yield c


def assert_report(body: dict) -> None:
    jsonschema.validate(body, published_schema())
    assert set(body["counts"]) == set(LABELS)


def assert_error(response, status: int, type_: str, *fragments: str) -> dict:
    """The response is the one error shape, with the given status, type and message fragments."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "details"}
    assert body["error"]["type"] == type_
    for fragment in fragments:
        assert fragment in body["error"]["message"], body["error"]["message"]
    return body["error"]


# -- health ---------------------------------------------------------------------------------------


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_readyz_is_503_until_a_model_is_loaded(detector, monkeypatch):
    loads = []

    def fake_load(path=None, **kwargs):
        loads.append(path)
        return detector

    monkeypatch.setattr("detector.service.app.Detector.load", fake_load)
    # nothing injected: the lifespan loads (here only: the fake cannot reach scoring processes)
    app = create_app(Settings(model_path=detector.model.path, score_processes=0))
    client = TestClient(app)  # no `with`: the lifespan has not run yet
    assert client.get("/healthz").status_code == 200
    assert_error(client.get("/readyz"), 503, "not_ready", "not loaded")
    assert_error(client.post("/v1/score", json={"text": TEXT}), 503, "not_ready")
    with client:
        assert client.get("/readyz").status_code == 200
        for _ in range(3):
            assert client.post("/v1/score", json={"text": TEXT}).status_code == 200
    assert loads == [detector.model.path]  # once, at startup, never per request
    assert client.get("/readyz").status_code == 503  # unloaded at shutdown


def test_an_injected_detector_is_ready_without_the_lifespan(detector):
    assert TestClient(create_app(Settings(), detector=detector)).get("/readyz").status_code == 200


# -- /v1/score ------------------------------------------------------------------------------------


def test_score_json_html(client, detector):
    r = client.post("/v1/score", json={"html": ARTICLE, "url": "https://example.com/budget"})
    assert r.status_code == 200
    body = r.json()
    assert_report(body)
    assert body["error"] is None and body["title"] == "Council approves budget"
    assert body["source"] == "https://example.com/budget"  # source defaults to the url
    # the same report as the Python API (and so the CLI) gives
    assert body == json.loads(
        detector.score(ARTICLE, source="https://example.com/budget", content_type="html").model_dump_json()
    )


def test_score_json_text(client):
    r = client.post("/v1/score", json={"text": TEXT, "source": "ticket-1", "url": "https://example.com/x"})
    body = r.json()
    assert r.status_code == 200 and body["source"] == "ticket-1"
    assert_report(body)
    assert [p["text"] for p in body["paragraphs"]] == TEXT.splitlines()


def test_score_default_source(client):
    assert client.post("/v1/score", json={"text": TEXT}).json()["source"] == "<request>"


@pytest.mark.parametrize("media", ["text/html", "text/html; charset=utf-8"])
def test_score_raw_html(client, media):
    r = client.post(
        "/v1/score", params={"source": "page.html"}, content=ARTICLE.encode(), headers={"Content-Type": media}
    )
    body = r.json()
    assert r.status_code == 200 and body["source"] == "page.html" and body["error"] is None
    assert body["title"] == "Council approves budget"
    assert_report(body)


def test_score_raw_text_and_declared_charset(client):
    text = "Le conseil a approuvé le budget mardi.\nLa mairie l'a annoncé."
    r = client.post(
        "/v1/score", content=text.encode("latin-1"), headers={"Content-Type": "text/plain; charset=latin-1"}
    )
    body = r.json()
    assert r.status_code == 200 and body["source"] == "<request>"
    # French: not assessed by default (the decoded text is French: latin-1 was honoured)
    assert body["not_assessed"] and body["language"] == "fr" and body["verdict"] is None
    r = client.post(
        "/v1/score?language=en",
        content=text.encode("latin-1"),
        headers={"Content-Type": "text/plain; charset=latin-1"},
    )
    body = r.json()
    assert r.status_code == 200 and body["language"] == "en" and body["verdict"] is not None
    assert [p["text"] for p in body["paragraphs"]] == text.splitlines()
    assert (
        client.post(
            "/v1/score?language=French", content=b"x", headers={"Content-Type": "text/plain"}
        ).status_code
        == 422
    )


def test_score_json_with_a_language_and_metrics_count_pages_not_assessed(client):
    german = (
        "Der Stadtrat hat am Dienstag den Haushalt mit sieben zu zwei Stimmen beschlossen, sagte die "
        "Bürgermeisterin."
    )
    assert client.post("/v1/score", json={"text": german}).json()["not_assessed"]
    assert client.post("/v1/score", json={"text": german, "language": "en"}).json()["verdict"] is not None
    assert client.post("/v1/score", json={"text": german, "language": "Deutsch"}).status_code == 422
    metrics = client.get("/metrics").text
    assert 'verdict="not_assessed"' in metrics


def test_score_seed_page(client, detector):
    seeds = sorted((SEEDS / "pages").rglob("*.html"))
    if not seeds:
        pytest.skip("no seed HTML pages")
    seed = seeds[0]
    r = client.post("/v1/score", content=seed.read_bytes(), headers={"Content-Type": "text/html"})
    assert r.status_code == 200
    assert_report(r.json())
    assert r.json()["sha256"] == detector.score(seed.read_bytes()).sha256


@pytest.mark.parametrize(
    "data,media",
    [
        (b"", "text/html"),
        (b"\x00\x01\x02\x03" * 200, "text/html"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "text/plain"),
        (b"<html><head><title></title></head><body></bo", "text/html"),
    ],
)
def test_unscorable_content_gives_200_with_error(client, data, media):
    r = client.post("/v1/score", content=data, headers={"Content-Type": media})
    assert r.status_code == 200
    body = r.json()
    assert body["error"] is not None and body["error"]["type"] and body["paragraphs"] == []
    assert body["verdict"] is None and body["credibility"] is None, "not scored: no verdict, no 0.0"
    assert_report(body)


def test_unexpected_scoring_failure_is_a_report_not_a_500(detector, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(
        detector, "score_page", explode
    )  # a bug past parsing: Detector.score still reports it
    with _client(detector) as c:
        r = c.post("/v1/score", json={"text": TEXT})
    assert r.status_code == 200 and r.json()["error"] == {"type": "RuntimeError", "message": "boom"}


def test_scoring_runs_off_the_event_loop(detector):
    threads = []

    class Spy:
        model, info = detector.model, detector.info
        error_report = detector.error_report

        def score(self, *args, **kwargs):
            threads.append(threading.current_thread())
            return detector.score(*args, **kwargs)

    with _client(Spy()) as c:
        loop_thread = c.portal.call(lambda: threading.current_thread())  # the event loop's thread
        assert c.post("/v1/score", json={"text": TEXT}).status_code == 200
        assert c.post("/v1/score/batch", json={"documents": [{"text": TEXT}]}).status_code == 200
    assert len(threads) == 2 and all(t is not loop_thread for t in threads)


# -- /v1/score/batch ------------------------------------------------------------------------------


def test_batch_keeps_order_and_isolates_a_bad_document(client):
    docs = [
        {"text": TEXT, "source": "a"},
        {"html": BINARY, "source": "b"},
        {"html": "", "source": "c"},
        {"html": ARTICLE, "url": "https://example.com/d"},
    ]
    r = client.post("/v1/score/batch", json={"documents": docs})
    assert r.status_code == 200
    reports = r.json()["reports"]
    assert [rep["source"] for rep in reports] == ["a", "b", "c", "https://example.com/d"]
    assert [rep["error"] is None for rep in reports] == [True, False, False, True]
    assert [rep["verdict"] is None for rep in reports] == [False, True, True, False]
    assert reports[1]["error"]["type"] in {"BinaryInputError", "ParseError"}
    assert reports[2]["error"]["type"] == "EmptyInputError"
    for rep in reports:
        assert_report(rep)


def test_batch_too_many_documents(small):
    r = small.post("/v1/score/batch", json={"documents": [{"text": "x"}] * 3})
    error = assert_error(r, 422, "validation_error", "too many documents: 3 given, at most 2")
    assert error["details"][0]["loc"] == ["body", "documents"]


def test_batch_empty(client):
    assert_error(client.post("/v1/score/batch", json={"documents": []}), 422, "validation_error", "documents")


def test_batch_schema_error_points_at_the_document(client):
    r = client.post("/v1/score/batch", json={"documents": [{"text": "x"}, {"html": "a", "text": "b"}]})
    error = assert_error(r, 422, "validation_error", "exactly one of 'html' or 'text'", "both")
    assert error["details"][0]["loc"] == ["body", "documents", 1]


# -- 422 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload,fragments,loc",
    [
        ({"html": "<p>a</p>", "text": "a"}, ("exactly one of 'html' or 'text'", "both"), ["body"]),
        ({}, ("exactly one of 'html' or 'text'", "neither"), ["body"]),
        ({"url": "https://example.com"}, ("neither",), ["body"]),
        ({"html": 5}, ("valid string",), ["body", "html"]),
        ({"text": ["a"]}, ("valid string",), ["body", "text"]),
        ({"text": "a", "fetch": True}, ("Extra inputs are not permitted",), ["body", "fetch"]),
        ([{"text": "a"}], ("object",), ["body"]),
    ],
)
def test_score_422(client, payload, fragments, loc):
    error = assert_error(client.post("/v1/score", json=payload), 422, "validation_error", *fragments)
    assert error["details"][0]["loc"] == loc
    assert all(set(d) == {"loc", "msg", "type"} for d in error["details"])


@pytest.mark.parametrize("path", ["/v1/score", "/v1/score/batch"])
@pytest.mark.parametrize("body", [b'{"html": ', b"{html: 1}", b"", b"\xff\xfe", b'{"text": "caf\xe9"}'])
def test_malformed_json_422(client, path, body):
    r = client.post(path, content=body, headers={"Content-Type": "application/json"})
    error = assert_error(r, 422, "validation_error")
    assert "malformed JSON" in error["message"] or "required" in error["message"]


def test_malformed_json_message(client):
    r = client.post("/v1/score", content=b'{"html": ', headers={"Content-Type": "application/json"})
    assert_error(r, 422, "validation_error", "malformed JSON")


def test_batch_wrong_types_422(client):
    assert_error(
        client.post("/v1/score/batch", json={"documents": "nope"}),
        422,
        "validation_error",
        "body.documents",
        "valid list",
    )
    assert_error(client.post("/v1/score/batch", json={"docs": []}), 422, "validation_error", "documents")


# -- 413 / 415 ------------------------------------------------------------------------------------


def test_413_by_content_length(small):
    r = small.post("/v1/score", content=b"x" * 1_001, headers={"Content-Type": "text/plain"})
    assert_error(r, 413, "payload_too_large", "1,000 bytes")
    r = small.post("/v1/score", json={"text": "x" * 2_000})
    assert_error(r, 413, "payload_too_large")
    assert (
        small.post("/v1/score", content=b"x" * 1_000, headers={"Content-Type": "text/plain"}).status_code
        == 200
    )


def test_413_by_streamed_body(small):
    def chunks():
        for _ in range(8):
            yield b"y" * 300

    r = small.post("/v1/score", content=chunks(), headers={"Content-Type": "text/plain"})
    assert "content-length" not in r.request.headers  # chunked: only counting the bytes can catch it
    assert_error(r, 413, "payload_too_large")


def test_middleware_stops_reading_a_chunked_body_at_the_limit():
    """Pure ASGI: no Content-Length, the body arrives in chunks; the app never gets past the limit."""
    incoming = iter([{"type": "http.request", "body": b"z" * 400, "more_body": i < 9} for i in range(10)])
    consumed, sent = [], []

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            consumed.append(1)
        raise AssertionError("the whole body was read")

    async def receive():
        return next(incoming)

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/score",
        "headers": [(b"content-type", b"text/plain")],
    }
    anyio.run(BodySizeLimitMiddleware(app, max_bytes=1_000), scope, receive, send)
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"])["error"]["type"] == "payload_too_large"
    assert len(consumed) == 2  # the third chunk, which passes 1,000 bytes, is never handed to the app


@pytest.mark.parametrize(
    "path,headers,body",
    [
        ("/v1/score", {"Content-Type": "application/x-www-form-urlencoded"}, b"html=x"),
        ("/v1/score", {"Content-Type": "application/pdf"}, b"%PDF"),
        ("/v1/score", {}, b"<p>no content type</p>"),
        ("/v1/score/batch", {"Content-Type": "text/plain"}, b'{"documents": []}'),
    ],
)
def test_415(client, path, headers, body):
    assert_error(
        client.post(path, content=body, headers=headers),
        415,
        "unsupported_media_type",
        "unsupported Content-Type",
        "application/json",
    )


def test_404_and_405_use_the_error_shape(client):
    assert_error(client.get("/nope"), 404, "not_found")
    assert_error(client.get("/v1/score"), 405, "method_not_allowed")


def test_unexpected_exceptions_are_500_in_the_error_shape(detector):
    app = create_app(Settings(), detector=detector)

    @app.get("/boom")
    async def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        error = assert_error(c.get("/boom"), 500, "internal_error")
    assert "secret" not in error["message"]


# -- /v1/model ------------------------------------------------------------------------------------


def test_model_matches_the_sidecar(client, detector):
    sidecar = read_sidecar(detector.model.path)
    body = client.get("/v1/model").json()
    for key in ("name", "version", "sha256", "label_counts", "thresholds", "cv", "digest"):
        assert body[key] == sidecar[key], key
    assert sorted(body["labels"]) == sorted(LABELS)
    assert body["official"] is True


def test_a_custom_model_is_served_only_when_allowed_and_marked(tmp_path):
    from detector import UntrustedModelError

    from .test_artifact import custom_model

    model = custom_model(tmp_path, version="0.8.0+mine")
    with pytest.raises(UntrustedModelError), TestClient(create_app(Settings(model_path=model))):
        pass
    with TestClient(create_app(Settings(model_path=model, allow_custom_model=True))) as c:
        body = c.get("/v1/model").json()
        assert body["official"] is False and body["version"] == "0.8.0+mine"
        report = c.post("/v1/score", json={"text": TEXT}).json()
        assert report["model"]["official"] is False and report["model"]["digest"] == body["digest"]


# -- auth -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {KEY}"},
        {"Authorization": f"Bearer {KEY}x"},
        {"Authorization": "Bearer k\u00e9y".encode()},
    ],
)
def test_401_without_the_right_key(secured, headers):
    for method, path, kwargs in [
        ("post", "/v1/score", {"json": {"text": TEXT}}),
        ("get", "/v1/model", {}),
        ("post", "/v1/score/batch", {"json": {"documents": [{"text": TEXT}]}}),
    ]:
        r = getattr(secured, method)(path, headers=headers, **kwargs)
        assert_error(r, 401, "unauthorized", "API key")
        assert r.headers["www-authenticate"] == "Bearer"


def test_the_right_key_passes_and_probes_and_docs_stay_open(secured):
    auth = {"Authorization": f"Bearer {KEY}"}
    assert secured.post("/v1/score", json={"text": TEXT}, headers=auth).status_code == 200
    assert secured.get("/v1/model", headers=auth).status_code == 200
    assert secured.get("/healthz").status_code == 200
    assert secured.get("/readyz").status_code == 200
    assert secured.get("/docs").status_code == 200  # documentation is open: it holds no secrets
    spec = secured.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "`Authorization: Bearer <key>`, when the service has keys (`DETECTOR_API_KEY`, "
        "`DETECTOR_API_KEYS_FILE`).",
    }
    assert spec["paths"]["/v1/score"]["post"]["security"] == [{"bearerAuth": []}]
    assert "401" in spec["paths"]["/v1/model"]["get"]["responses"]
    assert "security" not in spec["paths"]["/healthz"]["get"]


def test_empty_api_key_means_no_auth(detector):
    with _client(detector, api_key="") as c:
        assert c.post("/v1/score", json={"text": TEXT}).status_code == 200


# -- CORS -----------------------------------------------------------------------------------------


def test_cors_off_by_default(client):
    r = client.get("/healthz", headers={"Origin": "https://app.example"})
    assert "access-control-allow-origin" not in r.headers
    preflight = client.options(
        "/v1/score", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(detector):
    with _client(detector, cors_origins=["https://app.example"], max_body_bytes=100) as c:
        r = c.post("/v1/score", json={"text": "ok"}, headers={"Origin": "https://app.example"})
        assert r.headers["access-control-allow-origin"] == "https://app.example"
        too_big = c.post("/v1/score", json={"text": "x" * 200}, headers={"Origin": "https://app.example"})
        assert (
            too_big.status_code == 413
            and too_big.headers["access-control-allow-origin"] == "https://app.example"
        )
        preflight = c.options(
            "/v1/score",
            headers={
                "Origin": "https://app.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://app.example"
        other = c.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


# -- settings -------------------------------------------------------------------------------------


def test_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DETECTOR_API_KEY", "hunter2-key")
    monkeypatch.setenv("DETECTOR_MAX_BODY_BYTES", "123")
    monkeypatch.setenv("DETECTOR_MAX_BATCH", "4")
    monkeypatch.setenv("DETECTOR_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("DETECTOR_MODEL_PATH", str(tmp_path / "m.joblib"))
    s = Settings()
    assert s.api_key.get_secret_value() == "hunter2-key" and "hunter2" not in repr(s)
    assert (s.max_body_bytes, s.max_batch, s.model_path) == (123, 4, tmp_path / "m.joblib")
    assert s.cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("DETECTOR_CORS_ORIGINS", '["https://c.example"]')
    assert Settings().cors_origins == ["https://c.example"]


# -- OpenAPI --------------------------------------------------------------------------------------


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def test_openapi_documents_both_content_types_and_the_errors(small):
    spec = small.get("/openapi.json").json()
    score = spec["paths"]["/v1/score"]["post"]
    assert set(score["requestBody"]["content"]) == {"application/json", "text/html", "text/plain"}
    assert score["requestBody"]["content"]["application/json"]["schema"] == _ref("ScoreRequest")
    ok = score["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == _ref("PageReport")
    jsonschema.validate(ok["example"], published_schema())
    for path in ("/v1/score", "/v1/score/batch"):
        responses = spec["paths"][path]["post"]["responses"]
        for status in ("413", "415", "422"):
            assert responses[status]["content"]["application/json"]["schema"] == _ref("ErrorResponse")
    schemas = spec["components"]["schemas"]
    assert schemas["BatchRequest"]["properties"]["documents"]["maxItems"] == 2  # the configured limit
    assert {
        "PageReport",
        "Paragraph",
        "Flag",
        "ModelInfo",
        "ErrorInfo",
        "ErrorResponse",
        "ModelResponse",
    } <= set(schemas)
    assert "security" not in score  # no key configured, nothing to send


# -- detector serve -------------------------------------------------------------------------------


def test_serve_runs_uvicorn_with_the_factory(monkeypatch, detector):
    calls, metrics_dirs = [], []

    def run(*args, **kwargs):
        calls.append((args, kwargs))
        metrics_dirs.append(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        assert metrics_dirs[-1] and os.path.isdir(metrics_dirs[-1])

    monkeypatch.setattr("uvicorn.run", run)
    monkeypatch.setenv("DETECTOR_MODEL_PATH", "")  # restored after the test; serve sets it
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    result = CliRunner().invoke(
        cli.main, ["serve", "--port", "8123", "--workers", "3", "--model", str(detector.model.path)]
    )
    assert result.exit_code == 0, result.output
    ((args, kwargs),) = calls
    assert args == ("detector.service:create_app",)
    assert kwargs == {
        "factory": True,
        "host": "127.0.0.1",
        "port": 8123,
        "workers": 3,
        "log_level": "info",
        "log_config": log_config("info", "json"),
        "access_log": False,
        "http": "detector.service.protocol:GuardedHTTPProtocol",
        "timeout_keep_alive": 5.0,
        "timeout_worker_healthcheck": cli.WORKER_HEALTHCHECK_TIMEOUT,
    }
    assert Settings().model_path == detector.model.path.resolve()
    # with several workers, prometheus-client's multiprocess mode adds up their metrics in a temporary folder
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ and not os.path.exists(metrics_dirs[0])


def test_serve_protocol_turns_nagle_off_on_a_listener_bound_like_uvicorn_workers():
    """uvicorn --workers N binds with proto=0, so asyncio leaves Nagle on (+40 ms per keep-alive request)."""
    import uvicorn
    from uvicorn.server import ServerState

    async def tiny(scope, receive, send):  # pragma: no cover - no request is sent
        pass

    config = uvicorn.Config(tiny, lifespan="off")
    config.load()
    state = ServerState()

    async def accept_one() -> tuple[int, int]:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn's bind_socket()
        listener.bind(("127.0.0.1", 0))
        server = await asyncio.get_running_loop().create_server(
            lambda: NoDelayHTTPProtocol(config=config, server_state=state, app_state={}), sock=listener
        )
        _, writer = await asyncio.open_connection(*listener.getsockname())
        for _ in range(100):
            if state.connections:
                break
            await asyncio.sleep(0.01)
        sock = next(iter(state.connections)).transport.get_extra_info("socket")
        result = sock.proto, sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        writer.close()
        for connection in list(state.connections):
            connection.transport.close()
        server.close()
        return result

    proto, nodelay = asyncio.run(accept_one())
    assert proto == 0 and nodelay == 1  # asyncio alone would leave it at 0 here


def test_serve_rejects_a_missing_model_and_bad_settings(monkeypatch, tmp_path):
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
    result = CliRunner().invoke(cli.main, ["serve", "--model", str(tmp_path / "none.joblib")])
    assert result.exit_code == 2 and "does not exist" in result.output
    monkeypatch.setenv("DETECTOR_MAX_BATCH", "many")
    result = CliRunner().invoke(cli.main, ["serve"])
    assert result.exit_code == 2 and "DETECTOR_" in result.output


def test_serve_refuses_a_custom_model_without_trust_model(monkeypatch, tmp_path):
    from .test_artifact import custom_model

    calls = []
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: calls.append(args))
    monkeypatch.setenv("DETECTOR_MODEL_PATH", "")  # restored after the test; serve sets them
    monkeypatch.setenv("DETECTOR_ALLOW_CUSTOM_MODEL", "false")
    model = custom_model(tmp_path)
    result = CliRunner().invoke(cli.main, ["serve", "--model", str(model)])
    assert result.exit_code == 2 and "--trust-model" in result.output and not calls
    result = CliRunner().invoke(cli.main, ["serve", "--model", str(model), "--trust-model"])
    assert result.exit_code == 0, result.output
    assert calls and Settings().allow_custom_model is True


# -- authentication comes first -------------------------------------------------------------------


@pytest.mark.parametrize(
    "method,path,kwargs",
    [
        (
            "post",
            "/v1/score/batch",
            {"content": b'{"documents": [', "headers": {"Content-Type": "application/json"}},
        ),
        ("post", "/v1/score/batch", {"content": b"not json", "headers": {"Content-Type": "text/plain"}}),
        ("post", "/v1/score", {"content": b'{"html": ', "headers": {"Content-Type": "application/json"}}),
        ("post", "/v1/score", {"content": b"%PDF", "headers": {"Content-Type": "application/pdf"}}),
        (
            "post",
            "/v1/score",
            {"content": b"x" * 2_000, "headers": {"Content-Type": "text/plain"}},
        ),  # over the limit
        ("get", "/v1/model", {}),
        ("get", "/v1/nope", {}),
    ],
)
def test_401_before_the_request_is_parsed(detector, method, path, kwargs):
    """Without the key, nothing of the request is read: no 422 for malformed JSON, no 413, 415 or 404."""
    with _client(detector, api_key=KEY, max_body_bytes=1_000) as c:
        r = getattr(c, method)(path, **kwargs)
    assert_error(r, 401, "unauthorized", "missing API key")
    assert r.headers["www-authenticate"] == "Bearer"


# -- a real server: header limits and slow clients -------------------------------------------------

HEADER_TIMEOUT = 1.5
BODY_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def live():
    """``detector serve`` on a free loopback port, with short client timeouts; (base URL, server pid)."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    from detector.benchmarks.serve_load import free_port

    from .conftest import ROOT

    port = free_port()
    env = {
        **os.environ,
        "DETECTOR_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
        "DETECTOR_BODY_TIMEOUT": str(BODY_TIMEOUT),
        "DETECTOR_SCORE_PROCESSES": "0",
    }  # the limits are the protocol's: no scoring processes to wait for
    env.pop("DETECTOR_API_KEY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "detector.cli", "serve", "--port", str(port), "--log-level", "error"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server was not ready within 120 s"
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield port, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _closed_or_answer(sock: socket.socket) -> bytes:
    """What the server sends before it closes the connection (b"" for a plain close)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:  # a timeout is not a close: it fails the test
        pass
    return received


def test_a_100_mb_header_is_refused_early_without_memory_growth(live):
    import psutil

    port, pid = live
    server = psutil.Process(pid)
    before = server.memory_info().rss
    peak = before
    chunk = b"a" * 2**20
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            for _ in range(100):
                sock.sendall(chunk)
                sent += len(chunk)
                peak = max(peak, server.memory_info().rss)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = _closed_or_answer(sock)
    peak = max(peak, server.memory_info().rss)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:100]
    assert sent < 100 * 2**20, "the server read the whole 100 MB header"
    assert peak - before < 8 * 2**20, f"the server's RSS grew by {(peak - before) / 2**20:.0f} MB"


def test_too_many_header_fields_get_431(live):
    port, _ = live
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
            + b"".join(b"X-%d: a\r\n" % i for i in range(150))
            + b"\r\n"
        )
        answer = _closed_or_answer(sock)
    assert answer.startswith(b"HTTP/1.1 431 ") and b'"headers_too_large"' in answer


def test_unfinished_headers_and_slow_clients_are_dropped_after_the_timeout(live):
    """Silent connections, unfinished headers and a slow loris (a header byte every 0.5 s) are all closed
    by the header deadline; nothing else is disturbed."""
    import time

    port, _ = live
    start = time.monotonic()
    silent = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(20)]
    unfinished = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(50)]
    for sock in unfinished:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    loris = socket.create_connection(("127.0.0.1", port), timeout=10)
    loris.sendall(b"GET /healthz HTTP/1.1\r\n")
    loris_closed_after = None
    for _ in range(40):  # up to 20 s; the deadline is HEADER_TIMEOUT
        time.sleep(0.5)
        try:
            loris.sendall(b"X")
        except (BrokenPipeError, ConnectionResetError):
            loris_closed_after = time.monotonic() - start
            break
    assert loris_closed_after is not None and loris_closed_after < HEADER_TIMEOUT + 5, loris_closed_after
    for sock in silent:
        assert _closed_or_answer(sock) == b""
    for sock in unfinished:
        assert _closed_or_answer(sock).startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - start < HEADER_TIMEOUT + 10
    for sock in [*silent, *unfinished, loris]:
        sock.close()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:  # kept-alive requests still work
        for _ in range(3):
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            assert _read_response(sock).startswith(b"HTTP/1.1 200 ")


def _read_response(sock: socket.socket) -> bytes:
    """One whole HTTP response (head and Content-Length body) from ``sock``: the server may send the
    head and the body in separate writes, and a second request must not read the first one's body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")[1:]
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed inside the body"
        body += chunk
    assert len(body) == length, "more bytes than one response"
    return head + b"\r\n\r\n" + body


def test_a_body_that_never_arrives_is_dropped_after_the_timeout(live):
    import time

    port, _ = live
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=BODY_TIMEOUT + 10) as sock:
        sock.sendall(
            b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
            + b"a" * 10
        )
        _closed_or_answer(sock)
    assert time.monotonic() - start < BODY_TIMEOUT + 5


# -- scoring processes: a page that takes too long does not starve the rest ------------------------


def _poll_healthz(client: TestClient, while_alive: threading.Thread, limit_s: float = 120.0) -> float:
    """The longest wait for a ``/healthz`` answer, polled every 50 ms while ``while_alive`` runs.

    Measured between consecutive answers, sleep included: a thread that holds the GIL in this process
    delays the poller's own wake-up too, not only the request.
    """
    longest = 0.0
    deadline = time.monotonic() + limit_s
    last = time.monotonic()
    while while_alive.is_alive() and time.monotonic() < deadline:
        assert client.get("/healthz").status_code == 200
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        time.sleep(0.05)
    while_alive.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not while_alive.is_alive(), "the scoring request did not finish in time"
    return max(longest, time.monotonic() - last - 0.05)


def test_a_stuck_page_is_abandoned_and_a_crash_reported_while_healthz_answers():
    app = create_app(Settings(score_processes=1, score_timeout=2), loader=stuck_loader)
    docs = [
        {"text": TEXT, "source": "a"},
        {"text": TEXT, "source": "stuck"},
        {"text": TEXT, "source": "crash"},
        {"text": TEXT, "source": "b"},
    ]
    answers = []
    with TestClient(app) as c:  # starts the scoring process
        batch = threading.Thread(
            target=lambda: answers.append(c.post("/v1/score/batch", json={"documents": docs}))
        )
        batch.start()
        longest = _poll_healthz(c, batch)
    assert longest < 1.0, f"/healthz took {longest:.1f} s"
    (r,) = answers
    assert r.status_code == 200
    reports = r.json()["reports"]
    assert [rep["source"] for rep in reports] == ["a", "stuck", "crash", "b"]
    assert [rep["error"] and rep["error"]["type"] for rep in reports] == [
        None,
        "ScoringTimeoutError",
        "ScoringCrashError",
        None,
    ]  # the replacement processes score on
    assert "2 s budget" in reports[1]["error"]["message"]
    for rep in reports:
        assert_report(rep)


def test_healthz_answers_while_a_worst_case_page_is_scored():
    """The default loader, a page that backtracks for ~20 s on 267e4dd: /healthz stays under 1 s, and the page
    gets a report (with ScoringTimeoutError if it overran its budget)."""
    app = create_app(Settings(score_processes=1, score_timeout=5))
    answers = []
    with TestClient(app) as c:
        worst = threading.Thread(
            target=lambda: answers.append(
                c.post("/v1/score", json={"text": "views" + " " * 2000 + "x", "source": "worst"})
            )
        )
        worst.start()
        longest = _poll_healthz(c, worst)
    assert longest < 1.0, f"/healthz took {longest:.1f} s"
    (r,) = answers
    assert r.status_code == 200 and r.json()["source"] == "worst"
    assert r.json()["error"] is None or r.json()["error"]["type"] == "ScoringTimeoutError"


# -- crafted charsets (passes once detector.decoding resolves the transport charset by WHATWG label) ----


@pytest.mark.parametrize(
    "charset,body",
    [
        ("utf-7", b"+2AA-"),  # a lone surrogate once decoded by Python's utf-7 codec
        ("utf-7", b"The council approved the budget. +2AA- +AGEAYgBj-"),
        ("punycode", b"The council approved the budget."),  # Python's codec raises UnicodeError
        ("punycode", b"abc-99999999"),
        ("punycode", b"caf-xyz"),  # decodes, to other text than a browser shows
        ("x-user-defined", b"\x80\xff The council approved the budget."),
        ("no-such-label", b"The council approved the budget."),
        ("utf-16", b"The council approved the budget."),
        ('"utf-7"', b"+2AA-"),
    ],
)
@pytest.mark.parametrize("media", ["text/plain", "text/html"])
def test_crafted_charsets_give_a_report_not_a_500(client, charset, body, media):
    r = client.post("/v1/score", content=body, headers={"Content-Type": f"{media}; charset={charset}"})
    assert r.status_code == 200, r.text[:300]
    assert_report(r.json())
