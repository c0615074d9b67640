"""`marsad export`, `marsad import-acled` and `marsad db`: thin commands over
marsad.export, marsad.store.importer and marsad.store."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

import click

from marsad.config import db_url

DB_HELP = "Database: a file path or an SQLAlchemy URL (default: MARSAD_DB, else marsad.db)."


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    """stdout for '-', else FILE written through FILE.part, so a failed export leaves no half file."""
    if path == "-":
        if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    part = target.with_name(target.name + ".part")
    try:
        with part.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def _day(value: datetime | None) -> object:
    return value.date() if value is not None else None


@click.command()
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl", "parquet"]), default=None,
              help="Output format (default: from the --output extension: .csv .geojson .json .jsonl .parquet; "
                   "acled-csv on stdout).")
@click.option("--output", "-o", default="-", show_default=True, help="File to write, or - for stdout.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Events on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Events on or before this day.")
@click.option("--country", multiple=True, help='Country name or ISO code, e.g. "Syria" or SY (repeat: any of).')
@click.option("--actor", multiple=True, help="An actor's name or alias, any case (repeat: any of).")
@click.option("--type", "event_type", multiple=True, help="ACLED event type, e.g. Battles (repeat: any of).")
@click.option("--reports", is_flag=True, help="One line per report instead of one per incident.")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--csv-raw", is_flag=True,
              help="Write CSV cells as they are (default: cells starting with = + - @ get a leading ' "
                   "so spreadsheets do not run them as formulas).")
def export(fmt: str | None, output: str, since: datetime | None, until: datetime | None,
           country: tuple[str, ...], actor: tuple[str, ...], event_type: tuple[str, ...],
           reports: bool, db: str | None, csv_raw: bool) -> None:
    """Write stored events as ACLED CSV, GeoJSON or JSONL (one line per incident).

    \b
    Examples:
      marsad export --format acled-csv --output syria.csv --country Syria --since 2024-01-01
      marsad export -o events.geojson
      marsad export -o events.parquet          # typed columns for Spark, pandas, DuckDB
      marsad export --format jsonl --reports > reports.jsonl
    The JSONL keeps everything (reports, evidence, article text, merge decisions):
    `marsad import-acled FILE.jsonl` loads it into another database.
    """
    from marsad.export import ExportFilter, format_for
    from marsad.export import export as run
    from marsad.store import Store

    if fmt is None:
        fmt = format_for(output) if output != "-" else "acled-csv"
    if fmt == "parquet" and output == "-":
        raise click.UsageError("Parquet is a binary file: give one with -o FILE.parquet")
    flt = ExportFilter(since=_day(since), until=_day(until), country=country,  # type: ignore[arg-type]
                       actor=actor, event_type=event_type)
    with Store.open(db_url(db), create=False) as store:
        if fmt == "parquet":
            from marsad.export_parquet import write_parquet

            n = write_parquet(store.engine, output, reports=reports, flt=flt)
        else:
            with _output(output) as out:
                n = run(store.engine, fmt, out, reports=reports, flt=flt, raw_csv=csv_raw)
    what = "reports" if reports else "events"
    click.echo(f"exported {n} {what} as {fmt}" + ("" if output == "-" else f" to {output}"), err=True)


@click.command("import-acled")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default=None, help=DB_HELP)
def import_acled(files: tuple[str, ...], db: str | None) -> int:
    """Load an ACLED CSV export (or a marsad JSONL export) into the database.

    \b
    Examples:
      marsad import-acled 2024-01-01-2024-06-30-Syria.csv
      marsad import-acled backup.jsonl --db postgresql://analyst@localhost/marsad
    ACLED rows become reports with origin acled-import and event_uid acled:<event_id_cnty>;
    every ACLED column is kept, so `marsad export` writes them back as they came.
    Rows already stored are skipped, so importing twice adds nothing.  Bad rows are
    listed on stderr with their line number and skipped; the exit code is then 1.
    """
    from marsad.store import Store
    from marsad.store.importer import import_file

    failed = 0
    with Store.open(db_url(db)) as store:
        for path in files:
            res = import_file(store, path)
            for line, message in res.errors:
                click.echo(f"{path}:{line}: {message}", err=True)
            failed += res.failed
            click.echo(f"{path}: {res.added} added, {res.existing} already stored, {res.failed} bad",
                       err=True)
    return 1 if failed else 0


@click.group()
def db() -> None:
    """Look after the database: schema upgrades and counts.

    \b
    Examples:
      marsad db upgrade --db postgresql://analyst@localhost/marsad
      marsad db info
    """


@db.command()
@click.option("--db", "url", default=None, help=DB_HELP)
def upgrade(url: str | None) -> None:
    """Migrate the database to the newest schema (marsad also does this on every open).

    \b
    Example:
      marsad db upgrade --db marsad.db
    """
    from marsad.store import Store, migrate

    with Store.open(db_url(url), migrate_to_head=False) as store:
        before, after = migrate.upgrade(store.engine)
    if before == after:
        click.echo(f"already at schema revision {after}", err=True)
    else:
        click.echo(f"migrated from {before or 'empty'} to schema revision {after}", err=True)


@db.command()
@click.option("--db", "url", default=None, help=DB_HELP)
def info(url: str | None) -> None:
    """Print the database URL, its schema revision and the rows in each table.

    \b
    Example:
      marsad db info --db marsad.db
    """
    from sqlalchemy import inspect

    from marsad.store import Store, migrate
    from marsad.store.engine import safe_url

    with Store.open(db_url(url), migrate_to_head=False, create=False) as store:
        rev = store.revision()
        click.echo(f"database\t{safe_url(store.url)}")
        click.echo(f"revision\t{rev or 'none'}" + ("" if rev == migrate.head() else "\t(run: marsad db upgrade)"))
        with store.engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
        if rev is None and "documents" not in present:
            return
        for table, n in store.counts().items():
            click.echo(f"{table}\t{n}")
