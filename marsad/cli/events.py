"""`marsad events`: list stored (canonical) events.  Subcommands such as
`show` and `split` are added to the `events` group by other modules
(see the end of this file)."""
from __future__ import annotations

import importlib
import json
from datetime import date
from typing import Any

import click

from marsad.config import db_url


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@click.group(invoke_without_command=True)
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="first event date, YYYY-MM-DD")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="last event date, YYYY-MM-DD")
@click.option("--country", multiple=True, help="country name or ISO code, e.g. Syria or SY (repeat: any of)")
@click.option("--admin1", multiple=True, help="first-level region (governorate, province)")
@click.option("--actor", multiple=True, help="an actor's name or alias, any case, e.g. 'Islamic State'")
@click.option("--type", "event_type", multiple=True, help="ACLED event type, e.g. 'Battles'")
@click.option("--text", help="words in the place, actors or notes")
@click.option("--sort", default="-event_date", show_default=True,
              help="comma-separated keys, '-' for descending: event_date, fatalities, id, admin1, ...")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="json: one JSON object per line (JSON Lines)")
@click.pass_context
def events(ctx: click.Context, db: str | None, since: Any, until: Any, country: tuple[str, ...],
           admin1: tuple[str, ...], actor: tuple[str, ...], event_type: tuple[str, ...], text: str | None,
           sort: str, limit: int, offset: int, fmt: str) -> None:
    """List stored events (one per incident, merged across sources), newest first.

    \b
    Examples:
      marsad events --country Syria --since 2024-01-01
      marsad events --actor "Islamic State" --type Battles --limit 20
      marsad events --format json --db marsad.db > events.jsonl
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from marsad.store import Store
    from marsad.store.queries import EventFilter, list_events

    f = EventFilter(since=since.date() if since else None, until=until.date() if until else None,
                    country=country, admin1=admin1, actor=actor, event_type=event_type, text=text)
    store = Store.open(db_url(db), create=False)
    try:
        with store.engine.connect() as conn:
            rows, total = list_events(conn, f, sort=sort, limit=limit, offset=offset)
    finally:
        store.close()
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, default=_json_default, ensure_ascii=False))
    else:
        from marsad.cli.tables import events_table

        click.echo(events_table(rows))
    click.echo(f"{len(rows)} of {total} events shown", err=True)


# Subcommands defined elsewhere (e.g. the merge helper's `show` and `split`)
# register themselves when their module is imported here.
for _mod in ("marsad.cli.merge",):
    if importlib.util.find_spec(_mod) is not None:
        importlib.import_module(_mod)
