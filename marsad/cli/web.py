"""`marsad serve`: the JSON API, the dashboard and the light page."""
from __future__ import annotations

import logging

import click

from marsad.config import Options, db_url


@click.command()
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; 0.0.0.0 exposes the server to the network")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--tile-url", help="optional map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
                                 "(default MARSAD_TILE_URL; without it the map draws country borders offline)")
@click.option("--max-body-mb", type=click.FloatRange(min=0.001), default=None,
              help="refuse request bodies above this size with 413 (default: MARSAD_MAX_BODY_MB or 20, as for files)")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["debug", "info", "warning", "error"]))
def serve(db: str | None, host: str, port: int, tile_url: str | None, max_body_mb: float | None,
          log_level: str) -> None:
    """Serve the dashboard, the light page and the JSON API.

    \b
    Reads are open to anyone who can reach the server.  POST /api/articles
    (ingest) needs the key in MARSAD_API_KEY, sent as the X-API-Key header;
    it is checked before the body is read, and bodies over --max-body-mb get 413.

    \b
    Examples:
      marsad serve --db marsad.db                 # http://127.0.0.1:8000/
      MARSAD_API_KEY=s3cret marsad serve --port 8080
      curl 'http://127.0.0.1:8000/api/events?country=Syria&since=2024-01-01'
    A database that does not exist yet is an error (a mistyped --db); start an
    empty one with `marsad db upgrade --db new.db`.
    """
    import uvicorn

    from marsad.web.app import create_app

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    options = Options().with_(db=db_url(db), tile_url=tile_url,
                              max_body_bytes=int(max_body_mb * 1e6) if max_body_mb else None)
    app = create_app(options.db, options, create=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the events", err=True)
    click.echo(f"marsad: serving {options.db} on http://{host}:{port}/  (light page: /light, API: /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
