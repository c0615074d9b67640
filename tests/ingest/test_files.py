"""Readers for .txt, .html and .jsonl files, and bad inputs of every kind."""

from __future__ import annotations

import json
from datetime import date

import pytest

from marsad.config import Options
from marsad.errors import InputError, NoDateError
from marsad.ingest import read_html, read_jsonl, read_sources
from marsad.ingest.decode import decode_bytes
from marsad.ingest.meta import file_doc_id, parse_date, url_doc_id
from marsad.ingest.text import split_header
from marsad.records import Article

from .conftest import DATA

BODY = (
    "Two civilians were killed on Thursday when a shell hit their house in the village of "
    "Kafr Nubl, in the southern countryside of Idlib, the civil defence said."
)


def read_all(sources, **kw):
    return list(read_sources([str(s) for s in sources], Options(), **kw))


def only(items):
    assert len(items) == 1, items
    return items[0]


# -- .txt -------------------------------------------------------------------


def test_txt_header_convention():
    a = only(read_all([DATA / "raqqa_header.txt"]))
    assert isinstance(a, Article)
    assert a.title == "Car bomb wounds five in Raqqa market"
    assert a.published == date(2024, 4, 2)
    assert a.outlet == "Northeast Observer"
    assert a.url == "https://northeast-observer.example/2024/04/02/raqqa-car-bomb"
    assert a.text.startswith("A car bomb exploded on Tuesday morning")
    assert "Author:" not in a.text and "Title:" not in a.text
    assert a.doc_id == url_doc_id(a.url)
    assert a.origin == str(DATA / "raqqa_header.txt")


