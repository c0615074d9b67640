"""`marsad extract` (no database) and `marsad demo`."""
from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import click

from marsad.acled import extract_row
from marsad.cli.ingest import ENCODING_HELP, check_encoding
from marsad.config import Options, db_url
from marsad.csvsafe import SafeWriter
from marsad.errors import ConfigError
from marsad.records import EXTRACT_COLUMNS, Article, Event

log = logging.getLogger(__name__)


def _read_inputs(paths: list[str], options: Options, failures: list[str],
                 not_english: list[str]) -> Iterable[Article]:
    """The English articles of the inputs; bad inputs are reported, others counted."""
    from marsad.errors import MarsadError
    from marsad.ingest import read_sources
    from marsad.ingest.language import detect_language

    for item in read_sources(paths, options, allow_undated=True):
        if isinstance(item, MarsadError):
            failures.append(str(item))
            click.echo(f"error: {item}", err=True)
            continue
        if item.language in (None, "", "en"):
            item.language = detect_language(item.text)
        if item.language != "en":
            not_english.append(item.doc_id)
            continue
        yield item


def write_events(events: Iterable[Event], out: IO[str], fmt: str, *, raw_csv: bool = False) -> int:
    """Write events as CSV (ACLED columns + doc_id, injuries, evidence), JSONL or GeoJSON.
    CSV cells a spreadsheet would run as formulas are made inert unless `raw_csv`."""
    n = 0
    if fmt == "csv":
        w = SafeWriter(out, list(EXTRACT_COLUMNS), raw=raw_csv, extrasaction="ignore")
        w.writeheader()
        for e in events:
            w.writerow(extract_row(e))
            n += 1
    elif fmt == "jsonl":
        for e in events:
            row = extract_row(e)
            row["evidence"] = [{"text": v.text, "start": v.start, "end": v.end, "role": v.role} for v in e.evidence]
            row["place_why"] = e.place.why if e.place else ""
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [\n')
        for e in events:
            row = extract_row(e)
            if row["latitude"] == "":
                continue
            feat = {"type": "Feature", "geometry": {"type": "Point",
                                                    "coordinates": [row["longitude"], row["latitude"]]},
                    "properties": row}
            out.write(("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n


@click.command()
@click.option("--input", "-i", "inputs", multiple=True, required=True,
              help="Articles: .jsonl, .txt, .html, a folder or a URL (repeatable).")
@click.option("--output", "-o", default="-", help="Where to write the events (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson"]), default=None,
              help="Output format (default: from the output's extension, else csv).")
@click.option("--db", default=None, help="Database whose user-added places and aliases to use (default: MARSAD_DB / marsad.db if it exists).")
@click.option("--processes", "-j", type=int, default=1, show_default=True, help="Parser processes.")
@click.option("--csv-raw", is_flag=True,
              help="Write CSV cells as they are (default: cells starting with = + - @ get a leading ' "
                   "so spreadsheets do not run them as formulas).")
@click.option("--encoding", default=None, callback=check_encoding, help=ENCODING_HELP)
def extract(inputs: tuple[str, ...], output: str, fmt: str | None, db: str | None, processes: int,
            csv_raw: bool, encoding: str | None) -> int:
    """Extract events from articles, with no database: one row per incident.

    \b
    Example:
      marsad extract --input docs.jsonl --output events.csv
      marsad extract -i examples/ -o events.geojson
    Columns: doc_id, ACLED's (event_date ... notes), injuries, evidence_text/start/end.
    """
    from marsad.extract import Extractor
    from marsad.store.places import read_user_places

    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".")
        fmt = {"jsonl": "jsonl", "json": "jsonl", "geojson": "geojson"}.get(suffix, "csv")
    options = Options().with_(db=db_url(db) if db else None, encoding=encoding)
    extractor = Extractor(options, user_places=read_user_places(options.db), batch_prior=True)
    failures: list[str] = []
    not_english: list[str] = []

    articles = _read_inputs(list(inputs), options, failures, not_english)

    def events() -> Iterable[Event]:
        if processes > 1:
            for _article, evs in extractor.extract_many(articles, n_process=processes):
                yield from evs
            return
        for article in articles:          # one process: an article that fails is reported, the rest go on
            try:
                evs = extractor.extract(article)
            except ConfigError:
                raise                     # the user's data files, not the article: one line, the run stops
            except Exception as e:  # the batch must not end on one article; the traceback is logged
                log.debug("extracting %s failed", article.doc_id, exc_info=True)
                failures.append(article.doc_id)
                click.echo(f"error: {article.origin or article.doc_id}: extraction failed ({type(e).__name__}: "
                           f"{e}) - report this article to the marsad maintainers", err=True)
                continue
            yield from evs

    with contextlib.ExitStack() as stack:
        out = sys.stdout if output == "-" else stack.enter_context(
            open(output, "w", encoding="utf-8", newline=""))
        n = write_events(events(), out, fmt, raw_csv=csv_raw)
    click.echo(f"{n} events written to {output if output != '-' else 'stdout'}"
               + (f"; {len(failures)} input(s) failed" if failures else "")
               + (f"; {len(not_english)} article(s) not coded: not English (marsad codes English only)"
                  if not_english else ""), err=True)
    return 1 if failures else 0


def examples_dir() -> Path:
    """The bundled example articles (the repository's examples/ folder)."""
    here = Path(__file__).resolve().parents[2] / "examples"
    for cand in (Path.cwd() / "examples", here):
        if cand.is_dir():
            return cand
    raise click.ClickException("the examples/ folder was not found - run `marsad demo` from the marsad checkout")


@click.command()
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file (or database URL) to fill.")
def demo(db: str) -> int:
    """Ingest the bundled example articles into a SQLite file and print their events.

    \b
    Example:
      marsad demo
      marsad demo --db /tmp/demo.db
    """
    from marsad.errors import MarsadError
    from marsad.ingest import read_sources
    from marsad.pipeline import Pipeline

    options = Options().with_(db=db_url(db))
    folder = examples_dir()
    n_new = n_old = n_bad = 0
    with Pipeline(options) as pipe:
        for item in read_sources([str(folder)], options, allow_undated=True):
            if isinstance(item, MarsadError):
                n_bad += 1
                click.echo(f"error: {item}", err=True)
                continue
            r = pipe.process(item)
            n_new += r.created
            n_old += not r.created
        rows = _event_table(pipe.store.engine)
    from marsad.cli.tables import events_table

    click.echo(events_table(rows))
    click.echo(f"\n{n_new} new articles, {n_old} already stored, {len(rows)} incidents in {options.db}")
    click.echo("Next:  marsad serve --db " + db + "        (dashboard on http://127.0.0.1:8000)\n"
               "       marsad events --db " + db + " --actor ISIS\n"
               "       marsad export --db " + db + " --format acled-csv --output events.csv")
    return 1 if n_bad else 0


def _event_table(engine: object) -> list[dict[str, object]]:
    """Every stored incident, newest first, as `marsad events` lists them."""
    from marsad.store.queries import MAX_LIMIT, EventFilter, list_events

    with engine.connect() as conn:  # type: ignore[attr-defined]
        return list_events(conn, EventFilter(), limit=MAX_LIMIT)[0]
