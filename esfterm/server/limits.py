"""Request size limits, enforced before a body is read whole (an ASGI middleware).

A declared Content-Length over the limit is answered 413 at once; a body sent without one
(chunked) is counted as it arrives and refused as soon as it passes the limit, so a client
can never make the server hold more than the limit in memory.
"""

from __future__ import annotations

import json
from typing import Awaitable, Callable

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


class BodyTooLarge(Exception):
    """The request is larger than the server accepts."""


def _mb(size: int) -> str:
    return f"{size / (1 << 20):g} MiB" if size >= 1 << 20 else f"{size} bytes"


class BodyLimit:
    """Refuse request bodies over `limit(path)` bytes."""

    def __init__(self, app, limit: Callable[[str], int]) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, f"the request body ({declared.decode('latin-1')} bytes) is over the limit of "
                                f"{_mb(limit)} for {scope['path']}")
            return
        received = 0

        async def counted() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(f"the request body is over the limit of {_mb(limit)} for {scope['path']}")
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, message: str) -> None:
    body = json.dumps({"error": {"code": "too_large", "message": message}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