def test_txt_header_id_is_the_doc_id(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text(f"ID: idlib-2024-001\nPublished: 2024-06-06\n\n{BODY}\n")
    assert only(read_all([p])).doc_id == "idlib-2024-001"


def test_txt_without_header_first_line_is_title_and_chrome_is_gone():
    a = only(read_all([DATA / "hasakah_chrome.txt"], published=date(2024, 4, 9)))
    assert a.title == "Clashes erupt near Tal Tamr as drones strike villages"
    for chrome in (
        "close button",
        "Switch to",
        "trouble loading",
        "min read",
        "Share this article",
        "cookies",
        "Photo Blog",
        "Spring in Qamishli",
        "\nImages",
        "\ncomments",
    ):
        assert chrome not in a.text
    assert "Readers who want to share details of the operation can contact the newsroom." in a.text
    assert "Comments posted on local pages said families had started leaving" in a.text
    assert a.text.count("A displaced family near Tal Tamr") == 1


def test_header_block_needs_a_known_key():
    assert split_header("Beirut: clashes erupted overnight.\n\nMore text.").fields == {}
    assert split_header("Author: X\nTags: y\n\nBody").fields == {}
    h = split_header("title: T\nDATE: 2024-01-02\n\nBody")
    assert h.fields == {"title": "T", "published": "2024-01-02"} and h.body == "Body"


def test_txt_bad_published_header(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text(f"Title: X\nPublished: last week\n\n{BODY}\n")
    e = only(read_all([p]))
    assert isinstance(e, InputError) and "Published: last week" in str(e) and "YYYY-MM-DD" in str(e)


def test_file_doc_id_is_stable_and_follows_the_text(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "Report 7.txt").write_text(BODY)
    ids = [x.doc_id for x in read_all([tmp_path], allow_undated=True)]
    assert ids[0] == ids[1] and ids[0].startswith("report-7-")
    (tmp_path / "b" / "Report 7.txt").write_text(BODY + " Two more were wounded.")
    ids2 = [x.doc_id for x in read_all([tmp_path], allow_undated=True)]
    assert ids2[0] == ids[0] and ids2[1] != ids[1]


# -- bad bytes ----------------------------------------------------------------


def test_cp1252_text_is_decoded(tmp_path):
    p = tmp_path / "cp.txt"
    p.write_bytes(
        f"Published: 2024-02-14\n\nShelling hit Kansafra – “three wounded”. {BODY}".encode("cp1252")
    )
    a = only(read_all([p]))
    assert "Kansafra – “three wounded”" in a.text


def test_latin1_and_utf16_and_bom():
    assert decode_bytes("Ḥalab ok".encode("utf-8-sig"), "x") == "Ḥalab ok"
    assert decode_bytes("Raqqa: café".encode("utf-16"), "x") == "Raqqa: café"
    assert decode_bytes(b"Deir ez-Zor caf\xe9, 30\xb0C", "x") == "Deir ez-Zor café, 30°C"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (b"%PDF-1.7\n" + bytes(300), "binary"),
        (b"abc\x00\x01\x02def" * 20, "binary"),
        (b"text with a control \x07 char \x81", "not valid"),
    ],
)
def test_bad_bytes_are_one_clear_error(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    e = only(read_all([p]))
    assert isinstance(e, InputError) and message in str(e) and str(p) in str(e)


def test_only_chrome_is_no_article(tmp_path):
    p = tmp_path / "chrome.txt"
    p.write_text("close button\nShare this article\ncomments\n")
    e = only(read_all([p]))
    assert isinstance(e, InputError) and "no article text" in str(e)


def test_file_above_the_size_limit_is_refused_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:  # a sparse 50 MB file: nothing is written, nothing must be read
        f.truncate(50_000_000)
    e = only(list(read_sources([str(p)], Options())))
    assert isinstance(e, InputError)
    assert "50.0 MB, above the 20.0 MB limit" in str(e) and "--max-mb" in str(e)


def test_missing_path_and_unknown_folder(tmp_path):
    e = only(read_all([tmp_path / "nope.txt"]))
    assert str(e) == f"{tmp_path / 'nope.txt'}: no such file or folder - check the path"
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n")
    e = only(read_all([tmp_path / "empty"]))
    assert isinstance(e, InputError) and "no .txt, .html or .jsonl files" in str(e)


def test_unknown_extension_is_sniffed(tmp_path):
    p = tmp_path / "article"
    p.write_text(f"Published: 2024-06-06\n\n{BODY}")
    assert only(read_all([p])).published == date(2024, 6, 6)
    q = tmp_path / "page.dat"
    q.write_bytes(b"\x00\x01binary" * 10)
    assert "binary" in str(only(read_all([q])))


# -- dates --------------------------------------------------------------------


def test_no_date_anywhere_is_a_no_date_error():
    e = only(read_all([DATA / "undated.txt"]))
    assert isinstance(e, NoDateError)
    assert str(e) == (
        f"{DATA / 'undated.txt'}: no publication date found - "
        "pass --published YYYY-MM-DD or add a `published` field"
    )


def test_published_option_and_allow_undated():
    a = only(read_all([DATA / "undated.txt"], published=date(2024, 5, 1)))
    assert a.published == date(2024, 5, 1)
    a = only(read_all([DATA / "undated.txt"], allow_undated=True))
    assert isinstance(a, Article) and a.published is None


def test_own_date_wins_over_published_option():
    a = only(read_all([DATA / "raqqa_header.txt"], published=date(2030, 1, 1)))
    assert a.published == date(2024, 4, 2)


def test_dateline_in_the_text(tmp_path):
    p = tmp_path / "dl.txt"
    p.write_text(f"Idlib clashes\n\nMay 21, 2020\n\n{BODY}")
    assert only(read_all([p])).published == date(2020, 5, 21)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-11", date(2024, 3, 11)),
        ("2024-03-11T23:40:00+03:00", date(2024, 3, 11)),
        ("2024/03/11", date(2024, 3, 11)),
        ("11 March 2024", date(2024, 3, 11)),
        ("March 11, 2024", date(2024, 3, 11)),
        ("Mon, 11 Mar 2024 18:20:00 +0300", date(2024, 3, 11)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_refuses_junk():
    with pytest.raises(ValueError):
        parse_date("yesterday")


# -- .html --------------------------------------------------------------------


def test_html_page_main_text_and_metadata():
    a = only(read_all([DATA / "checkpoint.html"]))
    assert a.published == date(2024, 3, 11)
    assert a.outlet == "Euphrates Monitor"
    assert a.title == "Two soldiers killed in attack on checkpoint near Mayadin"
    assert a.url == "https://euphrates-monitor.example/news/checkpoint-mayadin"
    assert "Two government soldiers were killed and three others wounded" in a.text
    assert "detaining four young men for questioning" in a.text
    for chrome in (
        "cookies",
        "Subscribe",
        "Related articles",
        "Drone strike reported",
        "May God have mercy",
        "Leave a comment",
        "All rights reserved",
        "Share this article",
        "min read",
        "Tags",
    ):
        assert chrome not in a.text, chrome
    assert "\n\n" in a.text  # paragraphs kept apart


def test_html_without_an_article():
    e = only(read_all([DATA / "index.html"]))
    assert isinstance(e, InputError) and "no article text found in the page" in str(e)


def test_read_html_from_a_string():
    html = (DATA / "kirkuk.html").read_text()
    a = read_html(html, url="https://tigris-wire.example/news/kirkuk-arrests")
    assert a.url == "https://tigris-wire.example/news/kirkuk-arrests"
    assert a.published is None  # no date in the markup: the body's "Saturday" is not a publication date
    assert "Fuel prices" not in a.text and "This website uses cookies" not in a.text
    with pytest.raises(InputError, match="empty page"):
        read_html("   ")


def test_garbage_html_is_an_input_error(tmp_path):
    p = tmp_path / "junk.html"
    p.write_text("<<<>>> <html><body></body>")
    e = only(read_all([p]))
    assert isinstance(e, InputError)


# -- .jsonl -------------------------------------------------------------------


def test_jsonl_good_lines_and_bad_lines():
    items = list(read_jsonl(DATA / "batch.jsonl"))
    ok = [x for x in items if isinstance(x, Article)]
    bad = [str(x) for x in items if isinstance(x, InputError)]
    assert [a.doc_id for a in ok][:2] == ["batch-1", "batch-3"]
    assert "Read more" not in ok[0].text and "planted the device" in ok[0].text
    assert ok[1].outlet == "Iraq Desk" and ok[1].published == date(2024, 1, 22)  # fields win over the page
    assert "Two government soldiers were killed" in ok[1].text
    assert ok[2].doc_id.startswith("batch-") and ok[2].published == date(2024, 1, 24)
    src = str(DATA / "batch.jsonl")
    assert bad[0].startswith(f"{src}:2: malformed JSON")
    assert bad[1] == f"{src}:4: field 'published' is not a date: 'not a date' - write it as YYYY-MM-DD"
    assert bad[2].startswith(f"{src}:5: no 'text' or 'html' field")
    assert bad[3].startswith(f"{src}:7: expected a JSON object, got list")
    assert len(items) == 7


def test_jsonl_wrong_field_types_and_long_lines(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text(
        json.dumps({"doc_id": 7, "text": BODY, "published": "2024-01-01"})
        + "\n"
        + json.dumps({"text": ["a"], "published": "2024-01-01"})
        + "\n"
        + json.dumps({"text": "x" * 500, "published": "2024-01-01"})
        + "\n"
    )
    items = list(read_jsonl(p, max_bytes=300))
    assert isinstance(items[0], Article) and items[0].doc_id == "7"
    assert "field 'text' must be a string" in str(items[1])
    assert f"{p}:3: line is longer than" in str(items[2])


def test_jsonl_binary_or_missing(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary" in str(only(read_all([p])))
    assert "no such file" in str(only(read_all([tmp_path / "none.jsonl"])))


def test_jsonl_cp1252_line(tmp_path):
    p = tmp_path / "c.jsonl"
    line = json.dumps({"published": "2024-01-01", "text": f"Shelling – {BODY}"}, ensure_ascii=False)
    p.write_bytes((line + "\n").encode("cp1252"))
    assert only(list(read_jsonl(p))).text.startswith("Shelling – Two civilians")


# -- folders --------------------------------------------------------------------


def test_folder_is_read_recursively_and_the_batch_goes_on():
    items = read_all([DATA])
    ok = [x for x in items if isinstance(x, Article)]
    bad = [x for x in items if isinstance(x, InputError)]
    origins = {x.origin.split(":")[0] for x in ok}
    assert str(DATA / "checkpoint.html") in origins and str(DATA / "raqqa_header.txt") in origins
    assert str(DATA / "feed.rss") not in origins  # feeds are read only when named
    assert len(ok) == 6 and len(bad) == 7  # 4 JSONL lines, index.html, 2 undated
    assert any(isinstance(x, NoDateError) for x in bad)


def test_same_input_gives_same_ids():
    first = [x.doc_id for x in read_all([DATA]) if isinstance(x, Article)]
    assert first == [x.doc_id for x in read_all([DATA]) if isinstance(x, Article)]
    assert len(set(first)) == len(first)
    assert file_doc_id("/x/My File.txt", "ab" * 32) == "my-file-abababababab"


def test_html_declaring_an_arabic_charset(tmp_path):
    p = tmp_path / "ar.html"
    body = "قتل شخصان في قصف على بلدة سراقب في ريف إدلب، وفق ما أفاد الدفاع المدني. " * 3
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        f'<meta property="article:published_time" content="2024-03-01"></head>'
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>"
    )
    p.write_bytes(page.encode("cp1256"))
    a = only(read_all([p]))
    assert "قصف على بلدة سراقب" in a.text


def test_stray_control_character_is_tolerated():
    text = decode_bytes(
        ("Two were killed in Hama\x0b on Monday. " + "Activists said so. " * 60).encode(), "x"
    )
    assert "\x0b" not in text and text.startswith("Two were killed in Hama  on Monday")
    with pytest.raises(InputError, match="binary"):
        decode_bytes(("Two were killed in Hama\x0b on Monday. " * 60).encode(), "x")


def test_stdin(monkeypatch):
    import io
    import sys

    data = f"Published: 2024-06-06\n\n{BODY}".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    a = only(list(read_sources(["-"], Options())))
    assert a.published == date(2024, 6, 6) and a.origin == "<stdin>"


def test_page_with_too_much_markup_is_refused_quickly(tmp_path):
    import time

    p = tmp_path / "huge.html"
    row = "<div><p>" + "word " * 50 + "</p></div>\n"
    p.write_text(
        "<html><head><script>"
        + "var x = 1;" * 100_000
        + "</script></head><body>"
        + row * 20_000
        + "</body></html>"
    )
    t0 = time.monotonic()
    e = only(read_all([p]))
    assert isinstance(e, InputError) and "too much for one article" in str(e)
    assert time.monotonic() - t0 < 2


def test_jsonl_field_aliases(tmp_path):
    p = tmp_path / "scraped.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": 42,
                "body": BODY,
                "date": "2024-06-01T08:00:00Z",
                "link": "https://x.example/a",
                "source": {"name": "not a string: ignored"},
                "headline": "Shell kills two",
            }
        )
        + "\n"
    )
    a = only(list(read_jsonl(p)))
    assert (a.doc_id, a.published, a.url, a.title) == (
        "42",
        date(2024, 6, 1),
        "https://x.example/a",
        "Shell kills two",
    )
    assert a.outlet is None and a.text == BODY


def test_jsonl_on_stdin(monkeypatch):
    import io
    import sys

    lines = json.dumps({"doc_id": "s1", "published": "2024-01-01", "text": BODY}) + "\n{bad\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    ok, bad = list(read_sources(["-"], Options()))
    assert ok.doc_id == "s1" and str(bad).startswith("<stdin>:2: malformed JSON")
