"""`marsad ingest` (files, folders, JSONL, URLs, feeds into the database) and `marsad watch`."""

from __future__ import annotations

import codecs
import contextlib
import signal
import sys
import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from marsad.config import Options, db_url
from marsad.errors import InputError


def _options(db: str | None, max_mb: float | None = None, timeout: float | None = None,
             encoding: str | None = None) -> Options:
    return Options().with_(
        db=db_url(db) if db else None,
        max_bytes=int(max_mb * 1_000_000) if max_mb else None,
        fetch_timeout=timeout,
        encoding=encoding,
    )


def check_encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--encoding: a codec Python knows (windows-1256, cp1251, iso-8859-6, utf-16 ...)."""
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}; give a codec name such as windows-1256, "
                                 "cp1251 or iso-8859-6") from None


ENCODING_HELP = ("Text encoding of the files (e.g. windows-1256); default: declared charset, UTF-8, "
                 "else detected")


def _reporter(tty: bool) -> Any:
    def report(error: InputError) -> None:
        # on a terminal, clear the progress bar's line first
        click.echo(("\r\033[K" if tty else "") + f"error: {error}", err=True)

    return report


def _as_date(value: datetime | None) -> date | None:
    return value.date() if value else None


def _step(bar: Any) -> Callable[[str], None] | None:
    """The progress callback of a shown progress bar (None when none is shown)."""
    return None if bar is None else (lambda s: bar.update(1, s))


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--db", default=None, help="Database URL or SQLite file (default: MARSAD_DB, else marsad.db).")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date (YYYY-MM-DD) for inputs that carry none.",
)
@click.option("--allow-undated", is_flag=True, help="Keep articles with no publication date at all.")
@click.option("--outlet", default=None, help="Outlet name for inputs that name none.")
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0.001),
    default=None,
    help="Refuse files and pages larger than this (default: 20 MB).",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=None, help="Seconds to wait for a URL (default: 20)."
)
@click.option("--encoding", default=None, callback=check_encoding, help=ENCODING_HELP)
@click.pass_context
def ingest(
    ctx: click.Context,
    sources: tuple[str, ...],
    db: str | None,
    published: datetime | None,
    allow_undated: bool,
    outlet: str | None,
    max_mb: float | None,
    timeout: float | None,
    encoding: str | None,
) -> None:
    """Read articles, extract their events and store both.

    PATH_OR_URL: .txt, .html, .jsonl files, folders (read recursively), web
    pages, RSS/Atom feeds (URL or .rss/.atom/.xml file), or - for stdin.  A
    .txt file may start with "Title:", "Published: YYYY-MM-DD", "Outlet:",
    "URL:" lines and a blank line.  Articles already stored are skipped.
    A bad input is reported on stderr and the rest go on; the exit code is 1
    if any input failed.  Articles not in English are stored with their language
    but not coded (marsad codes English only); the summary counts them.

    \b
    Examples:
      marsad ingest examples/ --db marsad.db
      marsad ingest report.txt --published 2024-05-19 --outlet "Deir ez-Zor 24"
      marsad ingest https://example.org/news/feed.xml
    """
    from marsad.ingest.batch import ingest as run
    from marsad.ingest.sources import expand_sources
    from marsad.pipeline import Pipeline

    options = _options(db, max_mb, timeout, encoding)
    n_inputs = sum(1 for s in expand_sources(sources) if isinstance(s, str))
    bar_shown = sys.stderr.isatty() and n_inputs > 1
    bar = click.progressbar(length=n_inputs, label="ingest", file=sys.stderr,
                            item_show_func=lambda s: s and s[-40:]) if bar_shown else contextlib.nullcontext()
    with Pipeline(options) as pipe, bar as shown:
        summary = run(
            sources,
            pipe,
            options,
            published=_as_date(published),
            allow_undated=allow_undated,
            outlet=outlet,
            report=_reporter(bar_shown),
            progress=_step(shown),
        )
    click.echo(summary.line(), err=True)
    ctx.exit(1 if summary.failed else 0)


@click.command()
@click.argument("feeds_file", type=click.Path(dir_okay=False))
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 2h ...")
@click.option("--db", default=None, help="Database URL or SQLite file (default: MARSAD_DB, else marsad.db).")
@click.option("--once", is_flag=True, help="Poll once and exit (exit code 1 if an item failed).")
@click.option("--allow-undated", is_flag=True, help="Keep items with no publication date at all.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=None,
    help="Seconds to wait for a feed or page (default: 20).",
)
@click.pass_context
def watch(
    ctx: click.Context,
    feeds_file: str,
    every: str,
    db: str | None,
    once: bool,
    allow_undated: bool,
    timeout: float | None,
) -> None:
    """Poll RSS/Atom feeds and ingest their new items until stopped.

    FEEDS_FILE lists one feed URL per line (# starts a comment).  Items
    already handled are remembered in the database, so a restart picks up
    where the last run stopped.  Ctrl-C or SIGTERM finishes the current item
    and exits 0.

    \b
    Examples:
      marsad watch feeds.txt --every 15m --db marsad.db
      marsad watch feeds.txt --once
    """
    from marsad.ingest.watch import parse_every, read_feeds_file
    from marsad.ingest.watch import watch as run
    from marsad.pipeline import Pipeline
    from marsad.store.feeds import FeedState

    interval = parse_every(every)
    feeds = read_feeds_file(feeds_file)
    options = _options(db, timeout=timeout)
    stop = threading.Event()
    failed = 0
    polls = 0

    def on_signal(signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        click.echo(
            f"\n{signal.Signals(signum).name}: stopping after the current item (again to quit at once)",
            err=True,
        )

    def on_poll(summary: Any) -> None:
        nonlocal failed, polls
        polls += 1
        failed += summary.failed
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        click.echo(
            f"{stamp} poll {polls}: {summary.feeds_line()}; {summary.line()}, "
            f"{summary.skipped} item{'' if summary.skipped == 1 else 's'} seen before",
            err=True,
        )

    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        for s in previous:
            signal.signal(s, on_signal)
    try:
        with Pipeline(options) as pipe:
            state = FeedState(pipe.store.engine)
            if not once:
                click.echo(f"watching {len(feeds)} feed(s) every {every}; Ctrl-C to stop", err=True)
            run(
                feeds,
                pipe,
                state,
                options,
                every=interval,
                once=once,
                allow_undated=allow_undated,
                stop=stop,
                report=_reporter(False),
                on_poll=on_poll,
            )
    finally:
        if in_main:
            for s, handler in previous.items():
                signal.signal(s, handler)
    ctx.exit(1 if once and failed else 0)
