"""Weekly series of incidents and surge detection.

Counts are of *canonical events* (incidents), never of reports, so an attack
told by three outlets counts once.  Weeks start on Monday.  Events coded with
month precision (time_precision 3) cannot be put in a week and are left out.

Surge test (:func:`surge_test`), for each series (an actor, an admin1 or an
event type): the recent window (``weeks``, default 4) is compared with the
baseline window just before it (``baseline_weeks``, default 12).  If the weekly
rate did not change, then given the total N of both windows the recent count
X follows Binomial(N, w / (w + b)) - the exact conditional test of two Poisson
rates.  Conflict counts are overdispersed (a bad week brings more bad weeks),
so counts are first divided by the baseline's dispersion phi = max(1,
variance / mean of the baseline weeks) - a quasi-Poisson correction - and the
one-sided p-value is P(Binomial(N/phi, p0) >= X/phi) through the regularised
incomplete beta function.  Benjamini-Hochberg then controls the false discovery
rate across all series tested (those with at least one event in either window):
a series is a surge when its q-value is at most ``alpha`` (default 0.05).
For flat Poisson series this flags any series in at most ``alpha`` of the runs.
The recent window ends with the week of ``until``; if that week is not over,
its missing days count as quiet ones, which can only hide a surge, not invent one.

    >>> p, ratio, phi = surge_test([2, 3, 2, 3, 2, 3, 2, 3], [9, 8, 10, 9])
    >>> p < 0.001, round(ratio, 1), phi
    (True, 3.6, 1.0)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from scipy.special import betainc

from marsad.errors import ConfigError
from marsad.store.filters import EventFilter, conditions
from marsad.store.schema import canonical_events

BY_CHOICES = ("actor", "admin1", "type")


@dataclass(slots=True)
class Surge:
    """One series tested for a surge (see the module docstring for the test)."""

    key: str  # the actor, admin1 or event type
    recent: int  # incidents in the recent window
    baseline_mean: float  # incidents per week in the baseline window
    ratio: float  # recent weekly rate / baseline weekly rate (a baseline of 0 counts as 0.5 event)
    p_value: float
    q_value: float  # Benjamini-Hochberg across the series tested
    significant: bool
    by: str = "admin1"
    baseline: int = 0  # incidents in the baseline window
    weeks: int = 4
    baseline_weeks: int = 12
    dispersion: float = 1.0  # phi used to widen the test for overdispersed series
    since: date | None = None  # first day of the recent window
    until: date | None = None  # last day of the recent window
    change_week: date | None = None  # most likely start of the rise (Poisson change point), if it rose

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("since", "until", "change_week"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def week_start(d: date) -> date:
    """The Monday of the week of `d`."""
    return d - timedelta(days=d.weekday())


def _check_by(by: str) -> None:
    if by not in BY_CHOICES:
        raise ConfigError(f"cannot group by {by!r}", source="--by", fix=f"use one of {', '.join(BY_CHOICES)}")


def _filters(conn: sa.Connection, country: Any = (), actor: Any = (), admin1: Any = (),
             event_type: Any = ()) -> list[Any]:
    """Dated incidents matching the filter language of marsad.store.filters
    (names or ISO codes, actor aliases, several values = any of them)."""
    c = canonical_events.c
    f = EventFilter(country=country, actor=actor, admin1=admin1, event_type=event_type)
    return [c.time_precision <= 2, c.event_date.is_not(None), *conditions(conn, f)]


def latest_date(conn: sa.Connection) -> date | None:
    """The date of the latest dated incident in the database (the default end of a
    series, whatever the filters: a quiet actor's series runs on with zeros)."""
    c = canonical_events.c
    return conn.execute(
        sa.select(sa.func.max(c.event_date)).where(*_filters(conn))
    ).scalar_one()


def weekly_series(
    conn: sa.Connection,
    by: str,
    weeks: int | None = None,
    until: date | None = None,
    *,
    country: Any = (),
    actor: Any = (),
    admin1: Any = (),
    event_type: Any = (),
) -> dict[str, list[tuple[date, int]]]:
    """Incidents per week for each actor, admin1 or event type.

    Every series has the same weeks (Mondays), zeros included: the `weeks` weeks
    ending with the week of `until` (default: the latest incident's date in the database), or all
    weeks from the first incident when `weeks` is None.  An incident counts once
    for each of its actors (actor1 and actor2).  Series are ordered by total, largest
    first.  Filters (country, actor, admin1, event_type) narrow the incidents counted:
    `by="admin1", actor="ISIS"` answers "where is ISIS more active?".
    """
    _check_by(by)
    filters = {"country": country, "actor": actor, "admin1": admin1, "event_type": event_type}
    c = canonical_events.c
    until = until or latest_date(conn)
    if until is None:
        return {}
    last = week_start(until)
    conds = _filters(conn, **filters) + [c.event_date <= until]
    if weeks is not None:
        if weeks < 1:
            raise ConfigError("weeks must be at least 1", source="--weeks", fix="e.g. --weeks 12")
        first = last - timedelta(weeks=weeks - 1)
        conds.append(c.event_date >= first)
    cols = {"actor": [c.actor1, c.actor2], "admin1": [c.admin1], "type": [c.event_type]}[by]
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    earliest = None
    for row in conn.execute(sa.select(c.event_date, *cols).where(*conds)):
        wk = week_start(row[0])
        earliest = wk if earliest is None or wk < earliest else earliest
        for key in {k for k in row[1:] if k}:
            counts[key][wk] += 1
    if weeks is None:
        if earliest is None:
            return {}
        first = earliest
    axis = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    series = {k: [(w, v.get(w, 0)) for w in axis] for k, v in counts.items()}
    return dict(sorted(series.items(), key=lambda kv: (-sum(n for _, n in kv[1]), kv[0])))


def surge_test(baseline: Sequence[int], recent: Sequence[int]) -> tuple[float, float, float]:
    """(one-sided p-value, rate ratio, dispersion) of the recent weeks against the baseline."""
    b, w = len(baseline), len(recent)
    y, x = sum(baseline), sum(recent)
    mean = y / b if b else 0.0
    phi = 1.0
    if b >= 2 and mean > 0:
        var = sum((v - mean) ** 2 for v in baseline) / (b - 1)
        phi = max(1.0, var / mean)
    ratio = (x / w) / (mean if mean > 0 else 0.5 / b)
    if x == 0:
        return 1.0, ratio, phi
    n, k, p0 = (x + y) / phi, x / phi, w / (w + b)
    p = float(betainc(k, n - k + 1, p0)) if n - k + 1 > 0 else 1.0
    return min(1.0, max(0.0, p)), ratio, phi


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg q-values, in the order of `p_values` (scipy's
    false_discovery_control).

    >>> [round(q, 3) for q in benjamini_hochberg([0.01, 0.04, 0.03, 0.5])]
    [0.04, 0.053, 0.053, 0.5]
    >>> benjamini_hochberg([])
    []
    """
    if not p_values:
        return []
    from scipy.stats import false_discovery_control

    return [float(q) for q in false_discovery_control(list(p_values), method="bh")]


def change_point(counts: Sequence[int], min_segment: int = 2) -> int | None:
    """Index of the most likely start of a rise in a series of weekly counts:
    the split maximising the Poisson likelihood of two constant rates, if the
    second rate is higher; None for a series too short or without a rise."""
    n = len(counts)
    if n < 2 * min_segment:
        return None

    def ll(seg: Sequence[int]) -> float:
        s = sum(seg)
        return 0.0 if s == 0 else s * math.log(s / len(seg)) - s

    best, best_t = ll(counts), None
    for t in range(min_segment, n - min_segment + 1):
        left, right = counts[:t], counts[t:]
        if sum(right) / len(right) <= sum(left) / len(left):
            continue
        v = ll(left) + ll(right)
        if v > best + 1e-9:
            best, best_t = v, t
    return best_t


def detect_surges(
    conn: sa.Connection,
    by: str = "admin1",
    weeks: int = 4,
    baseline_weeks: int = 12,
    until: date | None = None,
    alpha: float = 0.05,
    *,
    include_all: bool = False,
    country: Any = (),
    actor: Any = (),
    admin1: Any = (),
    event_type: Any = (),
) -> list[Surge]:
    """Series whose last `weeks` weeks are significantly above the `baseline_weeks` before.

    Returns the significant surges, strongest first (all series tested with
    `include_all`, surges first).  `until` defaults to the latest incident's date.
    The test, its dispersion correction and Benjamini-Hochberg are described in
    the module docstring.
    """
    if weeks < 1 or baseline_weeks < 2:
        raise ConfigError(
            "need weeks >= 1 and baseline_weeks >= 2",
            source="--weeks/--baseline-weeks",
            fix="e.g. --weeks 4 --baseline-weeks 12",
        )
    if not 0 < alpha < 1:
        raise ConfigError(
            f"alpha must be between 0 and 1, not {alpha}", source="--alpha", fix="e.g. --alpha 0.05"
        )
    filters = {"country": country, "actor": actor, "admin1": admin1, "event_type": event_type}
    until = until or latest_date(conn)
    if until is None:
        return []
    series = weekly_series(conn, by, weeks + baseline_weeks, until, **filters)
    rows = []
    for key, pts in series.items():
        counts = [n for _, n in pts]
        base, rec = counts[:baseline_weeks], counts[baseline_weeks:]
        if sum(base) + sum(rec) == 0:
            continue
        p, ratio, phi = surge_test(base, rec)
        cp = change_point(counts)
        rows.append(
            Surge(
                key=key,
                recent=sum(rec),
                baseline_mean=sum(base) / baseline_weeks,
                ratio=ratio,
                p_value=p,
                q_value=1.0,
                significant=False,
                by=by,
                baseline=sum(base),
                weeks=weeks,
                baseline_weeks=baseline_weeks,
                dispersion=phi,
                since=pts[baseline_weeks][0],
                until=until,
                change_week=pts[cp][0] if cp is not None else None,
            )
        )
    for s, q in zip(rows, benjamini_hochberg([s.p_value for s in rows])):
        s.q_value = q
        s.significant = q <= alpha and s.ratio > 1
    rows.sort(key=lambda s: (not s.significant, s.q_value, -s.ratio, s.key))
    return rows if include_all else [s for s in rows if s.significant]
