from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marsad.errors import InputError
from marsad.store import Store
from marsad.store.importer import import_acled_csv, import_file
from marsad.store.schema import canonical_events, documents, events
from tests.export.data import ACLED_HEADER, acled_line


def write(tmp_path: Path, lines: list[str], name: str = "acled.csv", **kw: str) -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", **({"encoding": "utf-8"} | kw))
    return p


def reports(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(events).order_by(events.c.id)).mappings()]


def test_rows_become_reports_with_their_own_incident(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, [ACLED_HEADER,
                            acled_line("SYR1", "2023-07-01"),
                            acled_line("SYR2", "17 May 2020", notes="Two lines,\nwith a comma."),
                            acled_line("IRQ3", "03-June-2021", country="Iraq", iso="368", lat="", lon="")])
    res = import_acled_csv(store, path)
    assert (res.added, res.existing, res.errors) == (3, 0, [])
    rows = reports(store)
    assert [r["event_uid"] for r in rows] == ["acled:SYR1", "acled:SYR2", "acled:IRQ3"]
    assert {r["origin"] for r in rows} == {"acled-import"} and {r["document_id"] for r in rows} == {None}
    assert [r["event_date"] for r in rows] == [date(2023, 7, 1), date(2020, 5, 17), date(2021, 6, 3)]
    assert rows[1]["notes"] == "Two lines,\nwith a comma."
    assert (rows[0]["country_code"], rows[2]["country_code"]) == ("SY", "IQ")
    assert (rows[0]["latitude"], rows[2]["latitude"]) == (36.2, None)
    assert (rows[0]["actor1"], rows[0]["actor2"], rows[0]["fatalities"]) == (
        "Military Forces of Russia (2000-)", "Civilians (Syria)", 2)
    assert rows[0]["admin2"] == "Jebel Saman" and rows[0]["source"] == "Local Source"
    with store.engine.connect() as conn:
        canon = conn.execute(select(canonical_events).order_by(canonical_events.c.id)).mappings().all()
        assert len(canon) == 3 and [c["id"] for c in canon] == [r["canonical_id"] for r in rows]
        assert canon[1]["n_sources"] == 1 and canon[1]["date_low"] == date(2020, 5, 17)
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 0


def test_reimport_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, [ACLED_HEADER] + [acled_line(f"SYR{i}", "2023-07-01") for i in range(1200)])
    first = import_acled_csv(store, path)
    assert (first.added, first.existing) == (1200, 0)
    again = import_acled_csv(store, path)
    assert (again.added, again.existing, again.errors) == (0, 1200, [])
    assert len(reports(store)) == 1200


def test_bad_rows_are_reported_with_line_numbers_and_skipped(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, [
        ACLED_HEADER,
        acled_line("SYR1", "2023-07-01", notes="spans\ntwo lines"),      # lines 2-3
        acled_line("SYR2", "the day after"),                              # line 4
        acled_line("SYR3", "2023-07-01", fatalities="a few"),            # line 5
        acled_line("SYR4", "2023-07-01", lat="95"),                       # line 6
        acled_line("SYR5", "2023-07-01", lon=""),                         # line 7
        acled_line("", "2023-07-01"),                                     # line 8
        acled_line("SYR1", "2023-07-01"),                                 # line 9: repeated id
        acled_line("SYR6", "2023-07-01", fatalities="4.0"),              # line 10: fine
        acled_line("SYR7", "2023-07-01", fatalities="-1"),               # line 11
    ])
    res = import_acled_csv(store, path)
    assert res.added == 2 and res.existing == 1
    assert [line for line, _ in res.errors] == [4, 5, 6, 7, 8, 11]
    msgs = dict(res.errors)
    assert "the day after" in msgs[4] and "a few" in msgs[5] and "latitude 95" in msgs[6]
    assert "both" in msgs[7] and "event_id_cnty is empty" in msgs[8] and "-1" in msgs[11]
    assert [r["event_uid"] for r in reports(store)] == ["acled:SYR1", "acled:SYR6"]


def test_excel_bom_semicolons_and_minimal_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("event_id_cnty;event_date;event_type;sub_event_type;country\n"
                    "SYR10;2022-01-05;Battles;Armed clash;Syria\n", encoding="utf-8-sig")
    res = import_file(store, path)
    assert (res.added, res.errors) == (1, [])
    r = reports(store)[0]
    assert (r["event_uid"], r["time_precision"], r["fatalities"], r["iso"]) == ("acled:SYR10", 1, 0, None)


def test_unusable_files_raise(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no column event_id_cnty"):
        import_acled_csv(store, write(tmp_path, ["id,date,what", "1,2020-01-01,x"]))
    with pytest.raises(InputError, match="cannot read"):
        import_file(store, tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes((ACLED_HEADER + "\n" + acled_line("SYR1", "2023-07-01", notes="caf\xe9")).encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        import_acled_csv(store, latin)
