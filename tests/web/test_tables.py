"""Terminal tables: nothing cut, the same columns in `demo` and `events`, weeks
labelled with their year, a 200-week trend that still fits a line."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.cli import main
from marsad.cli.analysis import trends_table
from marsad.cli.tables import EVENT_COLUMNS, events_table, week_label

LONG = {"id": 12, "event_date": date(2024, 5, 1), "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED", "actor1": "Military Forces of Syria (2000-)",
        "actor2": "Civilians (Syria)", "location": "Deir ez-Zor", "admin1": "Deir ez-Zor", "fatalities": 7,
        "fatalities_low": 7, "fatalities_high": 8, "n_sources": 2}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    out, err = capsys.readouterr()
    return done.value.code, out, err


@pytest.mark.parametrize("width", [170, 400])
def test_no_value_is_cut(width):
    text = events_table([LONG], width=width)
    row = text.splitlines()[2]
    for key in ("sub_event_type", "actor1", "actor2", "event_type", "location"):
        assert LONG[key] in row, (key, text)
    assert "7 (7-8)" in row and max(len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize("width", [60, 80, 100])
def test_narrow_terminals_wrap_rather_than_cut(width):
    text = events_table([LONG], width=width)
    assert "\u2026" not in text and max(len(line) for line in text.splitlines()) <= width
    assert "2024-05-01" in text and "7 (7-8)" in text          # dates and tolls never wrap


def test_terminal_escapes_and_newlines_stay_out():
    text = events_table([{**LONG, "location": "Hajin\n\x1b[31mred\x1b[0m"}], width=400)
    assert "\x1b" not in text and len(text.splitlines()) == 3


def test_demo_and_events_print_the_same_columns(capsys, sample_db):
    from marsad.cli.extract import _event_table
    from marsad.store import Store

    code, out, _ = run(capsys, "events", "--db", sample_db[0])
    with Store.open(sample_db[0], create=False) as store:
        demo = events_table(_event_table(store.engine))          # what `marsad demo` prints
    assert code == 0 and out.splitlines()[0] == demo.splitlines()[0]
    assert out.splitlines()[0].split() == [w for _, h, _ in EVENT_COLUMNS for w in h.split()]
    assert "Armed clash" in out and "Syrian Democratic Forces" in out      # sub-event type, whole actor


def test_week_labels_carry_the_year():
    assert week_label(date(2023, 1, 2)) == "2023-W01" and week_label(date(2024, 1, 1)) == "2024-W01"


def test_200_weeks_fit_a_line():
    start = date(2020, 1, 6)
    axis = [start + timedelta(weeks=i) for i in range(200)]
    series = {"Military Forces of Syria (2000-)": [(w, i % 5) for i, w in enumerate(axis)],
              "ISIS": [(w, 1 if i == 150 else 0) for i, w in enumerate(axis)]}
    text = trends_table("actor", series)
    lines = text.splitlines()
    assert max(len(line) for line in lines) < 160
    assert "Military Forces of Syria (2000-)" in text and "2022-W47" in text          # ISIS's one week
    assert lines[-1].startswith("weeks 2020-W02 to 2023-W44")


def test_few_weeks_one_column_each(capsys, sample_db):
    code, out, _ = run(capsys, "trends", "--db", sample_db[0], "--weeks", "3", "--by", "type", "--no-surges")
    assert code == 0 and "2024-W17" in out.splitlines()[0] and "2024-W19" in out.splitlines()[0]
