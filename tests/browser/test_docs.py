"""/docs: the API's documentation from the vendored Swagger UI, with every request
to anything but the marsad server blocked (the network cut)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_docs_render_with_the_network_cut(browser, live):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []

    def only_local(route):
        if route.request.url.startswith(str(live["url"])):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")
    ctx.route("**/*", only_local)
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(str(live["url"]) + "/docs")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("marsad")
    ops = page.locator(".swagger-ui .opblock-summary-path")
    expect(ops.first).to_be_visible()
    paths = {p.strip().replace("\u200b", "") for p in ops.all_inner_texts()}
    assert {"/api/events", "/api/geojson", "/api/counts"} <= paths
    page.locator(".opblock-summary-path", has_text="/api/geojson").first.click()    # open one operation
    expect(page.locator(".swagger-ui .parameters-container").first).to_contain_text("country")
    assert blocked == [] and errors == []
    ctx.close()
