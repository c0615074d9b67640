"""A real marsad server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Chromium comes from MARSAD_CHROMIUM (CI: /usr/bin/chromium); Playwright never
downloads a browser.  Without the variable these tests skip, unless
MARSAD_REQUIRE_SERVICES=1, when they fail.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from marsad.config import Options
from tests.services import missing
from tests.web.sample import build

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("MARSAD_CHROMIUM")
    if not path:
        missing("MARSAD_CHROMIUM is not set", "set it to Debian's chromium, e.g. /usr/bin/chromium")
    if not Path(path).exists():
        pytest.fail(f"MARSAD_CHROMIUM={path} does not exist")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(db: str) -> Iterator[str]:
    """`marsad serve` on the database `db`, in a thread; yields its base URL."""
    import uvicorn

    from marsad.web.app import create_app

    app = create_app(db, Options(db=db, api_key=None, tile_url=None))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the marsad server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """`marsad serve` in a thread: {"url": base URL, "ids": canonical ids of the sample events}."""
    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'b.db'}"
    ids = build(db)
    with _serve(db) as url:
        yield {"url": url, "ids": ids}


@pytest.fixture(scope="session")
def live_empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`marsad serve` on a new, empty database: its base URL."""
    with _serve(f"sqlite:///{tmp_path_factory.mktemp('browser-empty') / 'e.db'}") as url:
        yield url


@pytest.fixture()
def shot(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """shot(page, name): a screenshot under $MARSAD_SCREENSHOTS (for a person to look at), if set."""
    folder = os.environ.get("MARSAD_SCREENSHOTS")

    def take(page: object, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    return take


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, live) -> Iterator[object]:
    """A fresh page that records script errors and any request that leaves 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.errors = []                       # uncaught exceptions in the page
    pg.outside = []                      # requests to anything but the test server
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith((str(live["url"]), "data:")) else pg.outside.append(r.url))
    yield pg
    ctx.close()
