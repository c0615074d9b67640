"""The API's door against a real server on 127.0.0.1: the key is checked before the
body is read, and a body over the limit gets 413 while it streams (raw sockets, so
that the client sends only what the test says)."""
from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from marsad.config import Options

KEY = "s3cret-key"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    import uvicorn

    from marsad.web.app import create_app

    db = f"sqlite:///{tmp_path_factory.mktemp('guard') / 'g.db'}"
    app = create_app(db, Options(db=db, api_key=KEY, tile_url=None, max_body_bytes=1_000_000))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    thread.join(timeout=10)


def _post(port: int, headers: dict[str, str], chunks: Iterator[bytes]) -> tuple[int, dict, int]:
    """Send the request head, then body chunks until the server answers; return
    (status, JSON body, body bytes sent before the answer came)."""
    head = "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode())
        sent = 0
        s.settimeout(0.05)
        reply = b""
        for chunk in chunks:
            try:
                reply = s.recv(65536)
                if reply:
                    break
            except TimeoutError:
                pass
            try:
                s.sendall(chunk)
            except OSError:          # the server answered and closed: stop sending
                break
            sent += len(chunk)
        s.settimeout(10)
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            more = s.recv(65536)
            if not more:
                break
            reply += more
    status = int(reply.split(b" ", 2)[1])
    body = reply.split(b"\r\n\r\n", 1)[1]
    if b"transfer-encoding: chunked" in reply.lower().split(b"\r\n\r\n")[0]:
        body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
    return status, json.loads(body), sent


def _filler(n_chunks: int, size: int = 64 * 1024) -> Iterator[bytes]:
    for _ in range(n_chunks):
        yield b" " * size


def test_no_key_is_refused_before_the_body_is_read(server):
    """A 300 MB upload announced without a key: 401 while the client has sent at most a
    few chunks (before, the server read all 300 MB first)."""
    status, body, sent = _post(server, {"Content-Length": str(300_000_000)}, _filler(4600))
    assert status == 401 and body["error"]["code"] == "unauthorized"
    assert sent < 5_000_000


def test_wrong_key_is_refused_too(server):
    status, _, _ = _post(server, {"Content-Length": "10", "X-API-Key": "wrong"}, iter([b'{"a": 1}  ']))
    assert status == 401


def test_announced_body_over_the_limit_gets_413(server):
    status, body, sent = _post(server, {"Content-Length": str(300_000_000), "X-API-Key": KEY}, _filler(4600))
    assert status == 413 and "limit" in body["error"]["message"] and body["error"]["fix"]
    assert sent < 5_000_000


def test_chunked_body_over_the_limit_gets_413_while_streaming(server):
    """No Content-Length: the guard counts the chunks as they come and stops at the limit."""
    def chunked() -> Iterator[bytes]:
        start = b'{"articles": [ '
        yield f"{len(start):x}\r\n".encode() + start + b"\r\n"
        for piece in _filler(4600, 32 * 1024):
            yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"

    status, body, sent = _post(server, {"Transfer-Encoding": "chunked", "X-API-Key": KEY}, chunked())
    assert status == 413, body
    assert sent < 10_000_000


def test_a_small_body_with_the_key_still_gets_through(server):
    payload = json.dumps({"articles": []}).encode()
    status, body, _ = _post(server, {"Content-Length": str(len(payload)), "X-API-Key": KEY}, iter([payload]))
    assert status == 422 and body["error"]["code"] == "invalid_request"      # reached validation
