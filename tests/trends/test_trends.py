"""Weekly series and surges: synthetic series with known change points are found,
flat series are flagged no more often than the stated false-positive rate."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
import sqlalchemy as sa

from marsad.errors import ConfigError
from marsad.store.schema import events
from marsad.trends import (
    benjamini_hochberg,
    change_point,
    detect_surges,
    surge_test,
    week_start,
    weekly_series,
)
from tests.trends.conftest import MONDAY, add_incidents

B, W = 12, 4


def _flat(rng, n_series: int, rate: float = 5.0, weeks: int = B + W) -> np.ndarray:
    return rng.poisson(rate, size=(n_series, weeks))


def test_flat_poisson_series_false_positive_rate():
    rng = np.random.default_rng(1)
    p = np.array([surge_test(s[:B], s[B:])[0] for s in _flat(rng, 4000)])
    assert (p <= 0.05).mean() <= 0.05          # the exact test is conservative
    assert (p <= 0.05).mean() >= 0.01          # ...but not blind
    assert (p <= 0.20).mean() <= 0.20


def test_overdispersed_flat_series_stay_near_the_rate():
    """Negative-binomial weeks (variance 3x the mean): the dispersion correction
    keeps false positives near alpha, where a plain Poisson test would not."""
    rng = np.random.default_rng(2)
    mean, var = 5.0, 15.0
    n = mean ** 2 / (var - mean)
    series = rng.negative_binomial(n, n / (n + mean), size=(3000, B + W))
    p = np.array([surge_test(s[:B], s[B:])[0] for s in series])
    assert (p <= 0.05).mean() <= 0.07
    from scipy.special import betainc  # plain binomial tail P(Bin(n, p0) >= k)
    k, n = series[:, B:].sum(axis=1), series.sum(axis=1)
    naive = np.where(k > 0, betainc(np.maximum(k, 1), n - k + 1, W / (W + B)), 1.0)
    assert (naive <= 0.05).mean() > 0.10       # why the correction is there


def test_bh_flags_a_flat_family_in_at_most_alpha_of_runs():
    rng = np.random.default_rng(3)
    runs_with_a_flag = 0
    for _ in range(200):
        fam = _flat(rng, 40, rate=rng.uniform(1, 10))
        p = [surge_test(s[:B], s[B:])[0] for s in fam]
        runs_with_a_flag += any(q <= 0.05 for q in benjamini_hochberg(p))
    assert runs_with_a_flag <= 0.05 * 200 + 6      # 10 expected at most, binomial slack


def test_known_change_points_are_found():
    rng = np.random.default_rng(4)
    found = located = 0
    for _ in range(200):
        s = np.concatenate([rng.poisson(3, B), rng.poisson(9, W)])
        p, ratio, _ = surge_test(s[:B], s[B:])
        found += p <= 0.05 and ratio > 2
        located += abs((change_point(list(s)) or -99) - B) <= 1
    assert found >= 190
    assert located >= 170


def test_change_point_of_flat_or_falling_series():
    assert change_point([5, 5, 5, 5, 5, 5]) is None
    assert change_point([9, 9, 9, 2, 2, 2]) is None
    assert change_point([1, 1, 1, 1, 6, 7, 6]) == 4


def test_benjamini_hochberg():
    assert benjamini_hochberg([]) == []
    q = benjamini_hochberg([0.001, 0.2, 0.01, 0.9])
    assert q == pytest.approx([0.004, 0.26666, 0.02, 0.9], abs=1e-4)


def _poisson_incidents(rng, admin1: str, rates: list[float], actor="ISIS") -> list[dict]:
    rows = []
    for wk, rate in enumerate(rates):
        for _ in range(rng.poisson(rate)):
            rows.append({"event_date": MONDAY + timedelta(weeks=wk, days=int(rng.integers(0, 7))),
                         "admin1": admin1, "actor1": actor})
    return rows


def test_detect_surges_in_the_database(any_engine):
    engine = any_engine
    rng = np.random.default_rng(5)
    rows = []
    for i in range(18):
        rows += _poisson_incidents(rng, f"Flat {i}", [4.0] * 16)
    rows += _poisson_incidents(rng, "Deir ez-Zor", [3.0] * 12 + [12.0] * 4)
    rows += _poisson_incidents(rng, "Homs", [2.0] * 12 + [8.0] * 4, actor="Military Forces of Syria")
    until = MONDAY + timedelta(weeks=15, days=6)
    with engine.begin() as conn:
        add_incidents(conn, rows)
        surges = detect_surges(conn, by="admin1", until=until)
        everything = detect_surges(conn, by="admin1", until=until, include_all=True)
        isis = detect_surges(conn, by="admin1", until=until, actor="ISIS")
    assert [s.key for s in surges] == ["Deir ez-Zor", "Homs"] or {s.key for s in surges} == {"Deir ez-Zor", "Homs"}
    dz = next(s for s in surges if s.key == "Deir ez-Zor")
    assert dz.ratio > 2.5 and dz.p_value < 1e-4 and dz.q_value < 0.05 and dz.recent > 30
    assert dz.since == MONDAY + timedelta(weeks=12) and dz.until == until
    assert dz.change_week is not None and abs((dz.change_week - dz.since).days) <= 7
    assert len(everything) == 20 and not any(s.significant for s in everything[2:])
    assert [s.key for s in isis] == ["Deir ez-Zor"]            # Homs's rise is another actor's
    assert dz.to_dict()["since"] == "2024-03-25"


def test_weekly_series_counts_incidents_not_reports(any_engine):
    engine = any_engine
    with engine.begin() as conn:
        (cid,) = add_incidents(conn, [{"event_date": date(2024, 1, 3), "actor2": "Syrian Democratic Forces"}])
        now = datetime.now(UTC)
        conn.execute(sa.insert(events), [
            {"event_uid": f"doc{i}:0", "canonical_id": cid, "event_type": "Battles", "sub_event_type": "Armed clash",
             "event_date": date(2024, 1, 3), "created_at": now} for i in range(3)])
        add_incidents(conn, [{"event_date": date(2024, 1, 17), "admin1": "Homs", "event_type": "Protests"},
                             {"event_date": date(2024, 1, 10), "time_precision": 3}])    # month: left out
        by_admin1 = weekly_series(conn, "admin1")
        by_actor = weekly_series(conn, "actor")
        by_type = weekly_series(conn, "type", weeks=2)
        isis_dz = weekly_series(conn, "admin1", actor="ISIS", admin1="Deir ez-Zor")
    assert by_admin1 == {
        "Deir ez-Zor": [(date(2024, 1, 1), 1), (date(2024, 1, 8), 0), (date(2024, 1, 15), 0)],
        "Homs": [(date(2024, 1, 1), 0), (date(2024, 1, 8), 0), (date(2024, 1, 15), 1)],
    }
    assert list(by_actor) == ["ISIS", "Syrian Democratic Forces"]
    assert [n for _, n in by_actor["ISIS"]] == [1, 0, 1]
    assert by_type == {"Protests": [(date(2024, 1, 8), 0), (date(2024, 1, 15), 1)]}   # only series seen
    assert [n for _, n in isis_dz["Deir ez-Zor"]] == [1, 0, 0]


def test_empty_database_and_bad_arguments(engine):
    with engine.begin() as conn:
        assert weekly_series(conn, "admin1") == {}
        assert detect_surges(conn) == []
        with pytest.raises(ConfigError, match="--by"):
            weekly_series(conn, "village")
        with pytest.raises(ConfigError, match="alpha"):
            detect_surges(conn, alpha=2)


def test_week_start_is_monday():
    assert week_start(date(2024, 1, 7)) == date(2024, 1, 1)
    assert week_start(date(2024, 1, 8)) == date(2024, 1, 8)
