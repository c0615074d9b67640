"""The analyst brief: Markdown and HTML with surges, the deadliest incidents,
weekly charts and a map (matplotlib PNGs, Agg backend: no display needed).

    with store.engine.connect() as conn:
        brief = write_report(conn, date(2024, 5, 1), Path("brief"))
    brief.markdown          # brief/brief.md; also brief/brief.html and brief/*.png

Counts are of canonical events (incidents), as in marsad.trends; fatalities are
shown as best (low-high) across the sources of each incident.  Text from
articles is escaped in both outputs.
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from marsad.errors import ConfigError, StoreError
from marsad.store.filters import EventFilter, conditions
from marsad.store.schema import canonical_events, events
from marsad.trends import BY_CHOICES, Surge, detect_surges, latest_date, weekly_series

TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}


@dataclass(slots=True)
class Brief:
    """What write_report wrote."""

    markdown: Path
    html: Path
    images: list[Path]
    n_incidents: int
    n_surges: int


@dataclass(slots=True, frozen=True)
class Incident:
    """A canonical event as the brief lists it (a row of canonical_events, read back)."""

    id: int
    event_date: date
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    location: str
    admin1: str
    country: str
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    n_sources: int
    source: str

    @classmethod
    def columns(cls) -> list[sa.Column[Any]]:
        return [canonical_events.c[f] for f in cls.__dataclass_fields__]


@dataclass(slots=True)
class BriefData:
    since: date
    until: date
    selection: str = ""  # the filters, e.g. "country: IQ; actor: isis" (empty: everything)
    n_incidents: int = 0
    n_reports: int = 0
    n_multi_source: int = 0
    fatalities: tuple[int, int, int] = (0, 0, 0)  # best, low, high summed over incidents
    by_type: list[tuple[str, int]] = field(default_factory=list)
    surges: dict[str, list[Surge]] = field(default_factory=dict)
    deadliest: list[Incident] = field(default_factory=list)
    points: list[tuple[float, float, str, int]] = field(default_factory=list)  # lat, lon, type, fatalities
    weekly: dict[str, dict[str, list[tuple[date, int]]]] = field(default_factory=dict)


def gather(
    conn: sa.Connection,
    since: date,
    until: date | None = None,
    *,
    top: int = 10,
    alpha: float = 0.05,
    weeks: int = 4,
    baseline_weeks: int = 12,
    filters: dict[str, Any] | None = None,
) -> BriefData:
    """Everything the brief shows, for incidents dated since..until (default: the latest
    incident) that match `filters` (country, actor, admin1, event_type: the filter
    language of marsad.store.filters)."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    until = until or latest_date(conn) or date.today()
    if since > until:
        raise ConfigError(
            f"--since {since} is after the latest date {until}",
            source="--since",
            fix="pick an earlier date, or pass --until",
        )
    c = canonical_events.c
    in_range = sa.and_(c.event_date >= since, c.event_date <= until,
                       *conditions(conn, EventFilter(**filters)))
    d = BriefData(since=since, until=until, selection="; ".join(
        f"{k.replace('_', ' ')}: {' or '.join(v) if isinstance(v, (list, tuple)) else v}" for k, v in filters.items()))
    row = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(c.fatalities), 0),
            sa.func.coalesce(sa.func.sum(c.fatalities_low), 0),
            sa.func.coalesce(sa.func.sum(c.fatalities_high), 0),
            sa.func.coalesce(sa.func.sum(sa.case((c.n_sources > 1, 1), else_=0)), 0),
        ).where(in_range)
    ).one()
    d.n_incidents, d.fatalities, d.n_multi_source = (
        row[0],
        (int(row[1]), int(row[2]), int(row[3])),
        int(row[4]),
    )
    d.n_reports = conn.execute(
        sa.select(sa.func.count())
        .select_from(events.join(canonical_events, events.c.canonical_id == c.id))
        .where(in_range)
    ).scalar_one()
    d.by_type = [
        (t, n)
        for t, n in conn.execute(
            sa.select(c.event_type, sa.func.count())
            .where(in_range)
            .group_by(c.event_type)
            .order_by(sa.func.count().desc(), c.event_type)
        )
    ]
    for by in BY_CHOICES:
        d.surges[by] = detect_surges(
            conn, by=by, weeks=weeks, baseline_weeks=baseline_weeks, until=until, alpha=alpha, **filters
        )
    d.deadliest = [
        Incident(**r)
        for r in conn.execute(
            sa.select(*Incident.columns())
            .where(in_range, c.fatalities > 0)
            .order_by(c.fatalities.desc(), c.n_sources.desc(), c.event_date.desc(), c.id)
            .limit(top)
        ).mappings()
    ]
    d.points = [
        (r.latitude, r.longitude, r.event_type, r.fatalities)
        for r in conn.execute(
            sa.select(c.latitude, c.longitude, c.event_type, c.fatalities).where(
                in_range, c.latitude.is_not(None), c.longitude.is_not(None)
            )
        )
    ]
    n_weeks = (until - since).days // 7 + 1
    for by in ("type", "admin1"):
        d.weekly[by] = weekly_series(conn, by, n_weeks, until, **filters)
    return d


