"""Pages and feeds over HTTP, against a real server on 127.0.0.1."""

from __future__ import annotations

import time
from datetime import date

import pytest

from marsad.config import Options
from marsad.errors import FetchError, InputError
from marsad.ingest import fetch, read_feed, read_sources
from marsad.ingest.feeds import feed_articles
from marsad.records import Article

from .conftest import DATA

FAST = Options(fetch_timeout=10)  # generous: the machine may be busy
SHORT = Options(fetch_timeout=0.5)  # for the time-out tests


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_fetch_page(site):
    got = fetch(site.url("/news/checkpoint-mayadin"), FAST)
    assert got.status == 200 and got.content_type == "text/html" and got.charset == "utf-8"
    assert b"Mayadin" in got.body and not got.is_feed


def test_url_of_a_page_is_an_article(site):
    url = site.url("/news/checkpoint-mayadin")
    a = only(list(read_sources([url], FAST)))
    assert isinstance(a, Article)
    assert a.url == url and a.origin == url
    assert a.published == date(2024, 3, 11) and a.outlet == "Euphrates Monitor"
    assert "Two government soldiers were killed" in a.text and "cookies" not in a.text


def test_redirect_is_followed(site):
    a = only(list(read_sources([site.url("/moved")], FAST)))
    assert isinstance(a, Article) and "Mayadin" in a.text and a.url == site.url("/moved")


def test_plain_text_url_uses_the_header_convention(site):
    a = only(list(read_sources([site.url("/plain")], FAST)))
    assert a.published == date(2024, 4, 2) and a.outlet == "Northeast Observer"


@pytest.mark.parametrize(
    "path, message, fix",
    [
        ("/missing", "HTTP 404 Not Found", "check the URL"),
        ("/gone", "HTTP 410 Gone", "check the URL"),
        ("/broken", "HTTP 500 Internal Server Error", "try again later"),
        ("/image.png", "unsupported content type image/png", "article page or an RSS/Atom feed"),
        ("/loop", "more than 5 redirects", "give the address it ends on"),
    ],
)
def test_http_failures_are_one_line(site, path, message, fix):
    e = only(list(read_sources([site.url(path)], FAST)))
    assert isinstance(e, FetchError)
    assert str(e).startswith(f"{site.url(path)}: {message}") and fix in str(e)


def test_a_server_that_hangs_times_out(site):
    t0 = time.monotonic()
    e = only(list(read_sources([site.url("/slow")], SHORT)))
    assert isinstance(e, FetchError) and "no answer within 0.5 s" in str(e)
    assert time.monotonic() - t0 < 2.5


def test_a_server_that_trickles_hits_the_overall_deadline(site):
    t0 = time.monotonic()
    e = only(list(read_sources([site.url("/trickle")], SHORT)))
    assert isinstance(e, FetchError) and "within 0.5 s" in str(e)
    assert time.monotonic() - t0 < 2.5


def test_huge_body_is_cut_off(site):
    e = only(list(read_sources([site.url("/huge")], Options(fetch_timeout=5, max_bytes=100_000))))
    assert isinstance(e, FetchError) and "response is larger than the 0.1 MB limit" in str(e)


def test_content_length_above_the_cap_is_refused_before_download(site):
    e = only(list(read_sources([site.url("/news/checkpoint-mayadin")], Options(max_bytes=1000))))
    assert isinstance(e, FetchError) and "above the" in str(e)


def test_unreachable_host(closed_port_url):
    e = only(list(read_sources([closed_port_url], FAST)))
    assert isinstance(e, FetchError)
    assert str(e).startswith(f"{closed_port_url}: cannot connect") and "check the address" in str(e)


def test_page_without_article(site):
    e = only(list(read_sources([site.url("/index")], FAST)))
    assert isinstance(e, InputError) and "no article text found" in str(e)


def test_a_bad_url_does_not_stop_the_batch(site, closed_port_url):
    items = list(
        read_sources([site.url("/missing"), closed_port_url, site.url("/news/checkpoint-mayadin")], FAST)
    )
    assert [type(x).__name__ for x in items] == ["FetchError", "RetryableFetchError", "Article"]


# -- feeds ----------------------------------------------------------------------


def test_read_feed_items(site):
    feed = read_feed(site.url("/feed.rss"), FAST)
    assert feed.title == "Euphrates Monitor - Syria"
    assert [i.key for i in feed.items] == ["em-2024-0311-01", "em-2024-0311-02", "em-2024-0311-03"]
    assert feed.items[0].published == date(2024, 3, 11) and feed.items[0].content_html
    assert feed.items[1].content_html is None and feed.items[1].summary_html


def test_rss_feed_url_gives_articles(site):
    before = site.hits.get("/news/sukhnah-shepherds", 0)
    items = list(read_sources([site.url("/feed.rss")], FAST))
    full, fetched, gone = items
    # item with full content: used as is, the link is not fetched
    assert isinstance(full, Article) and site.hits.get("/news/sukhnah-shepherds", 0) == before
    assert full.text.startswith("Two shepherds were shot dead on Monday afternoon")
    assert "Share this article" not in full.text
    assert full.published == date(2024, 3, 11) and full.outlet == "Euphrates Monitor - Syria"
    assert full.title == "Gunmen kill two shepherds near Al-Sukhnah"
    assert full.url == site.url("/news/sukhnah-shepherds")
    # item with only a summary: the page is fetched; its own date and site name win
    assert isinstance(fetched, Article) and "Two government soldiers were killed" in fetched.text
    assert fetched.published == date(2024, 3, 11) and fetched.outlet == "Euphrates Monitor"
    # item whose page is gone: one error naming the page, the rest went on
    assert isinstance(gone, FetchError) and str(gone).startswith(site.url("/missing") + ": HTTP 404")


