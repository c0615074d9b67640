"""`marsad gazetteer ...`: add places to a database and look names up.

Thin commands over marsad.store.places (adding) and marsad.geo.Gazetteer (lookup).
"""
from __future__ import annotations

import json
import logging
from datetime import datetime

import click

from marsad.config import db_url

DB_HELP = "Database: a file path or an SQLAlchemy URL (default: MARSAD_DB, else marsad.db)."
log = logging.getLogger("marsad.gazetteer")


def _report(res: object) -> None:
    click.echo(json.dumps({k: getattr(res, k) for k in ("source", "places", "aliases", "skipped")}))


@click.group()
def gazetteer() -> None:
    """Add places marsad should know, and look place names up.

    \b
    Examples:
      marsad gazetteer add-geonames https://download.geonames.org/export/dump/SY.zip
      marsad gazetteer add-events ucdp_ged.csv --until 2018-12-31
      marsad gazetteer add-aliases my_places.csv
      marsad gazetteer lookup "Dayr az-Zawr" --country SY
    """


@gazetteer.command("add-geonames")
@click.argument("file_or_url")
@click.option("--db", default=None, help=DB_HELP)
def add_geonames(file_or_url: str, db: str | None) -> None:
    """Add the places of a GeoNames country dump (SY.txt or SY.zip, a file or URL).

    Populated places, administrative areas, airports and camps become places of
    the database, with their alternate names as aliases.  Adding the same file
    again replaces what it added.

    \b
    Example:
      marsad gazetteer add-geonames SY.zip --db marsad.db
    """
    from marsad.store.places import add_geonames as run
    _report(run(db_url(db), file_or_url))


@gazetteer.command("add-events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only rows dated on or before this day.")
@click.option("--db", default=None, help=DB_HELP)
def add_events(file: str, until: datetime | None, db: str | None) -> None:
    """Learn place names and points from an ACLED or UCDP GED CSV.

    Only precise rows are learnt (ACLED geo_precision 1, UCDP where_prec 1-2);
    UCDP suffixes such as " town" or " village" are dropped from the names.

    \b
    Example:
      marsad gazetteer add-events ged_syria.csv --until 2018-12-31
    """
    from marsad.store.places import add_events as run
    _report(run(db_url(db), file, until.date() if until else None))


@gazetteer.command("add-aliases")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default=None, help=DB_HELP)
def add_aliases(file: str, db: str | None) -> None:
    """Add aliases from a CSV: alias,place[,country][,latitude,longitude].

    Without coordinates an alias takes the point of the best match for `place`
    (in `country` if given); with them it is a place of its own.

    \b
    Example (aliases.csv):
      alias,place,country,latitude,longitude
      Kobane,Ayn al Arab,SY,,
      Ali Al-Sadoun,Ali Al-Sadoun,IQ,34.40,45.30
    \b
      marsad gazetteer add-aliases aliases.csv
    """
    from marsad.store.places import add_aliases as run
    _report(run(db_url(db), file))


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", default=None, help="ISO alpha-2 code whose places rank first, e.g. SY.")
@click.option("--admin1", default=None, help="Governorate/province whose places rank first.")
@click.option("--near", default=None, metavar="PLACE",
              help="Rank the candidates within 100 km of PLACE first, closer first (distance in `why`).")
@click.option("--limit", default=10, show_default=True, help="How many candidates.")
@click.option("--fuzzy", is_flag=True, help="Try near spellings in --country when nothing matches.")
@click.option("--db", default=None, help=DB_HELP)
def lookup(name: str, country: str | None, admin1: str | None, near: str | None, limit: int,
           fuzzy: bool, db: str | None) -> None:
    """Print the candidates for NAME, best first, one JSON object a line: the score,
    why (which form matched, what context raised it), and where it comes from:

    \b
      source  places         built-in village-level places (GeoNames via Who's On First)
              cities500      built-in GeoNames cities500
              admin1         built-in first-level areas (admin1.csv; places-admin1: the places file's)
              country        built-in countries
              marsad-alias   marsad's alias file
              user-geonames  a GeoNames dump you added (origin: geonames:SY.zip)
              user-events    an ACLED / UCDP dataset you added (origin: ucdp:ged.csv)
              user-alias     an alias file you added (origin: aliases:my_places.csv)

    \b
    Examples:
      marsad gazetteer lookup "Deir Ezzor"
      marsad gazetteer lookup Tripoli --country LB
      marsad gazetteer lookup "Tal Abyad" --near Raqqa
    """
    from marsad.geo import Gazetteer
    from marsad.geo.lookup import explain
    from marsad.store.places import read_user_places
    gaz = Gazetteer.load(read_user_places(db_url(db)))
    found = explain(gaz, name, country=country, admin1=admin1, near=near, limit=limit, fuzzy=fuzzy)
    if not found:
        log.warning("no place matches %r", name)
        click.echo(f"no place matches {name!r}", err=True)
        raise SystemExit(1)
    for f in found:
        click.echo(json.dumps(f.row(), ensure_ascii=False))


@click.command("regeocode")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--dry-run", is_flag=True, help="Say what would move; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="List every event that moves.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def regeocode(db: str | None, dry_run: bool, verbose: bool, as_json: bool) -> None:
    """Place the stored events again, after you added places or aliases.

    Each event keeps its id and evidence: marsad re-reads its article, finds the
    place name the event was placed by and resolves it with the gazetteer as it is
    now (built-in places plus what `marsad gazetteer add-*` added to --db).
    Merged incidents are kept consistent.  Prints what moved, how far, from what
    to what.

    \b
    Example:
      marsad gazetteer add-aliases my_villages.csv --db marsad.db
      marsad regeocode --db marsad.db --dry-run --verbose
      marsad regeocode --db marsad.db
    """
    from dataclasses import asdict

    from marsad.regeocode import regeocode as run
    from marsad.regeocode import summary
    res = run(db_url(db), dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(asdict(res), ensure_ascii=False, default=str))
        return
    for line in summary(res, verbose=verbose):
        click.echo(line)
