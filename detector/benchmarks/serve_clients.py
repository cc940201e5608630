"""Hostile clients against the HTTP service: huge headers and connections that never finish their headers.

    python -m detector.benchmarks.serve_clients [--header-mb 100] [--huge 4] [--idle 1500] [--wait 15]

Starts ``detector serve`` on 127.0.0.1 (a free port; no scoring processes, which play no part here), then:

1. **huge headers**: ``--huge`` clients at once each send one header of ``--header-mb`` MB (1 MB writes
   of one reused buffer, so the client itself holds little). Prints how much each got to send before the
   server refused or closed, what it answered, and the growth of the server's peak RSS.
2. **unfinished headers**: ``--idle`` connections each send a request line and half a header, then
   wait. Prints how many the server still holds open after ``--wait`` seconds (the header timeout is
   ``DETECTOR_HEADER_TIMEOUT``, default 10 s), and whether ``/healthz`` still answers.

Targets (printed PASS/FAIL): RSS growth < 20 MB; no unfinished connection open after the wait.
Mind ``ulimit -n`` for ``--idle`` (each connection is a file descriptor on both sides).
"""

from __future__ import annotations

import argparse
import json
import selectors
import socket
import sys
import threading
import time

from .serve_load import UsagePoller, free_port, log, start_server, stop_server, wait_ready

TARGET_RSS_GROWTH_MB = 20.0


def huge_header(port: int, megabytes: int) -> dict:
    """Send one ``megabytes`` MB header; what got through and what came back."""
    chunk, sent, answer = b"a" * 2**20, 0, b""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
            for _ in range(megabytes):
                sock.sendall(chunk)
                sent += len(chunk)
            sock.sendall(b"\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = sock.recv(200)
        except (ConnectionResetError, TimeoutError) as exc:
            answer = type(exc).__name__.encode()
    return {
        "sent_mb": round(sent / 2**20, 1),
        "answer": answer.split(b"\r\n", 1)[0].decode("latin-1") or "(closed)",
        "seconds": round(time.monotonic() - start, 1),
    }


def unfinished(port: int, count: int, wait: float) -> dict:
    """Open ``count`` connections with unfinished headers; how many are still open after ``wait`` s."""
    socks = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        sock.setblocking(False)
        socks.append(sock)
    time.sleep(wait)
    selector = selectors.DefaultSelector()
    for sock in socks:
        selector.register(sock, selectors.EVENT_READ, data=sock)
    closed = set()
    for key, _ in selector.select(timeout=1):
        sock = key.data
        try:
            while sock.recv(65536):
                pass
            closed.add(sock)
        except BlockingIOError:
            pass
        except ConnectionResetError:
            closed.add(sock)
    for sock in socks:
        sock.close()
    return {"connections": count, "open_after_s": wait, "still_open": count - len(closed)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.benchmarks.serve_clients", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--header-mb", type=int, default=100, help="size of each huge header (default 100 MB)"
    )
    parser.add_argument("--huge", type=int, default=4, help="huge headers sent at once (default 4)")
    parser.add_argument(
        "--idle", type=int, default=1500, help="connections with unfinished headers (default 1500)"
    )
    parser.add_argument("--wait", type=float, default=15.0, help="seconds before counting them (default 15)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    port = free_port()
    proc = start_server(port, 1, None, extra_env={"DETECTOR_SCORE_PROCESSES": "0"})
    results: dict = {"config": vars(args)}
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
        poller = UsagePoller(proc.pid, interval=0.05)
        poller.start()
        time.sleep(0.2)  # a few samples of the idle server
        before = poller.peak_rss
        log(f"huge headers: {args.huge} x {args.header_mb} MB")
        outcomes: list[dict] = []
        threads = [
            threading.Thread(target=lambda: outcomes.append(huge_header(port, args.header_mb)))
            for _ in range(args.huge)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        peak, _ = poller.stop()
        results["huge_headers"] = {
            "clients": outcomes,
            "rss_before_mb": round(before / 2**20, 1),
            "rss_growth_mb": round((peak - before) / 2**20, 1),
        }
        log(f"unfinished headers: {args.idle} connections, counted after {args.wait:g} s")
        results["unfinished"] = unfinished(port, args.idle, args.wait)
        import httpx

        results["healthz_after"] = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code
    finally:
        stop_server(proc)
    results["targets"] = {
        "rss_growth_lt_20mb": results["huge_headers"]["rss_growth_mb"] < TARGET_RSS_GROWTH_MB,
        "no_unfinished_connection_left": results["unfinished"]["still_open"] == 0,
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        h, u = results["huge_headers"], results["unfinished"]
        print(
            f"1. {args.huge} x {args.header_mb} MB header: server RSS {h['rss_before_mb']} MB, "
            f"+{h['rss_growth_mb']} MB at peak"
        )
        for outcome in h["clients"]:
            print(f"   sent {outcome['sent_mb']} MB in {outcome['seconds']} s, answer: {outcome['answer']}")
        print(
            f"2. {u['connections']} connections with unfinished headers: {u['still_open']} still open after "
            f"{u['open_after_s']:g} s; /healthz then: {results['healthz_after']}"
        )
        for name, ok in results["targets"].items():
            print(f"   {'PASS' if ok else 'FAIL'}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