# --------------------------------------------------------------------------- charts


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _count_date_axes(ax: Any) -> None:
    """Whole numbers on the count axis; dates that name their year (ConciseDateFormatter
    writes the year at the first tick and wherever it changes)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _weekly_axis(fig: Any, ax: Any, legend: bool) -> None:
    ax.set_ylabel("incidents")
    _count_date_axes(ax)
    if legend:
        ax.legend(fontsize=7, loc="upper left", frameon=False)


def _save(plt: Any, fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def chart_weekly_types(series: dict[str, list[tuple[date, int]]], path: Path) -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=110)
    bottom: list[int] | None = None
    for key, pts in series.items():
        xs = [w for w, _ in pts]
        ys = [n for _, n in pts]
        ax.bar(xs, ys, width=6, bottom=bottom, label=key, color=TYPE_COLOURS.get(key), align="edge")
        bottom = ys if bottom is None else [a + b for a, b in zip(bottom, ys)]
    ax.set_title("Incidents per week, by event type")
    _weekly_axis(fig, ax, bool(series))
    return _save(plt, fig, path)


def chart_weekly_lines(
    series: dict[str, list[tuple[date, int]]], path: Path, title: str, limit: int = 6
) -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=110)
    for key, pts in list(series.items())[:limit]:
        ax.plot([w for w, _ in pts], [n for _, n in pts], marker="o", markersize=3, label=key)
    ax.set_title(title)
    _weekly_axis(fig, ax, bool(series))
    return _save(plt, fig, path)


def chart_surges(conn: sa.Connection, surges: list[Surge], path: Path, limit: int = 6) -> Path:
    """Small multiples: each surge's weekly series, its baseline mean and the recent window shaded."""
    plt = _plt()
    shown = surges[:limit]
    cols = min(3, len(shown))
    rows = math.ceil(len(shown) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 2.4 * rows), dpi=110, squeeze=False)
    for ax in axes.flat[len(shown) :]:
        ax.set_visible(False)
    for ax, s in zip(axes.flat, shown):
        filt = {{"actor": "actor", "admin1": "admin1", "type": "event_type"}[s.by]: s.key}
        pts = weekly_series(conn, s.by, s.weeks + s.baseline_weeks, s.until, **filt).get(s.key, [])
        ax.bar([w for w, _ in pts], [n for _, n in pts], width=6, align="edge", color="#7f7f7f")
        if s.since and s.until:
            ax.axvspan(s.since, s.until + timedelta(days=1), color="#d62728", alpha=0.15)
        ax.axhline(s.baseline_mean, color="#1f77b4", linestyle="--", linewidth=1)
        ax.set_title(f"{s.key[:30]} ({s.by}) x{s.ratio:.1f}", fontsize=8)
        _count_date_axes(ax)
        ax.tick_params(labelsize=6)
    return _save(plt, fig, path)


