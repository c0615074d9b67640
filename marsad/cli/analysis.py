"""`marsad trends`, `marsad report`, and `marsad events show|split` (attached to the
`events` group by marsad/cli/merge.py).  Thin: open the database, call one
library function (marsad.trends, marsad.report, marsad.merge), print."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
import sqlalchemy as sa

from marsad.config import db_url
from marsad.csvsafe import SafeWriter
from marsad.trends import BY_CHOICES

DATE = click.DateTime(["%Y-%m-%d"])
SPARK = " ▁▂▃▄▅▆▇█"


@contextmanager
def _store(db: str | None) -> Iterator[Any]:
    from marsad.store import Store

    store = Store.open(db_url(db), create=False)
    try:
        yield store
    finally:
        store.close()


def _db_from(ctx: click.Context, db: str | None) -> str | None:
    """--db given to the subcommand, else to the `events` group."""
    return db or (ctx.obj or {}).get("db")


def sparkline(values: list[int]) -> str:
    """Weekly counts as block characters, scaled to the largest.

    >>> sparkline([0, 1, 2, 4, 8])
    ' ▁▂▄█'
    """
    top = max(values, default=0)
    if top == 0:
        return " " * len(values)
    return "".join(SPARK[0 if v == 0 else max(1, round(v / top * 8))] for v in values)


def _surge_lines(surges: list[Any], recent: int, baseline: int, alpha: float) -> list[str]:
    from marsad.cli.tables import new_table, render, week_label

    head = (
        f"Surges: last {recent} weeks vs the {baseline} weeks before (conditional binomial test of two "
        f"Poisson rates, quasi-Poisson dispersion, Benjamini-Hochberg q <= {alpha}):"
    )
    if not surges:
        return [head, "  no series is significantly above its baseline"]
    t = new_table([("series", "left"), ("recent", "right"), ("expected", "right"), ("ratio", "right"),
                   ("p", "right"), ("q", "right"), ("rise from", "left")])
    for s in surges:
        t.add_row(s.key, str(s.recent), f"{s.baseline_mean * s.weeks:.1f}", f"{s.ratio:.1f}", f"{s.p_value:.2g}",
                  f"{s.q_value:.2g}", week_label(s.change_week) if s.change_week else "")
    return [head, render(t)]


MAX_WEEK_COLUMNS = 12         # more weeks than this: a sparkline instead of one column per week
MAX_SPARK = 52                # characters of a sparkline; longer series add up weeks per character


def _buckets(counts: list[int], size: int) -> list[int]:
    return [sum(counts[i:i + size]) for i in range(0, len(counts), size)]


def trends_table(by: str, series: dict[str, list[tuple[Any, int]]]) -> str:
    """Weekly series as a table: one column per week (labelled with its ISO year and
    week) up to MAX_WEEK_COLUMNS weeks; beyond, the total, the busiest week and a
    sparkline of at most MAX_SPARK characters, so 200 weeks stay readable."""
    from marsad.cli.tables import new_table, render, week_label

    axis = [w for w, _ in next(iter(series.values()))]
    wide = len(axis) <= MAX_WEEK_COLUMNS
    size = max(1, -(-len(axis) // MAX_SPARK))
    cols = [(by, "left"), ("total", "right")]
    cols += [(week_label(w), "right") for w in axis] if wide else [("busiest week", "left"), ("peak", "right")]
    t = new_table([*cols, ("trend", "left")])
    for key, pts in series.items():
        counts = [n for _, n in pts]
        cells = [key, str(sum(counts))]
        if wide:
            cells += [str(n) for n in counts]
        else:
            peak = max(range(len(counts)), key=lambda i: (counts[i], i))
            cells += [week_label(axis[peak]) if counts[peak] else "", str(counts[peak])]
        t.add_row(*cells, sparkline(_buckets(counts, size)))
    note = f"weeks {week_label(axis[0])} to {week_label(axis[-1])}"
    if size > 1:
        note += f"; each trend character adds up {size} weeks"
    return render(t) + "\n" + note


@click.command("trends")
@click.option(
    "--by",
    type=click.Choice(BY_CHOICES),
    default="admin1",
    show_default=True,
    help="one series per actor, admin1 (region) or event type",
)
@click.option("--weeks", type=click.IntRange(1, 520), default=12, show_default=True, help="weeks shown")
@click.option("--until", type=DATE, help="last day, YYYY-MM-DD (default: the latest incident)")
@click.option("--country", multiple=True, help="only incidents in this country, e.g. Syria or SY (repeat: any of)")
@click.option("--actor", multiple=True, help="only incidents with this actor (name or alias, any case), e.g. isis")
@click.option("--admin1", multiple=True, help="only incidents in this region, e.g. 'Deir ez-Zor'")
@click.option("--type", "event_type", multiple=True, help="only this event type, e.g. Battles")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="series shown")
@click.option("--surges/--no-surges", default=True, show_default=True, help="test each series for a surge")
@click.option("--recent-weeks", type=click.IntRange(1, 52), default=4, show_default=True)
@click.option("--baseline-weeks", type=click.IntRange(2, 260), default=12, show_default=True)
@click.option(
    "--alpha",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.05,
    show_default=True,
    help="false discovery rate for surges",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
@click.option("--csv-raw", is_flag=True, help="with --format csv: cells as they are (default: a cell starting "
                                              "with = + - @ gets a leading ' so spreadsheets do not run it)")
def trends(
    by: str,
    weeks: int,
    until: Any,
    country: tuple[str, ...],
    actor: tuple[str, ...],
    admin1: tuple[str, ...],
    event_type: tuple[str, ...],
    limit: int,
    surges: bool,
    recent_weeks: int,
    baseline_weeks: int,
    alpha: float,
    fmt: str,
    db: str | None,
    csv_raw: bool,
) -> None:
    """Weekly counts of incidents per actor, region or type, and surges.

    Incidents are canonical events: one per real attack, however many outlets
    told it.  A surge is a series whose last --recent-weeks are significantly
    above the --baseline-weeks before them.

    \b
    Examples:
      marsad trends --by admin1 --weeks 12
      marsad trends --by admin1 --actor ISIS          # is ISIS up in Deir ez-Zor?
      marsad trends --by type --format csv > weekly.csv
    """
    from marsad.trends import detect_surges, weekly_series

    filters: dict[str, Any] = {"country": country, "actor": actor, "admin1": admin1, "event_type": event_type}
    end = until.date() if until else None
    with _store(db) as store, store.engine.connect() as conn:
        series = weekly_series(conn, by, weeks, end, **filters)
        found = (
            detect_surges(
                conn,
                by=by,
                weeks=recent_weeks,
                baseline_weeks=baseline_weeks,
                until=end,
                alpha=alpha,
                **filters,
            )
            if surges
            else []
        )
    shown = dict(list(series.items())[:limit])
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "by": by,
                    "series": {k: [[w.isoformat(), n] for w, n in v] for k, v in shown.items()},
                    "surges": [s.to_dict() for s in found],
                },
                ensure_ascii=False,
            )
        )
    elif fmt == "csv":
        out = SafeWriter(sys.stdout, raw=csv_raw)
        out.writerow([by, "week", "incidents"])
        for k, v in shown.items():
            for w, n in v:
                out.writerow([k, w.isoformat(), n])
    else:
        if not series:
            click.echo("no dated incidents match these filters" if any(filters.values())
                       else "no dated incidents in the database", err=True)
            return
        click.echo(trends_table(by, shown))
        if surges:
            click.echo("")
            click.echo("\n".join(_surge_lines(found, recent_weeks, baseline_weeks, alpha)))
    if len(series) > limit:
        click.echo(f"{limit} of {len(series)} series shown (--limit)", err=True)


@click.command("report")
@click.option("--since", type=DATE, required=True, help="first day of the brief, YYYY-MM-DD")
@click.option("--until", type=DATE, help="last day (default: the latest incident)")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False), required=True, help="folder to write into"
)
@click.option(
    "--top", type=click.IntRange(1, 200), default=10, show_default=True, help="deadliest incidents listed"
)
@click.option(
    "--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05, show_default=True
)
@click.option("--country", multiple=True, help="only incidents in this country, e.g. Syria or SY (repeat: any of)")
@click.option("--actor", multiple=True, help="only incidents with this actor (name or alias, any case)")
@click.option("--admin1", multiple=True, help="only incidents in this region")
@click.option("--type", "event_type", multiple=True, help="only this event type, e.g. Battles")
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
def report(since: Any, until: Any, out_dir: str, top: int, alpha: float, country: tuple[str, ...],
           actor: tuple[str, ...], admin1: tuple[str, ...], event_type: tuple[str, ...], db: str | None) -> None:
    """Write the analyst brief: brief.md, brief.html and PNG charts and map.

    \b
    Examples:
      marsad report --since 2024-05-01 --out brief/ && xdg-open brief/brief.html
      marsad report --since 2024-05-01 --country IQ --actor isis --out iraq-isis/
    """
    from marsad.report import write_report

    filters = {"country": country, "actor": actor, "admin1": admin1, "event_type": event_type}
    with _store(db) as store, store.engine.connect() as conn:
        brief = write_report(
            conn, since.date(), out_dir, until=until.date() if until else None, top=top, alpha=alpha,
            filters=filters,
        )
    click.echo(str(brief.markdown))
    click.echo(str(brief.html))
    for p in brief.images:
        click.echo(str(p))
    click.echo(f"{brief.n_incidents} incidents, {brief.n_surges} surges", err=True)


def _place(r: dict[str, Any]) -> str:
    where = ", ".join(x for x in (r.get("location"), r.get("admin1"), r.get("country")) if x) or "no place"
    return f"{where} (geo {r.get('geo_precision') or '-'})"


def _by_role(fields: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The words each field came from, marked >>like this<< with their offsets."""
    out: dict[str, list[str]] = {}
    for f in fields:
        out.setdefault(f["role"], []).append(f'>>{" ".join(str(f["text"]).split())[:80]}<< ({f["start"]}-{f["end"]})')
    return list(out.items())


