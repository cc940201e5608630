"""A pure-ASGI middleware that refuses request bodies larger than a limit with 413.

Two checks: a declared ``Content-Length`` above the limit is refused before the app runs, and the
bytes actually received are counted, so a chunked body (no ``Content-Length``) or one that lies about
its length is cut off as soon as it passes the limit.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._errors import error_payload


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the streamed body passes the limit; FastAPI lets it through as a 413."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body is larger than the limit of {limit:,} bytes")


class BodySizeLimitMiddleware:
    """Answer 413 (in the service's error shape) to request bodies over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # normally the app's HTTPException handler answers; this covers code that let it escape
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            error_payload(413, BodyTooLarge(self.max_bytes).detail), separators=(",", ":")
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
