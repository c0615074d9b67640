"""The dashboard, event page and light page in Debian's Chromium."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _loaded(page, n_rows: int | None = None) -> None:
    # locator assertions, not wait_for_function: the page's CSP forbids eval
    page.wait_for_selector("body[data-loaded]", state="attached")
    if n_rows is not None:
        expect(page.locator("#events-table tbody tr[data-id]")).to_have_count(n_rows)


def _pwned(page) -> object:
    return page.evaluate("window.__pwned === undefined ? null : window.__pwned")


def test_dashboard_loads_offline_with_map_timeline_and_table(page, live):
    api_calls: list[str] = []
    page.on("request", lambda r: api_calls.append(r.url.split("/api/", 1)[1]) if "/api/" in r.url else None)
    page.goto(live["url"] + "/")
    _loaded(page, 4)
    expect(page.locator("#filters select[name=country] option")).not_to_have_count(1)   # facets came after
    # boot.js asked for the first view; app.js took its answers over instead of asking again
    assert sorted(c.split("?")[0] for c in api_calls) == [
        "counts", "counts", "counts", "events", "facets", "geojson", "surges"]
    expect(page.locator("#map path.leaflet-interactive.ev-marker")).to_have_count(4)
    page.wait_for_selector("body[data-borders]", state="attached")
    assert page.locator("#map svg path").count() > 150            # country borders, drawn from world-atlas
    assert page.locator("#timeline rect.week-bar").count() == 4   # one bar per (week, type)
    assert page.locator("#top-actors li").count() >= 3
    assert "4 geocoded events" in page.locator("#map-note").inner_text()
    assert page.errors == [] and page.outside == []               # no script error, nothing fetched outside
    assert _pwned(page) is None


def test_filter_by_actor_updates_table_map_and_url(page, live):
    page.goto(live["url"] + "/")
    _loaded(page, 4)
    page.fill("input[name=actor]", "Islamic State")
    page.click("#filters button[type=submit]")
    _loaded(page, 1)
    assert re.search(r"[?&]actor=Islamic\+State", page.url)
    row = page.locator("#events-table tbody tr[data-id]")
    assert "Islamic State" in row.inner_text() and "Hajin" in row.inner_text()
    expect(page.locator("#map path.ev-marker")).to_have_count(1)
    # the filters live in the URL: reloading it gives the same view
    page.reload()
    _loaded(page, 1)
    assert page.input_value("input[name=actor]") == "Islamic State"


def test_clicking_a_week_of_the_timeline_narrows_the_dates(page, live):
    page.goto(live["url"] + "/")
    _loaded(page, 4)
    page.locator("#timeline rect.week-bar").first.click()          # the Kirkuk protest's week
    _loaded(page, 1)
    assert "since=2024-02-26" in page.url and "until=2024-03-03" in page.url
    assert "Kirkuk" in page.locator("#events-table tbody").inner_text()
    page.go_back()                                                  # the back button restores the view
    _loaded(page, 4)


def test_open_event_from_the_map_shows_its_evidence(page, live):
    hajin = live["ids"]["hajin"]
    page.goto(live["url"] + "/?country=Syria")
    _loaded(page, 3)
    page.locator(f"#map path.ev-{hajin}").click()
    link = page.locator(".leaflet-popup-content a.open-event")
    link.wait_for()
    assert "Islamic State" in page.locator(".leaflet-popup-content").inner_text()
    link.click()
    page.wait_for_url(f"**/events/{hajin}")
    marks = page.locator("mark.evidence")
    assert marks.count() == 2
    assert marks.first.inner_text().startswith("Gunmen of the Islamic State attacked a checkpoint")
    facts = page.locator("#facts").inner_text()
    assert "exact day" in facts and "the place itself" in facts
    assert page.locator("section.report").count() == 2 and "Valley Post" in page.content()


def test_hostile_article_is_inert_everywhere(page, live):
    hostile = live["ids"]["hostile"]
    page.goto(live["url"] + "/?q=Busayrah")
    _loaded(page, 1)
    row = page.locator("#events-table tbody tr[data-id]").inner_text()
    assert "onerror" in row                                       # shown as text...
    assert page.locator("#events-table img").count() == 0         # ...never as markup
    page.locator(f"#map path.ev-{hostile}").click()
    page.locator(".leaflet-popup-content a.open-event").wait_for()
    assert page.locator(".leaflet-popup-content img").count() == 0
    page.locator(".leaflet-popup-content a.open-event").click()
    page.wait_for_url(f"**/events/{hostile}")
    assert "<script>window.__pwned = 1</script>" in page.locator("mark.evidence").inner_text()
    assert page.locator("main img, main script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.goto(live["url"] + "/light")
    assert page.locator("img, script").count() == 0
    assert "onerror" in page.locator("body").inner_text()
    page.goto(live["url"] + f"/api/events/{hostile}")
    assert page.locator("img, script").count() == 0
    assert page.errors == [] and _pwned(page) is None


def test_light_page_without_javascript(browser, live):
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    sizes = []
    pg.on("response", lambda r: sizes.append(len(r.body())))
    pg.goto(live["url"] + "/light")
    pg.fill("input[name=country]", "Iraq")
    pg.click("button[type=submit]")
    pg.wait_for_url("**/light?*country=Iraq*")
    assert "1 event match" in pg.inner_text("body") and "Kirkuk" in pg.inner_text("body")
    assert len(sizes) == 2 and max(sizes) < 50_000              # one request per view, no assets
    ctx.close()
