"""The door of the API's writes: the key is checked before a byte of the body is read,
and a body over the limit is refused with 413 while it streams in (counted, never held).

    app = BodyGuard(app, options)      # create_app wraps the whole application

Without it, FastAPI reads (and parses) a whole upload before any dependency runs:
a 300 MB POST without a key took the server from 76 MB to 956 MB before its 401.
Reads (GET, HEAD, OPTIONS) pass untouched.
"""
from __future__ import annotations

import hmac
import json
from typing import Any

from marsad.config import Options
from marsad.web.errors import error_body

_READS = frozenset({"GET", "HEAD", "OPTIONS"})
# the API's write routes: the key is checked before their body is read
WRITE_PATHS = frozenset({"/api/articles"})


def key_problem(expected: str | None, x_api_key: str | None, authorization: str | None) -> tuple[int, str, str] | None:
    """(status, message, fix) if the request may not write, else None (constant-time compare).

    >>> key_problem("k", "k", None) is None, key_problem("k", None, "Bearer k") is None
    (True, True)
    >>> key_problem("k", "x", None)[0], key_problem(None, "k", None)[0]
    (401, 403)
    """
    if not expected:
        return (403, "ingesting through the API is switched off on this server",
                "start the server with MARSAD_API_KEY set to a secret key")
    given = x_api_key
    if not given and authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8")):
        return 401, "missing or wrong API key", "send the server's MARSAD_API_KEY in the X-API-Key header"
    return None


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for k, v in scope.get("headers", ()):
        if k.lower() == name:
            return v.decode("latin-1")
    return None


async def _refuse(send: Any, status: int, message: str, fix: str, code: str) -> None:
    body = json.dumps(error_body(status, message, code, fix)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"x-content-type-options", b"nosniff"), (b"connection", b"close")]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="marsad"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyGuard:
    """ASGI middleware: writes under /api need the key before their body is read, and
    bodies above `options.max_body_bytes` get 413 (from Content-Length, or counted)."""

    def __init__(self, app: Any, options: Options):
        self.app = app
        self.options = options

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in _READS:
            await self.app(scope, receive, send)
            return
        limit = self.options.max_body_bytes
        too_big = (f"the request body is over the {limit / 1e6:g} MB limit",
                   "send fewer articles per request, or start the server with a larger --max-body-mb",
                   "content_too_large")
        if scope["path"].rstrip("/") in WRITE_PATHS:
            problem = key_problem(self.options.api_key, _header(scope, b"x-api-key"),
                                  _header(scope, b"authorization"))
            if problem:
                code = "unauthorized" if problem[0] == 401 else "ingest_disabled"
                await _refuse(send, problem[0], problem[1], problem[2], code)
                return
        length = _header(scope, b"content-length")
        if length and length.strip().isdigit() and int(length) > limit:
            await _refuse(send, 413, *too_big)
            return
        await self._counted(scope, receive, send, limit, too_big)

    async def _counted(self, scope: dict[str, Any], receive: Any, send: Any, limit: int,
                       too_big: tuple[str, str, str]) -> None:
        """Run the app with a `receive` that counts the body; past the limit it answers 413
        itself and tells the app the client is gone (whatever the app sends then is dropped)."""
        seen = 0
        started = answered = False

        async def counted() -> dict[str, Any]:
            nonlocal seen, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not started:
                    answered = True
                    await _refuse(send, 413, *too_big)
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: dict[str, Any]) -> None:
            nonlocal started
            if answered:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not answered:
                raise
