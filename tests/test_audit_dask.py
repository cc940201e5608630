"""Audits on a dask.distributed cluster: the same rows as a local audit, every file accounted for,
resume, a bounded window of pages in flight, failed tasks, and clear errors when dask cannot be used."""

import gzip
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from detector.audit import dask_backend
from detector.audit.local import AuditOptions, _score_in_worker, discover, run_audit
from detector.cli import main
from detector.exceptions import AuditError
from detector.report.schema import ModelInfo
from detector.scoring import Detector, ScoreOptions

from .conftest import SEEDS

DASK = "dask"


@pytest.fixture(scope="module")
def cluster():
    # allowed-failures=1: a task whose worker dies twice fails (default 3: four dead workers, slower to test)
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A folder holding ``odd/``: a corrupt file, an empty file, a dangling link and a gzipped seed."""
    base = tmp_path_factory.mktemp("dask")
    odd = base / "odd"
    odd.mkdir()
    (odd / "corrupt.html").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (odd / "empty.htm").write_bytes(b"")
    os.symlink(odd / "does-not-exist", odd / "dangling.html")  # (a link out of the folder is skipped)
    (odd / "seed.txt.gz").write_bytes(gzip.compress(min(SEEDS.glob("0*.txt")).read_bytes()))
    return base


@pytest.fixture(scope="module")
def inputs(base) -> list[Path]:
    # three batch folders (their annotated sources too: pages in nested folders) and the odd files
    return [SEEDS / "pages" / name for name in ("a", "bo", "bp")] + [base / "odd"]


@pytest.fixture(scope="module")
def local_jsonl(inputs, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    run_audit(inputs, out)
    return out.read_bytes()


def on(cluster, **kwargs) -> AuditOptions:
    return AuditOptions(backend=DASK, scheduler=cluster.scheduler_address, **kwargs)


def sources(data: bytes) -> list[str]:
    return [json.loads(line)["source"] for line in data.decode("utf-8").splitlines()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_dask_audit_writes_the_same_rows_as_a_local_one(cluster, inputs, local_jsonl, tmp_path):
    out = tmp_path / "dask.jsonl"
    summary = run_audit(inputs, out, on(cluster))
    assert out.read_bytes() == local_jsonl
    files = [str(p) for p in discover(inputs).pages]
    assert sources(out.read_bytes()) == files and len(files) == summary.pages >= 60
    rows = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["corrupt.html"]["error"]["type"] == "BinaryInputError"
    assert rows["empty.htm"]["error"]["type"] == "EmptyInputError"
    assert rows["dangling.html"]["error"]["type"] == "FileNotFoundError"
    assert rows["seed.txt.gz"]["error"] is None and rows["seed.txt.gz"]["paragraphs"]
    assert (summary.failed, summary.scored) == (3, len(files) - 3)


def test_csv_rows_are_the_same_too(cluster, base, tmp_path):
    files = [base / "odd", *sorted(SEEDS.glob("0*.txt"))[:3]]
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    run_audit(files, local, AuditOptions(format="csv"))
    run_audit(files, remote, on(cluster, format="csv"))
    assert remote.read_bytes() == local.read_bytes() and remote.read_bytes().count(b"\n") > 20


def test_the_cli_audits_relative_paths_on_dask_as_it_does_locally(cluster, base, monkeypatch):
    # the workers run in another folder: relative paths are read relative to the audit's folder, and
    # error messages name them as given, so even the dangling link's row is the same
    seeds = sorted((SEEDS / "pages" / "a").iterdir())[:4]
    args = ["odd", *map(str, seeds)]
    cmd = [
        sys.executable,
        "-m",
        "detector.cli",
        "audit",
        *args,
        "--out",
        "cli-dask.jsonl",
        "--quiet",
        "--backend",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
    ]
    done = subprocess.run(cmd, cwd=base, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    monkeypatch.chdir(base)
    run_audit(args, "cli-local.jsonl")
    remote = (base / "cli-dask.jsonl").read_bytes()
    assert remote == (base / "cli-local.jsonl").read_bytes()
    assert b"No such file or directory: 'odd/dangling.html'" in remote and len(sources(remote)) == 8

    # in-process through click too, with the summary
    result = CliRunner().invoke(
        main,
        [
            "audit",
            *args,
            "--out",
            "cli-runner.jsonl",
            "--backend",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--color",
            "never",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (base / "cli-runner.jsonl").read_bytes() == remote and "pages" in result.output


def test_resume_with_the_dask_backend(cluster, inputs, local_jsonl, tmp_path):
    lines = local_jsonl.splitlines(keepends=True)
    # keep rows up to and past the dangling link's (wherever the checkout puts it in path order): rows of
    # unreadable files (no sha256) are dropped and scored again
    dangling = next(i for i, line in enumerate(lines) if json.loads(line)["sha256"] is None)
    kept = min(max(20, dangling + 1), len(lines) - 1)
    assert dangling < kept
    killed = b"".join(lines[:kept]) + lines[kept][:100]  # an audit killed mid-write
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    local.write_bytes(killed)
    remote.write_bytes(killed)
    run_audit(inputs, local, AuditOptions(resume=True))
    summary = run_audit(inputs, remote, on(cluster, resume=True))
    assert remote.read_bytes() == local.read_bytes()
    assert sorted(remote.read_bytes().splitlines()) == sorted(local_jsonl.splitlines())  # each file once
    unreadable = sum(json.loads(line)["sha256"] is None for line in lines[:kept])
    assert unreadable == 1  # the dangling link
    assert summary.resumed == kept - unreadable and summary.pages == len(lines)
    assert summary.scored + summary.failed == len(lines) - kept + unreadable
    # a finished audit: only the unreadable file is tried again
    again = run_audit(inputs, remote, on(cluster, resume=True))
    assert (again.scored, again.failed, again.resumed) == (0, 1, len(lines) - 1)
    assert sorted(remote.read_bytes().splitlines()) == sorted(local_jsonl.splitlines())


def test_pages_per_task_grow_with_the_audit_up_to_a_cap():
    assert dask_backend.pages_per_task(0, 2) == dask_backend.pages_per_task(10, 2) == 1
    assert dask_backend.pages_per_task(48, 2) == 3  # every thread still gets MIN_TASKS_PER_THREAD tasks
    assert dask_backend.pages_per_task(100_000, 2) == dask_backend.MAX_PAGES_PER_TASK
    assert dask_backend.pages_per_task(100_000, 0) == dask_backend.MAX_PAGES_PER_TASK


@pytest.mark.parametrize("per_task", [1, 3])
def test_a_failing_task_is_retried_then_written_as_an_error_row(
    cluster, base, tmp_path, monkeypatch, per_task
):
    """With several pages per task, only the page that keeps failing gets an error row (its task is split)."""
    monkeypatch.setattr(dask_backend, "pages_per_task", lambda pages, threads: per_task)
    files = sorted(SEEDS.glob("0*.txt"))
    local = tmp_path / "local.jsonl"
    run_audit(files, local)
    markers = tmp_path / "markers"
    markers.mkdir()

    def flaky(path, *args):  # pickled by value: runs on the workers
        if path.name == files[3].name:
            raise RuntimeError("this page breaks the task every time")
        marker = markers / path.name
        if not marker.exists():  # every other page fails on its first attempt only
            marker.touch()
            raise ConnectionResetError("a transient failure")
        return _score_in_worker(path, *args)

    monkeypatch.setattr("detector.audit.local._score_in_worker", flaky)
    out = tmp_path / "dask.jsonl"
    summary = run_audit(files, out, on(cluster))
    remote = [json.loads(line) for line in out.read_text().splitlines()]
    expected = [json.loads(line) for line in local.read_text().splitlines()]
    assert [r["source"] for r in remote] == [str(f) for f in files] and len(list(markers.iterdir())) == 4
    assert remote[3]["error"] == {"type": "RuntimeError", "message": "this page breaks the task every time"}
    assert remote[3]["paragraphs"] == [] and remote[3]["sha256"] is None  # resume scores it again
    assert remote[:3] + remote[4:] == expected[:3] + expected[4:]
    assert summary.failed == 1 and summary.errors == {"RuntimeError": 1}


@pytest.mark.parametrize("per_task", [1, 3])
def test_a_page_that_kills_its_worker_gets_an_error_row(cluster, tmp_path, monkeypatch, per_task):
    monkeypatch.setattr(dask_backend, "pages_per_task", lambda pages, threads: per_task)
    files = []
    for seed in sorted(SEEDS.glob("0*.txt"))[:2]:
        files.append(tmp_path / seed.name)
        files[-1].write_bytes(seed.read_bytes())
    files.append(tmp_path / "zz-kills-its-worker.txt")  # submitted last: the pages beside it finish first
    files[-1].write_text("The council approved the budget on Tuesday, the mayor said.\n")
    local = tmp_path / "local.jsonl"
    run_audit(files[:2], local)

    def deadly(path, *args):
        if path.name == "zz-kills-its-worker.txt":
            time.sleep(0.5)  # let the client fetch the other results first (else dask refetches them, slowly)
            os._exit(1)
        return _score_in_worker(path, *args)

    monkeypatch.setattr("detector.audit.local._score_in_worker", deadly)
    out = tmp_path / "dask.jsonl"
    try:
        summary = run_audit(files, out, on(cluster))
    finally:  # the nannies restart the dead workers for the next tests
        with Client(cluster.scheduler_address, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
    lines = out.read_text().splitlines(keepends=True)
    assert "".join(lines[:2]) == local.read_text()
    killed = json.loads(lines[2])
    assert killed["source"] == str(files[2]) and killed["sha256"] is None
    assert killed["error"]["type"] == "KilledWorker" and "workers died" in killed["error"]["message"]
    assert (summary.scored, summary.failed) == (2, 1)


def test_at_most_a_window_of_pages_is_in_flight_and_rows_stay_in_order(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(dask_backend, "MIN_IN_FLIGHT", 3)
    monkeypatch.setattr(dask_backend, "IN_FLIGHT_PER_THREAD", 1)  # window: max(3, 1 x 2 threads) = 3
    pages = []
    for i in range(10):
        pages.append(tmp_path / f"{i:02d}.txt")
        pages[-1].write_text(f"Page {i}: the council approved the budget on Tuesday, the mayor said.\n")

    def slow_first(path, *args):
        if path.name == "00.txt":
            time.sleep(1.5)  # the others finish first and wait for it
        return _score_in_worker(path, *args)

    class Counting:
        def __init__(self, client):
            self.client, self.submitted = client, 0

        def submit(self, *args, **kwargs):
            self.submitted += 1
            return self.client.submit(*args, **kwargs)

        def __getattr__(self, name):
            return getattr(self.client, name)

    detector = Detector.shared()
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        counting = Counting(client)
        reports = dask_backend.score_on_dask(counting, pages, slow_first, None, ScoreOptions(), detector)
        order = []
        for report in reports:
            assert counting.submitted <= len(order) + 3
            order.append(report.source)
    assert order == [str(p) for p in pages] and counting.submitted == 10


def test_an_unreachable_scheduler_is_a_clear_error_before_the_output_is_touched(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_backend, "CONNECT_TIMEOUT", 1.0)
    out = tmp_path / "r.jsonl"
    out.write_text("earlier rows\n")
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(AuditError, match=f"cannot reach the dask scheduler at {address}"):
        run_audit([SEEDS], out, AuditOptions(backend="dask", scheduler=address))
    assert out.read_text() == "earlier rows\n"
    result = CliRunner().invoke(
        main, ["audit", str(SEEDS), "--out", str(out), "--backend", "dask", "--scheduler", address]
    )
    assert result.exit_code == 2 and "cannot reach the dask scheduler" in result.output
    bad = CliRunner().invoke(
        main,
        ["audit", str(SEEDS), "--out", str(out), "--backend", "dask", "--scheduler", "http://example.com"],
    )
    assert bad.exit_code == 2 and "invalid dask scheduler address 'http://example.com'" in bad.output
    assert out.read_text() == "earlier rows\n"


def test_inconsistent_options_are_usage_errors(tmp_path, cluster):
    out = tmp_path / "r.jsonl"
    common = ["audit", str(SEEDS), "--out", str(out)]
    no_backend = CliRunner().invoke(main, [*common, "--scheduler", cluster.scheduler_address])
    assert no_backend.exit_code == 2 and "--scheduler needs --backend dask" in no_backend.output
    workers = CliRunner().invoke(
        main, [*common, "--backend", "dask", "--scheduler", cluster.scheduler_address, "-j", "4"]
    )
    assert workers.exit_code == 2 and "--workers" in workers.output
    with pytest.raises(AuditError, match="needs the dask backend"):
        run_audit([SEEDS], out, AuditOptions(scheduler=cluster.scheduler_address))
    with pytest.raises(AuditError, match="unknown backend 'spark'"):
        run_audit([SEEDS], out, AuditOptions(backend="spark"))
    assert not out.exists()


def test_without_dask_installed_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(AuditError, match=r"pip install 'detector\[dask\]'"):
        run_audit(
            [SEEDS], tmp_path / "r.jsonl", AuditOptions(backend="dask", scheduler="tcp://127.0.0.1:8786")
        )
    result = CliRunner().invoke(
        main, ["audit", str(SEEDS), "--out", str(tmp_path / "r.jsonl"), "--backend", "dask"]
    )
    assert result.exit_code == 2 and "pip install 'detector[dask]'" in result.output


def test_workers_with_another_model_are_refused(cluster):
    detector = Detector.shared()
    other = ModelInfo(name=detector.info.name, version="9.9.9", sha256="0" * 64)
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        dask_backend.check_workers(client, None, ScoreOptions(), detector.info)  # the same model: fine
        with pytest.raises(AuditError, match="install the same detector and model on every worker"):
            dask_backend.check_workers(client, None, ScoreOptions(), other)


def test_backend_dask_without_a_scheduler_starts_a_local_cluster(tmp_path, base, monkeypatch):
    monkeypatch.chdir(base)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_audit(["odd"], local)
    result = CliRunner().invoke(
        main, ["audit", "odd", "--out", str(remote), "--backend", "dask", "-j", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert remote.read_bytes() == local.read_bytes() and len(sources(remote.read_bytes())) == 4


def test_a_web_archive_is_split_by_record_on_dask(cluster, tmp_path):
    from .test_archive import crawl, write_warc

    data = bytearray(write_warc(tmp_path / "whole.warc.gz", crawl()))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bytes(data[:-200]))  # its last record truncated: an error row on both backends
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_audit([path], local)
    summary = run_audit([path], remote, on(cluster))
    assert remote.read_bytes() == local.read_bytes()
    rows = [json.loads(line) for line in remote.read_text("utf-8").splitlines()]
    assert len(rows) == summary.pages == 4 and rows[0]["source"].startswith("https://farm.example/")
    assert rows[-1]["error"]["type"] == "ArchiveRecordError"


def test_the_local_cluster_of_an_audit_runs_its_workers_without_the_profiler():
    """dask's statistical profiler keeps call trees for a dashboard the audit does not serve: 170 MB a
    worker in a 20-minute crawl."""

    def profiling() -> bool:
        return bool(dask.config.get("distributed.worker.profile.enabled"))

    with dask_backend.dask_client(None, 1) as client:
        assert list(client.run(profiling).values()) == [False]
    assert profiling()  # this process's configuration is left as it was
