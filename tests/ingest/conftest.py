"""Fixtures for the ingest tests: a real HTTP server on 127.0.0.1 and a real store."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@dataclass
class Site:
    """The test server: `routes` maps a path to (status, content type, body, headers)."""

    base: str
    routes: dict[str, Callable[[Handler], None]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(
        self,
        path: str,
        body: bytes | str,
        ctype: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def respond(h: Handler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = respond

    def serve_file(self, path: str, name: str, ctype: str = "text/html; charset=utf-8") -> None:
        self.serve(path, (DATA / name).read_text(encoding="utf-8").replace("{base}", self.base), ctype)


class Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.site.hits[path] = self.site.hits.get(path, 0) + 1
        route = self.site.routes.get(path)
        if route is None:
            body = b"<html><body><h1>Not found</h1></body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (time-out, size cap): expected in those tests

    def log_message(self, *args: object) -> None:
        pass


def _slow(h: Handler) -> None:
    time.sleep(3.0)
    body = b"<html><body><p>too late</p></body></html>"
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _trickle(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    for _ in range(40):  # 40 x 0.1 s: each read is quick, the whole answer is not
        h.wfile.write(b"<p>" + b"x" * 100 + b"</p>\n")
        h.wfile.flush()
        time.sleep(0.1)


def _huge(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()  # no Content-Length: the cap must hold while streaming
    chunk = b"<p>" + b"a" * 1000 + b"</p>\n"
    for _ in range(300):
        h.wfile.write(chunk)


def _redirect_to(target: str) -> Callable[[Handler], None]:
    def respond(h: Handler) -> None:
        h.send_response(302)
        h.send_header("Location", target)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return respond


@pytest.fixture(scope="session")
def site() -> Site:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    s = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    Handler.site = s
    s.serve_file("/news/checkpoint-mayadin", "checkpoint.html")
    s.serve_file("/news/kirkuk-arrests", "kirkuk.html")
    s.serve_file("/index", "index.html")
    s.serve_file("/feed.rss", "feed.rss", "application/rss+xml")
    s.serve_file("/feed-as-xml", "feed.rss", "text/xml; charset=utf-8")
    s.serve_file("/atom.xml", "feed.atom", "application/atom+xml")
    s.serve_file("/plain", "raqqa_header.txt", "text/plain; charset=utf-8")
    s.serve("/image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    s.serve("/gone", "<html><body>Gone</body></html>", status=410)
    s.serve("/broken", "<html><body>Internal error</body></html>", status=500)
    s.routes["/slow"] = _slow
    s.routes["/trickle"] = _trickle
    s.routes["/huge"] = _huge
    s.routes["/moved"] = _redirect_to("/news/checkpoint-mayadin")
    s.routes["/loop"] = _redirect_to("/loop")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture()
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/news"