def format_explanation(info: dict[str, Any]) -> str:
    """The text `marsad events show` prints."""
    c, f = info["canonical"], info["fatalities"]
    tp = {1: "day", 2: "week", 3: "month"}.get(c["time_precision"], "?")
    dates = (
        c["event_date"]
        if c["date_low"] == c["date_high"]
        else f"{c['event_date']} ({c['date_low']} to {c['date_high']})"
    )
    lines = [
        f"Event {c['id']}: {c['event_type']} / {c['sub_event_type']}",
        f"  date       {dates}, precision {tp}",
        f"  place      {_place(c)}",
        f"  actors     {' vs '.join(x for x in (c['actor1'], c['actor2']) if x) or '-'}",
        f"  fatalities best {f['best']}, low {f['low']}, high {f['high']}  ({f['rule']})",
        f"  sources    {c['n_sources']}: {c['source']}",
        "",
        f"Reports ({len(info['reports'])}):",
    ]
    for r in info["reports"]:
        lines.append(
            f"  report {r['id']}  {r.get('outlet') or r['source'] or r['origin']}  {r['event_date']}  "
            f"{_place(r)}  {r['event_type']}  dead {r['fatalities']}"
            + (f"  {r['url']}" if r.get("url") else "")
        )
        if r.get("evidence_text"):
            lines.append(f'      "{" ".join(r["evidence_text"].split())[:160]}"')
        for role, words in _by_role(r.get("fields") or []):
            lines.append(f"      {role:<10} " + "; ".join(words))
    live = [ln for ln in info["links"] if not ln["undone"]]
    if live:
        lines += ["", "Why merged:"]
        for ln in live:
            lines.append(
                f"  report {ln['event_id']} joined (closest: report {ln['matched_event_id']}, "
                f"score {ln['score']:.2f}): " + "; ".join(ln["reasons"])
            )
    undone = [ln for ln in info["links"] if ln["undone"]]
    if undone or info["blocks"]:
        lines += ["", "Split by an analyst (never merged again):"]
        lines += [f"  reports {b['event_a']} and {b['event_b']}" for b in info["blocks"]]
    if len(info["reports"]) > 1:
        lines += ["", "Undo a merge: marsad events split REPORT_ID"]
    return "\n".join(lines)