@functools.lru_cache(maxsize=1)
def _borders() -> list[Any]:
    """Country borders (arrays of lon, lat) from the world-atlas TopoJSON the dashboard
    ships, decoded once; no borders if the file is missing."""
    import numpy as np

    try:
        ref = resources.files("marsad").joinpath("web/static/vendor/world-atlas/countries-110m.json")
        topo = json.loads(ref.read_text("utf-8"))
    except (OSError, ValueError):
        return []
    scale, shift = np.array(topo["transform"]["scale"]), np.array(topo["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + shift for arc in topo["arcs"] if arc]


MAP_SIZES = (1, 10, 50)          # fatalities shown in the map's size legend


def _marker_size(fatalities: int) -> float:
    return 12 + 6 * math.sqrt(max(fatalities, 0))


def _map_frame(points: list[tuple[float, float, str, int]]) -> tuple[float, float, float, float]:
    """West, east, south, north: the points with a margin (a tenth of the span, at least a
    degree) and at least 4 degrees across, so the borders around them give context."""
    if not points:
        return 35.5, 42.5, 32.0, 37.5  # Syria
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    xs = max((max(lons) - min(lons)) * 1.2 + 2.0, 4.0)
    ys = max((max(lats) - min(lats)) * 1.2 + 2.0, 4.0)
    xm, ym = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    return xm - xs / 2, xm + xs / 2, ym - ys / 2, ym + ys / 2


def chart_map(points: list[tuple[float, float, str, int]], path: Path) -> Path:
    """Incidents on a longitude/latitude map framed by country borders and coasts:
    colour by type, size by fatalities (with a size legend)."""
    plt = _plt()
    from matplotlib.collections import LineCollection

    fig, ax = plt.subplots(figsize=(7, 6), dpi=110)
    x0, x1, y0, y1 = _map_frame(points)
    lines = [
        arc
        for arc in _borders()
        if arc[:, 0].max() >= x0 - 5 and arc[:, 0].min() <= x1 + 5
        and arc[:, 1].max() >= y0 - 5 and arc[:, 1].min() <= y1 + 5
    ]
    ax.set_facecolor("#f4f7fa")
    ax.add_collection(LineCollection(lines, colors="#7a7a7a", linewidths=0.7, zorder=1))
    for typ in sorted({p[2] for p in points}):
        sel = [p for p in points if p[2] == typ]
        ax.scatter([p[1] for p in sel], [p[0] for p in sel], s=[_marker_size(p[3]) for p in sel],
                   c=TYPE_COLOURS.get(typ, "#333333"), alpha=0.7, edgecolors="white", linewidths=0.4,
                   label=typ, zorder=2)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((y0 + y1) / 2))))
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{abs(v):g}\u00b0{'E' if v >= 0 else 'W'}")
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{abs(v):g}\u00b0{'N' if v >= 0 else 'S'}")
    ax.tick_params(labelsize=7)
    ax.set_title("Incidents: colour by type, size by fatalities")
    if points:
        types = ax.legend(fontsize=7, loc="lower left", framealpha=0.85, title="type", title_fontsize=7)
        ax.add_artist(types)
        sizes = [ax.scatter([], [], s=_marker_size(n), c="#999999", alpha=0.7, edgecolors="white") for n in MAP_SIZES]
        ax.legend(sizes, [str(n) for n in MAP_SIZES], fontsize=7, loc="lower right", framealpha=0.85,
                  title="fatalities", title_fontsize=7, labelspacing=1.1, borderpad=0.8)
    return _save(plt, fig, path)


# --------------------------------------------------------------------------- text


def _md(v: Any) -> str:
    s = "" if v is None else str(v)
    s = html_lib.escape(s, quote=False).replace("|", "\\|")
    return " ".join(s.split())


def _fat(e: Incident) -> str:
    lo, best, hi = e.fatalities_low, e.fatalities, e.fatalities_high
    return str(best) if lo == hi else f"{best} ({lo}-{hi})"


def _surge_rows(d: BriefData) -> list[list[str]]:
    rows = []
    for by, surges in d.surges.items():
        for s in surges:
            rows.append(
                [
                    by,
                    s.key,
                    str(s.recent),
                    f"{s.baseline_mean * s.weeks:.1f}",
                    f"{s.ratio:.1f}",
                    f"{s.p_value:.2g}",
                    f"{s.q_value:.2g}",
                    s.change_week.isoformat() if s.change_week else "",
                ]
            )
    return rows


SURGE_HEAD = [
    "by",
    "series",
    "incidents (last weeks)",
    "expected from baseline",
    "ratio",
    "p",
    "q (BH)",
    "rise began week of",
]
DEADLY_HEAD = ["date", "place", "type", "actors", "fatalities best (low-high)", "sources", "id"]


def _deadly_rows(d: BriefData) -> list[list[str]]:
    return [
        [
            str(e.event_date),
            ", ".join(x for x in (e.location, e.admin1, e.country) if x),
            e.sub_event_type or e.event_type,
            " vs ".join(x for x in (e.actor1, e.actor2) if x),
            _fat(e),
            f"{e.n_sources}: {e.source}",
            str(e.id),
        ]
        for e in d.deadliest
    ]


def _test_note(d: BriefData) -> str:
    s = next((x for v in d.surges.values() for x in v), None)
    weeks, base = (s.weeks, s.baseline_weeks) if s else (4, 12)
    return (
        f"Surge test: incidents in the last {weeks} weeks against the {base} weeks before, conditional "
        "binomial test of two Poisson rates with a quasi-Poisson dispersion correction, one-sided; "
        "Benjamini-Hochberg q-values across all series tested; a surge has q <= alpha."
    )


