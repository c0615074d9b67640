"""Terminal tables (rich): cells wrap instead of being cut, so a sub-event type
or an actor's name is always whole; piped output gets no wrapping at all.
`marsad demo` and `marsad events` print the same columns (`events_table`)."""
from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

# (key in a canonical-event row, header, justify)
EVENT_COLUMNS = (("id", "id", "right"), ("event_date", "date", "left"), ("event_type", "type", "left"),
                 ("sub_event_type", "sub-event type", "left"), ("actor1", "actor 1", "left"),
                 ("actor2", "actor 2", "left"), ("location", "location", "left"), ("admin1", "admin1", "left"),
                 ("fatalities", "dead", "right"), ("n_sources", "src", "right"))
NO_WRAP = {"id", "date", "dead", "src"}
PIPE_WIDTH = 400          # wide enough that piped tables never wrap


def _width() -> int:
    return shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else PIPE_WIDTH


def render(table: Table, width: int | None = None) -> str:
    """`table` as plain text (no colour codes), `width` columns wide at most."""
    buf = io.StringIO()
    Console(file=buf, width=width or _width(), color_system=None, highlight=False,
            emoji=False, markup=False).print(table)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines())


def new_table(headers: Iterable[tuple[str, str]]) -> Table:
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True, padding=(0, 1))
    for name, justify in headers:
        t.add_column(name, justify=justify, overflow="fold", no_wrap=name in NO_WRAP)  # type: ignore[arg-type]
    return t


def _text(value: Any) -> str:
    """One line of printable text: article text brings no newlines or terminal escapes."""
    if value is None:
        return ""
    return " ".join("".join(ch for ch in str(value) if ch.isprintable() or ch.isspace()).split())


def dead(row: dict[str, Any]) -> str:
    """Fatalities, with the range the sources give when they differ: "7 (7-8)"."""
    best, low, high = row.get("fatalities"), row.get("fatalities_low"), row.get("fatalities_high")
    if low is not None and high is not None and low != high:
        return f"{best} ({low}-{high})"
    return _text(best)


def events_table(rows: Sequence[dict[str, Any]], width: int | None = None) -> str:
    """Canonical events, one per row.

    >>> print(events_table([{"id": 1, "event_date": date(2024, 5, 1), "event_type": "Battles",
    ...                      "sub_event_type": "Armed clash", "actor1": "A", "actor2": "B", "location": "X",
    ...                      "admin1": "Y", "fatalities": 7, "fatalities_low": 7, "fatalities_high": 8,
    ...                      "n_sources": 2}], width=200).splitlines()[2])
     1  2024-05-01  Battles  Armed clash     A        B        X         Y       7 (7-8)    2
    """
    t = new_table((head, justify) for _, head, justify in EVENT_COLUMNS)
    for r in rows:
        t.add_row(*(dead(r) if key == "fatalities" else _text(r.get(key)) for key, _, _ in EVENT_COLUMNS))
    return render(t, width)


def week_label(monday: date) -> str:
    """A week by its ISO year and number: weeks of two years never look alike.

    >>> week_label(date(2024, 12, 30)), week_label(date(2024, 3, 4))
    ('2025-W01', '2024-W10')
    """
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"