@click.command("show")
@click.argument("event_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
@click.pass_context
def events_show(ctx: click.Context, event_id: int, fmt: str, db: str | None) -> None:
    """Show an event, every report of it and why the reports were merged.

    \b
    Examples:
      marsad events show 42
      marsad events show 42 --format json
    """
    from marsad.merge import explain

    with _store(_db_from(ctx, db)) as store, store.engine.connect() as conn:
        info = explain(conn, event_id)
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, default=str))
    else:
        click.echo(format_explanation(info))


@click.command("remerge")
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
@click.pass_context
def events_remerge(ctx: click.Context, db: str | None) -> None:
    """Merge again the reports that are alone in their event.

    For a database filled by a marsad older than the one-transaction ingest, where
    an ingest killed between saving an article and merging it left its reports
    unmerged for good.  Safe to run any time: splits made with `events split` hold.

    \b
    Example:
      marsad events remerge --db marsad.db
    """
    from marsad.merge import remerge_alone

    with _store(_db_from(ctx, db)) as store, store.begin() as conn:
        merged = remerge_alone(conn)
    click.echo(f"{len(merged)} report(s) merged into the event they tell", err=True)


@click.command("split")
@click.argument("report_id", type=int)
@click.option("--db", help="database URL or SQLite path (default: MARSAD_DB or marsad.db)")
@click.pass_context
def events_split(ctx: click.Context, report_id: int, db: str | None) -> None:
    """Undo a merge: move a report into an event of its own, for good.

    REPORT_ID is a report's id as `marsad events show` lists it.  The report is
    never merged again with the reports it was with, even as new reports arrive.

    \b
    Example:
      marsad events show 42          # lists reports 101, 102, 103
      marsad events split 103
    """
    from marsad.merge import split
    from marsad.store.schema import events

    with _store(_db_from(ctx, db)) as store, store.begin() as conn:
        old = conn.execute(sa.select(events.c.canonical_id).where(events.c.id == report_id)).scalar()
        new = split(conn, report_id)
    if old == new:
        click.echo(f"report {report_id} is alone in event {new}: nothing to split", err=True)
    else:
        click.echo(
            f"report {report_id} is now event {new} (split from event {old}); "
            f"it will not be merged with event {old}'s reports again",
            err=True,
        )
    click.echo(str(new))
