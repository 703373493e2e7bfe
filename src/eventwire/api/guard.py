"""The API's outer guards, as plain ASGI middleware: security headers, size limits, a per-client rate limit.

Each refusal is answered here, before any route runs, in the one error shape of the API
(``{"error": {"code": ..., "message": ...}}``) with the catalogue code of :mod:`eventwire.errors`.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import msgspec

from ..component_settings import ApiSettings
from ..errors import ApiError, ErrorCode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# the dashboard runs our own scripts and styles only: no inline code, no other origin
DASHBOARD_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI (/docs) sets style attributes from its scripts: inline styles only, still no inline script
DOCS_CSP = DASHBOARD_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def error_body(error: ApiError) -> bytes:
    return msgspec.json.encode(error.to_dict())


async def send_error(send: Send, error: ApiError, headers: dict[str, str] | None = None) -> None:
    body = error_body(error)
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": error.status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers to every response; the CSP of /docs allows Swagger UI's inline styles."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else DASHBOARD_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in (*HEADERS.items(), ("content-security-policy", csp)):
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if scope["path"].startswith("/api/") and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


class SizeLimits:
    """Refuses a query string over ``max_query_chars`` (414) and a body over ``max_body_bytes`` (413),
    by its Content-Length or, when streamed without one, as soon as the bytes read pass the limit."""

    def __init__(self, app: ASGIApp, options: ApiSettings) -> None:
        self.app, self.options = app, options

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if len(query) > self.options.max_query_chars:
            await send_error(send, ApiError(ErrorCode.E034, 414, size=f"a query of {len(query)} characters",
                                            limit=self.options.max_query_chars, setting="max_query_chars"))
            return
        limit = self.options.max_body_bytes
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await send_error(send, self._error(int(declared) if declared.isdigit() else limit + 1))
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(seen)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge as exc:
            if not started:
                await send_error(send, self._error(exc.size))

    def _error(self, size: int) -> ApiError:
        return ApiError(ErrorCode.E034, 413, size=f"a body of {size} bytes", limit=self.options.max_body_bytes,
                        setting="max_body_bytes")


class RateLimit:
    """A token bucket per client address: ``rate_limit_per_minute`` refill, ``rate_limit_burst`` capacity.
    Runs on the event loop (one thread), so the buckets need no lock; the least recently seen clients are
    forgotten past ``rate_limit_clients``."""

    def __init__(self, app: ASGIApp, options: ApiSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.app, self.options, self.clock = app, options, clock
        self.rate = options.rate_limit_per_minute / 60.0
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.rate:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        now = self.clock()
        tokens, last = self.buckets.pop(client, (float(self.options.rate_limit_burst), now))
        tokens = min(float(self.options.rate_limit_burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            retry = math.ceil((1 - tokens) / self.rate)
            error = ApiError(ErrorCode.E035, 429, client=client, limit=self.options.rate_limit_per_minute, retry=retry)
            await send_error(send, error, {"retry-after": str(retry)})
            return
        self.buckets[client] = (tokens - 1, now)
        while len(self.buckets) > self.options.rate_limit_clients:
            self.buckets.popitem(last=False)
        await self.app(scope, receive, send)
