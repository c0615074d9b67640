"""Server-rendered pages: the event page, the light page, the dashboard shell."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from marsad.config import Options
from tests.web.sample import HOSTILE

HTML = {"Accept": "text/html"}
ESCAPED_SCRIPT = "&lt;script&gt;window.__pwned = 1&lt;/script&gt;"


def _no_live_markup(page: str) -> None:
    """The hostile markup appears only escaped."""
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page and "onerror=\"window" not in page
    assert 'href="javascript:' not in page


def test_event_page_highlights_evidence_in_the_article(client, ids):
    r = client.get(f"/events/{ids['hajin']}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    marks = re.findall(r'<mark class="evidence"[^>]*>(.*?)</mark>', page, re.DOTALL)
    assert marks == [("Gunmen of the Islamic State attacked a checkpoint of the Syrian Democratic Forces near "
                      "Hajin on Monday, killing four fighters."),
                     "An SDF checkpoint outside Hajin came under attack by Islamic State cells late on Monday."]
    assert "Local sources said the attackers fled" in page                      # the rest of the article
    assert 'href="https://example.net/news/hajin-checkpoint"' in page          # every source
    assert "Valley Post" in page and "Euphrates Monitor" in page
    assert "1 &ndash; exact day" in page                                        # time precision
    assert "2 &ndash; near the place, or part of a region" not in page          # canonical is precise
    assert "geo precision 2: near the place, or part of a region" in page       # the second report is not
    assert "same actors" in page                                                # why they were merged
    assert "sources say 4 to 5" in page


def test_event_page_keeps_hostile_text_inert(client, ids):
    r = client.get(f"/events/{ids['hostile']}")
    page = r.text
    _no_live_markup(page)
    assert ESCAPED_SCRIPT in page
    assert re.search(r'<mark class="evidence" id="evidence-\d+">Masked men raided a farm near Busayrah on '
                     r'Tuesday &lt;script&gt;', page)
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_missing_event_page_is_html_404(client):
    r = client.get("/events/424242", headers=HTML)
    assert r.status_code == 404 and "no event 424242" in r.text and r.headers["content-type"].startswith("text/html")


def test_light_page_is_small_scriptless_and_complete(client, ids):
    r = client.get("/light")
    page = r.text
    assert r.status_code == 200 and len(r.content) < 50_000
    assert "<script" not in page.lower() and '<link rel="stylesheet"' not in page.lower()
    assert "script-src 'none'" in r.headers["content-security-policy"]
    assert "4 events match" in page
    assert f'href="/events/{ids["hajin"]}"' in page
    assert "By week" in page and "2024-05-06" in page and "Deir ez-Zor" in page
    _no_live_markup(page)
    assert "&lt;script&gt;" in page


def test_light_page_filters_without_javascript(client):
    page = client.get("/light", params={"country": "Iraq"}).text
    assert "1 event match" in page and "Kirkuk" in page and "Sarmin" not in page
    assert 'value="Iraq"' in page


def test_light_page_stays_under_50kb_with_long_names(tmp_path: Path):
    from marsad.store import Store
    from marsad.store.schema import canonical_events
    from marsad.web.app import create_app

    url = f"sqlite:///{tmp_path / 'long.db'}"
    store = Store.open(url)
    now = datetime.now(UTC)
    long = "Brigade of the Very Long Name " * 10
    with store.begin() as conn:
        conn.execute(insert(canonical_events), [{
            "event_date": date(2024, 1, 1 + i % 28), "event_type": f"Battles {i % 12}", "sub_event_type": "x",
            "actor1": long[:290] + str(i), "actor2": long[:280] + str(i), "location": long[:290],
            "admin1": long[:190] + str(i), "notes": "n" * 2000, "fatalities": i, "updated_at": now}
            for i in range(300)])
    store.close()
    with TestClient(create_app(url, Options(db=url))) as c:
        r = c.get("/light")
    assert r.status_code == 200 and len(r.content) < 50_000
    assert "300 events match" in r.text and "older &rarr;" in r.text


def test_dashboard_shell(client):
    r = client.get("/")
    page = r.text
    assert r.status_code == 200
    for src in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
                "/static/vendor/topojson-client/topojson-client.min.js", "/static/boot.js", "/static/app.js"):
        assert f'src="{src}"' in page
        assert client.get(src).status_code == 200
    assert client.get("/static/vendor/world-atlas/countries-110m.json").json()["type"] == "Topology"
    assert '"tileUrl": null' in page
    assert ".innerHTML" not in client.get("/static/app.js").text
    assert ".innerHTML" not in client.get("/static/boot.js").text
    # boot.js is not deferred: it starts the first view's requests before the map libraries run
    assert page.index('src="/static/boot.js"></script>') < page.index('src="/static/vendor/leaflet/leaflet.js" defer')


def test_tile_url_setting_reaches_the_map(sample_db):
    from marsad.web.app import create_app

    url = sample_db[0]
    with TestClient(create_app(url, Options(db=url, tile_url="https://tiles.example.org/{z}/{x}/{y}.png"))) as c:
        r = c.get("/")
    assert '"tileUrl": "https://tiles.example.org/{z}/{x}/{y}.png"' in r.text
    assert "https:" in r.headers["content-security-policy"].split("img-src")[1].split(";")[0]


def test_hostile_tile_url_cannot_break_out_of_the_config(sample_db):
    from marsad.web.app import create_app

    url = sample_db[0]
    with TestClient(create_app(url, Options(db=url, tile_url="</script><script>alert(1)</script>"))) as c:
        page = c.get("/").text
    assert "</script><script>alert(1)" not in page and HOSTILE not in page


def test_surges_are_shown_when_trends_finds_them(tmp_path: Path):
    from marsad.store import Store
    from marsad.store.schema import canonical_events
    from marsad.web.app import create_app

    url = f"sqlite:///{tmp_path / 'surge.db'}"
    store = Store.open(url)
    now, last = datetime.now(UTC), date(2024, 6, 30)
    rows = []
    for week in range(16):                                   # 12 quiet weeks, then 4 busy ones
        day = last - timedelta(days=7 * (15 - week))
        for place, n in (("Quiet Province", 2), ("Hot Province", 1 if week < 12 else 9)):
            rows += [{"event_date": day - timedelta(days=i % 6), "event_type": "Battles", "sub_event_type": "x",
                      "country": "Syria", "admin1": place, "updated_at": now} for i in range(n)]
    with store.begin() as conn:
        conn.execute(insert(canonical_events), rows)
    store.close()
    with TestClient(create_app(url, Options(db=url))) as c:
        surges = c.get("/api/surges").json()
        page = c.get("/light").text
    assert surges["available"] is True
    assert [s["key"] for s in surges["items"] if s["significant"]] == ["Hot Province"]
    assert "Surges" in page and "Hot Province: 36 events in the last 4 weeks, 9.0 a week against 1.0 before" in page
