"""uvicorn's httptools protocol with limits on what a client may send before the app sees a request.

httptools (llhttp) puts no bound on the request line and headers: it buffers a header of any size
until its end arrives (a 100 MB header was accepted; four at once cost the server ~500 MB), and
uvicorn starts no timer until a first response is sent, so a connection that never finishes its
headers stays open for ever (slow loris). This protocol adds, per connection:

* ``max_header_bytes``: at most this many bytes of request line and headers are fed to the parser;
  a request whose headers have not ended by then gets 431 and the connection is closed.
* ``max_headers``: more header fields get 431.
* ``header_timeout``: the request line and headers must arrive within this many seconds from the
  connection's start (or, on a kept-alive connection, the request's first byte): else 408 (or a plain
  close when nothing at all was sent) and the connection is closed. A deadline, not an idle timer, so
  one byte every few seconds does not keep it open.
* ``body_timeout``: the body must arrive within this many seconds after the headers, else the
  connection is closed (the app sees a disconnect).

uvicorn's ``timeout_keep_alive`` closes idle kept-alive connections between requests. The limits are
the service's :class:`~detector.service.Settings` (``DETECTOR_*``), read once per process.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from ._errors import error_payload
from ._nodelay import NoDelayHTTPProtocol
from ._settings import Settings

#: uvicorn's ``http=`` value for this protocol (an import string, so it reaches spawned workers).
GUARDED_HTTP = "detector.service.protocol:GuardedHTTPProtocol"

if not issubclass(NoDelayHTTPProtocol, HttpToolsProtocol):  # pragma: no cover - uvicorn[standard] brings it
    raise ImportError("the service's HTTP protocol needs httptools: pip install 'uvicorn[standard]'")


@functools.cache
def _settings() -> Settings:
    return Settings()


class _Refusal(Exception):
    """Raised from a parser callback to stop parsing and answer ``status``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class GuardedHTTPProtocol(NoDelayHTTPProtocol):
    """httptools with bounded headers and deadlines for headers and body (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = _settings()
        self.max_header_bytes, self.max_headers = settings.max_header_bytes, settings.max_headers
        self.header_timeout, self.body_timeout = settings.header_timeout, settings.body_timeout
        self._in_head = True  # reading a request line and headers (else a body, or between requests)
        self._head_bytes = self._header_count = 0
        self._deadline: asyncio.TimerHandle | None = None

    # -- connection ------------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)
        self._arm(self.header_timeout, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        while data and self.parser is not None and not self.transport.is_closing():
            if not self._in_head:
                # a body: fed whole. A pipelined next request in the same read is counted from its
                # next read on, so it can pass the limit by at most one read (at most 256 KiB).
                self._feed(data)
                return
            if self._deadline is None:  # the first byte of a request on a kept-alive connection
                self._arm(self.header_timeout, self._head_timed_out)
            room = self.max_header_bytes - self._head_bytes
            if room <= 0:
                self._refuse(
                    431,
                    f"the request line and headers are larger than the limit of "
                    f"{self.max_header_bytes:,} bytes",
                )
                return
            part, data = data[:room], data[room:]
            self._head_bytes += len(part)
            self._feed(part)

    def _feed(self, data: bytes) -> None:
        """uvicorn's ``data_received``, which also answers a refusal raised by a callback."""
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:
            if isinstance(exc.__context__, _Refusal):
                self._refuse(exc.__context__.status, str(exc.__context__))
            else:
                self.logger.warning("Invalid HTTP request received.")
                self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserError:
            self.logger.warning("Invalid HTTP request received.")
            self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()

    # -- parser callbacks ------------------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self.max_headers:
            raise _Refusal(431, f"more than {self.max_headers} header fields")
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._in_head = False
        self._arm(self.body_timeout, self._body_timed_out)

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()
        self._in_head, self._head_bytes, self._header_count = True, 0, 0

    # -- deadlines -------------------------------------------------------------------------------

    def _arm(self, seconds: float, callback: Callable[[], object]) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, callback)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _head_timed_out(self) -> None:
        self._deadline = None
        if not self._in_head or self.transport.is_closing():
            return
        if self._head_bytes:
            self._refuse(408, f"the request line and headers did not arrive within {self.header_timeout:g} s")
        else:  # nothing was asked: nothing to answer
            self.transport.close()

    def _body_timed_out(self) -> None:
        self._deadline = None
        if not self._in_head and not self.transport.is_closing():
            self.logger.warning(
                "Request body did not arrive within %g s; closing the connection.", self.body_timeout
            )
            self.transport.close()

    def _refuse(self, status: int, message: str) -> None:
        """Answer ``status`` in the service's error shape and close the connection."""
        self._disarm()
        if self.cycle is None or self.cycle.response_complete:  # never interleave with a response under way
            body = json.dumps(error_payload(status, message), separators=(",", ":")).encode()
            self.transport.write(
                b"".join(
                    [
                        STATUS_LINE.get(status)
                        or f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n".encode(),
                        b"content-type: application/json\r\n",
                        b"content-length: %d\r\n" % len(body),
                        b"connection: close\r\n\r\n",
                        body,
                    ]
                )
            )
        self.transport.close()
