"""What an analyst sees: cluster colours apart from the type legend, a dated
timeline axis, a hint on an empty database, the country filter zooming to its
borders, and /light with unwrapped dates and a link per event."""
from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TYPE_COLOURS = {"rgb(214, 39, 40)", "rgb(255, 127, 14)", "rgb(123, 50, 148)", "rgb(31, 119, 180)",
                "rgb(44, 160, 44)", "rgb(140, 140, 140)"}


def _loaded(page, n_rows: int | None = None) -> None:
    page.wait_for_selector("body[data-loaded]", state="attached")
    if n_rows is not None:
        expect(page.locator("#events-table tbody tr[data-id]")).to_have_count(n_rows)


def _view(page) -> tuple[int, float, float]:
    zoom, lat, lon = page.locator("#map").get_attribute("data-view").split(",")
    return int(zoom), float(lat), float(lon)


def test_clusters_are_not_coloured_like_event_types(page, live, shot):
    page.goto(live["url"] + "/")
    _loaded(page, 4)
    for _ in range(4):                                  # zoom out until nearby events cluster
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_timeout(300)
    cluster = page.locator(".marker-cluster div").first
    cluster.wait_for()
    inner = cluster.evaluate("n => getComputedStyle(n).backgroundColor")
    outer = cluster.evaluate("n => getComputedStyle(n.parentNode).backgroundColor")
    # slate, far from every type's colour (markercluster's own green/yellow/orange read as types)
    assert (inner, outer) == ("rgba(34, 49, 63, 0.85)", "rgba(34, 49, 63, 0.25)")
    slate = (34, 49, 63)
    for colour in TYPE_COLOURS:
        rgb = tuple(int(x) for x in re.findall(r"\d+", colour))
        assert sum((a - b) ** 2 for a, b in zip(rgb, slate)) ** 0.5 > 100, colour
    assert "close together" in page.locator("#legend").inner_text()
    shot(page, "dashboard-clusters")
    assert page.errors == [] and page.outside == []


def test_timeline_labels_name_month_and_year_without_overlap(page, live, shot):
    page.goto(live["url"] + "/")
    _loaded(page, 4)
    labels = page.locator("#timeline text.tick-label")
    assert labels.count() >= 2
    texts = [labels.nth(i).text_content() for i in range(labels.count())]
    assert all(re.fullmatch(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|\d{4}", t) for t in texts), texts
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    for a, b in itertools.pairwise(boxes):
        assert a["x"] + a["width"] <= b["x"], (texts, boxes)
    assert min(b["height"] for b in boxes) >= 10                # legible at the panel's size
    scale = page.locator("#timeline text.scale-label").bounding_box()
    bars_top = min(page.locator("#timeline rect.week-bar").nth(i).bounding_box()["y"]
                   for i in range(page.locator("#timeline rect.week-bar").count()))
    assert scale["y"] + scale["height"] <= bars_top + 1         # "n / week" above the bars, not on them
    shot(page, "dashboard")


def test_empty_database_says_how_to_fill_it(page, live_empty, shot):
    page.goto(live_empty + "/")
    _loaded(page, 0)
    hint = page.locator("#empty-hint")
    expect(hint).to_contain_text("marsad ingest")
    shot(page, "dashboard-empty")
    page.goto(live_empty + "/?country=Syria")                   # a filtered view that is empty is no hint
    _loaded(page, 0)
    expect(page.locator("#empty-hint")).to_have_count(0)
    assert page.errors == []


def test_country_filter_zooms_to_its_borders(page, live, shot):
    page.goto(live["url"] + "/")
    _loaded(page, 4)
    page.select_option("select[name=country]", "Iraq")
    _loaded(page, 1)
    page.wait_for_function("() => document.querySelector('#map').dataset.view")
    expect(page.locator("#map")).to_have_attribute("data-view", re.compile(r"^[5-8],3[0-7]\.\d+,4[0-7]\.\d+$"))
    zoom, lat, lon = _view(page)
    assert 5 <= zoom <= 8 and 29 <= lat <= 37.5 and 38.8 <= lon <= 48.6   # Iraq fills the map
    assert page.locator("#map svg path").count() > 150                   # its borders drawn
    shot(page, "dashboard-iraq")


def test_light_dates_do_not_wrap_and_each_event_links(browser, live, shot):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 420, "height": 900})
    pg = ctx.new_page()
    pg.goto(live["url"] + "/light")
    rows = pg.locator("table").first.locator("tr:has(td.d)")
    assert rows.count() == 4
    for i in range(rows.count()):
        row = rows.nth(i)
        date_cell = row.locator("td.d")
        assert date_cell.evaluate("n => getComputedStyle(n).whiteSpace") == "nowrap"
        lines = date_cell.evaluate("n => { const r = document.createRange(); r.selectNodeContents(n); "
                                   "return r.getClientRects().length; }")
        assert lines == 1                                              # one line on a phone
        href = row.locator("a[href^='/events/']").get_attribute("href")
        assert re.fullmatch(r"/events/\d+", href)
    shot(pg, "light-phone")
    ctx.close()