def test_feed_served_as_generic_xml_is_recognised(site):
    items = list(read_sources([site.url("/feed-as-xml")], FAST))
    assert len(items) == 3 and isinstance(items[0], Article)


def test_atom_feed_and_feed_title_as_outlet(site):
    rocket, arrests = list(read_sources([site.url("/atom.xml")], FAST))
    assert rocket.published == date(2024, 2, 4) and rocket.outlet == "Tigris Wire"
    assert "launched from an area near the town of Makhmour" in rocket.text
    # summary only -> page fetched; the page has no date and no site name: the item's are used
    assert arrests.published == date(2024, 2, 5) and arrests.outlet == "Tigris Wire"
    assert "arrested three men suspected of planting the bomb" in arrests.text
    assert "Most read" not in arrests.text


def test_same_page_same_doc_id_from_feed_or_url(site):
    via_feed = list(read_sources([site.url("/feed.rss")], FAST))[1]
    direct = only(list(read_sources([site.url("/news/checkpoint-mayadin")], FAST)))
    assert via_feed.doc_id == direct.doc_id


def test_feed_file_named_explicitly(tmp_path, site):
    p = tmp_path / "feed.atom"
    p.write_text((DATA / "feed.atom").read_text().replace("{base}", site.base))
    items = list(read_sources([str(p)], FAST))
    assert len(items) == 2 and all(isinstance(x, Article) for x in items)


def test_not_a_feed(tmp_path):
    p = tmp_path / "x.rss"
    p.write_text("<rss><channel><title>broken")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(str(p))


def test_feed_articles_keeps_going_after_a_bad_item(site):
    feed = read_feed(site.url("/feed.rss"), FAST)
    kinds = [type(x).__name__ for x in feed_articles(feed, FAST)]
    assert kinds == ["Article", "Article", "FetchError"]


def test_feed_detection_by_first_tag(site):
    from marsad.ingest.fetch import Fetched

    def f(ctype: str, body: bytes) -> bool:
        return Fetched("u", "u", 200, ctype, None, body).is_feed

    assert f("application/rss+xml", b"")
    assert f("text/html", b'<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">')
    assert f("text/xml", b"\n<feed xmlns='http://www.w3.org/2005/Atom'>")
    assert not f("text/html", b"<!DOCTYPE html><html><body><p>Our <rss> feed</p>")
    assert not f("application/xml", b"<?xml version='1.0'?><sitemap/>")


def test_which_fetch_failures_are_worth_retrying(site, closed_port_url):
    from marsad.ingest.fetch import RetryableFetchError

    def err(url):
        return only(list(read_sources([url], SHORT if url.endswith("/slow") else FAST)))

    assert isinstance(err(site.url("/broken")), RetryableFetchError)
    assert isinstance(err(site.url("/slow")), RetryableFetchError)
    assert isinstance(err(closed_port_url), RetryableFetchError)
    assert not isinstance(err(site.url("/missing")), RetryableFetchError)
    assert not isinstance(err(site.url("/image.png")), RetryableFetchError)


def test_feed_items_without_links(tmp_path):
    p = tmp_path / "nolinks.rss"
    body = (
        "<p>Security forces said on Tuesday they had dismantled a cell that planned attacks in Mosul, "
        "arresting five men and seizing explosive belts.</p>"
    )
    p.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Nineveh Brief</title>"
        f"<item><guid>n1</guid><pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        f"<item><guid>n2</guid><pubDate>Wed, 08 May 2024 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[{body.replace('Tuesday', 'Wednesday')}]]></description></item>"
        "<item><guid>n3</guid><title>Only a title</title></item>"
        "</channel></rss>"
    )
    full, summary, empty = list(read_sources([str(p)], FAST))
    assert full.text.startswith("Security forces said on Tuesday") and full.outlet == "Nineveh Brief"
    assert full.doc_id.startswith("feed-") and full.url is None
    assert summary.text.startswith("Security forces said on Wednesday") and summary.published == date(
        2024, 5, 8
    )
    assert full.doc_id != summary.doc_id
    assert isinstance(empty, InputError) and "no content, summary or link" in str(empty)


def test_relative_links_and_bare_guids(site):
    from marsad.ingest.feeds import parse_feed

    xml = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example/news/</link>'
        "<item><guid>abc-1</guid><description>x</description></item>"
        "<item><link>/news/item-2</link><description>y</description></item></channel></rss>"
    )
    feed = parse_feed(xml.encode(), "https://t.example/rss")
    assert [i.link for i in feed.items] == [None, "https://t.example/news/item-2"]
    assert [i.key for i in feed.items] == ["abc-1", "https://t.example/news/item-2"]
