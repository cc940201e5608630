"""uvicorn's HTTP protocol with ``TCP_NODELAY`` set on every connection.

With ``--workers N`` (N > 1) uvicorn binds the listening socket itself with ``proto=0``; asyncio then
skips ``TCP_NODELAY`` on the accepted sockets, and every keep-alive request after the first waits
~40 ms on Linux for the client's delayed ACK (Nagle; uvicorn issue #3149). The protocol ``detector
serve`` runs (:class:`~detector.service.protocol.GuardedHTTPProtocol`) builds on this class, so all
worker counts behave like one worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol


# AutoHTTPProtocol is a variable bound to httptools' or h11's class: mypy sees no class to subclass
class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's default HTTP protocol (httptools if installed, else h11), with Nagle off."""

    def connection_made(self, transport: asyncio.Transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):  # the connection went away already
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