def render_markdown(d: BriefData, images: dict[str, str]) -> str:
    def table(head: list[str], rows: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + [
            "| " + " | ".join(_md(c) for c in r) + " |" for r in rows
        ]

    lo_b_hi = d.fatalities
    out = [
        f"# Conflict brief: {d.since} to {d.until}",
        "",
        *([f"Only incidents with {_md(d.selection)}.", ""] if d.selection else []),
        (f"- **{d.n_incidents}** incidents from **{d.n_reports}** reports "
         f"({d.n_multi_source} incidents told by more than one source)"),
        f"- fatalities: **{lo_b_hi[0]}** (sources range {lo_b_hi[1]}-{lo_b_hi[2]})",
        "- by type: " + (", ".join(f"{_md(t)} {n}" for t, n in d.by_type) or "none"),
        "",
        "## Surges",
        "",
    ]
    rows = _surge_rows(d)
    out += table(SURGE_HEAD, rows) if rows else ["No series is significantly above its baseline."]
    out += ["", f"_{_test_note(d)}_", ""]
    if "surges" in images:
        out += [f"![Surging series]({images['surges']})", ""]
    out += ["## Deadliest incidents", ""]
    out += table(DEADLY_HEAD, _deadly_rows(d)) if d.deadliest else ["No fatalities reported in this period."]
    out += [
        "",
        "## Weekly trends",
        "",
        f"![Incidents per week by type]({images['weekly_types']})",
        "",
        f"![Incidents per week, top regions]({images['weekly_admin1']})",
        "",
        "## Map",
        "",
        f"![Map of incidents]({images['map']})",
        "",
    ]
    return "\n".join(out)


_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conflict brief {{ d.since }} to {{ d.until }}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}
th{background:#f3f3f3}img{max-width:100%}.note{color:#555;font-size:.85em}</style></head><body>
<h1>Conflict brief: {{ d.since }} to {{ d.until }}</h1>
{% if d.selection %}<p>Only incidents with {{ d.selection }}.</p>{% endif %}
<ul><li><b>{{ d.n_incidents }}</b> incidents from <b>{{ d.n_reports }}</b> reports
({{ d.n_multi_source }} told by more than one source)</li>
<li>fatalities: <b>{{ d.fatalities[0] }}</b> (sources range {{ d.fatalities[1] }}-{{ d.fatalities[2] }})</li>
<li>by type: {% for t, n in d.by_type %}{{ t }} {{ n }}{% if not loop.last %}, {% endif %}{% else %}none{% endfor %}</li></ul>
<h2>Surges</h2>
{% if surge_rows %}<table><tr>{% for h in surge_head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for r in surge_rows %}<tr>{% for c in r %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>
{% else %}<p>No series is significantly above its baseline.</p>{% endif %}
<p class="note">{{ note }}</p>
{% if images.surges %}<img src="{{ images.surges }}" alt="Surging series">{% endif %}
<h2>Deadliest incidents</h2>
{% if deadly_rows %}<table><tr>{% for h in deadly_head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for r in deadly_rows %}<tr>{% for c in r %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>
{% else %}<p>No fatalities reported in this period.</p>{% endif %}
<h2>Weekly trends</h2>
<img src="{{ images.weekly_types }}" alt="Incidents per week by type">
<img src="{{ images.weekly_admin1 }}" alt="Incidents per week, top regions">
<h2>Map</h2><img src="{{ images.map }}" alt="Map of incidents">
</body></html>
"""


def render_html(d: BriefData, images: dict[str, str]) -> str:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_HTML).render(
        d=d,
        images={"surges": None, **images},
        surge_rows=_surge_rows(d),
        surge_head=SURGE_HEAD,
        deadly_rows=_deadly_rows(d),
        deadly_head=DEADLY_HEAD,
        note=_test_note(d),
    )


def write_report(
    conn: sa.Connection,
    since: date,
    out_dir: str | Path,
    *,
    until: date | None = None,
    top: int = 10,
    alpha: float = 0.05,
    weeks: int = 4,
    baseline_weeks: int = 12,
    filters: dict[str, Any] | None = None,
) -> Brief:
    """Write brief.md, brief.html and the PNG charts into `out_dir` (created if needed),
    on the incidents matching `filters` (see `gather`)."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(
            f"cannot create the output folder: {e.strerror}",
            source=str(out),
            fix="pass a writable --out folder",
        ) from e
    d = gather(conn, since, until, top=top, alpha=alpha, weeks=weeks, baseline_weeks=baseline_weeks,
               filters=filters)
    imgs = {
        "weekly_types": chart_weekly_types(d.weekly["type"], out / "weekly_types.png"),
        "weekly_admin1": chart_weekly_lines(
            d.weekly["admin1"], out / "weekly_admin1.png", "Incidents per week, busiest regions"
        ),
        "map": chart_map(d.points, out / "map.png"),
    }
    all_surges = sorted((s for v in d.surges.values() for s in v), key=lambda s: s.q_value)
    if all_surges:
        imgs["surges"] = chart_surges(conn, all_surges, out / "surges.png")
    names = {k: p.name for k, p in imgs.items()}
    md, page = out / "brief.md", out / "brief.html"
    md.write_text(render_markdown(d, names), "utf-8")
    page.write_text(render_html(d, names), "utf-8")
    return Brief(
        markdown=md,
        html=page,
        images=list(imgs.values()),
        n_incidents=d.n_incidents,
        n_surges=len(all_surges),
    )


__all__ = ["Brief", "BriefData", "gather", "render_html", "render_markdown", "write_report"]
