"""Text marsad cannot code is said so: an Arabic file in Windows-1256 without a charset
is decoded right (detected, or --encoding), stored with its language and no events, and
the summary counts the articles stored but not coded; English ones are coded as before."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select

from marsad.cli import cli
from marsad.store.schema import documents

pytestmark = pytest.mark.slow

# written for this test
ARABIC = ("قصفت طائرات مسيّرة قرية قرب إدلب صباح الاثنين، ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين، "
          "بحسب مصادر محلية.")
FRENCH = ("Des hommes armés ont attaqué un poste de gendarmerie près de Djibo dimanche, tuant quatre "
          "gendarmes, selon des sources sécuritaires locales.")
ENGLISH = "Gunmen attacked a gendarmerie post near Djibo on Sunday, killing four gendarmes, officials said."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def stored(db: str) -> dict[str, tuple[str, str, int]]:
    eng = create_engine(db)
    with eng.connect() as conn:
        rows = conn.execute(select(documents.c.doc_id, documents.c.text, documents.c.language,
                                   documents.c.n_events)).all()
    eng.dispose()
    return {r.doc_id: (r.text, r.language, r.n_events) for r in rows}


@pytest.mark.parametrize("flag", [[], ["--encoding", "windows-1256"]])
def test_arabic_in_windows_1256_is_decoded_stored_and_not_coded(tmp_path, flag):
    path = tmp_path / "idlib.txt"
    path.write_bytes(("Published: 2024-03-04\n\n" + ARABIC).encode("cp1256"))
    db = f"sqlite:///{tmp_path / 'a.db'}"
    r = run("ingest", str(path), "--db", db, *flag)
    assert r.exit_code == 0, r.stderr
    ((text, language, n_events),) = stored(db).values()
    assert text == ARABIC and language == "ar" and n_events == 0
    assert "1 of the new stored but not coded: not English (marsad codes English only)" in r.stderr


def test_non_english_utf8_is_counted_and_english_is_coded(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps({"doc_id": d, "published": "2024-03-04", "text": t}, ensure_ascii=False) + "\n"
                            for d, t in (("fr", FRENCH), ("ar", ARABIC), ("en", ENGLISH))), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    r = run("ingest", str(path), "--db", db)
    assert r.exit_code == 0, r.stderr
    docs = stored(db)
    assert docs["fr"][1:] == ("fr", 0) and docs["ar"][1:] == ("ar", 0)
    assert docs["en"][1] == "en" and docs["en"][2] >= 1
    assert "2 of the new stored but not coded: not English" in r.stderr
    out = tmp_path / "e.csv"
    r = run("extract", "-i", str(path), "-o", str(out))
    assert "2 article(s) not coded: not English" in r.stderr


def test_wrong_or_unknown_encoding_is_one_clear_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(("Published: 2024-03-04\n\n" + ENGLISH).encode("utf-16"))
    r = run("ingest", str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--encoding", "no-such-codec")
    assert r.exit_code == 2 and "unknown encoding 'no-such-codec'" in r.stderr
    r = run("ingest", str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--encoding", "ascii")
    assert r.exit_code == 1 and "not valid ascii" in r.stderr and "Traceback" not in r.stderr
