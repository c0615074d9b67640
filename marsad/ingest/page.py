"""HTML pages (.html, fetched pages, feed content) to articles.

trafilatura finds the main text (no navigation, comments, footer, related
links) and the metadata: title, site name, canonical URL and publication
date.  The date comes from the page's markup and URL only (htmldate without
its extensive search), so a date mentioned in the body ("in March 2019") is
never taken for the publication date.
"""

from __future__ import annotations

import logging
import re

from marsad.errors import InputError
from marsad.ingest.clean import has_prose, strip_chrome
from marsad.ingest.meta import parse_date
from marsad.records import Article

log = logging.getLogger(__name__)

# Markup left after scripts and styles are dropped, above which a page is not one
# article (trafilatura needs ~4 s per MB of such markup on a small machine).
MAX_MARKUP_CHARS = 4_000_000
_SCRIPTS = re.compile(
    r"<(script|style|noscript|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
# lxml (libxml2) stops reading at 255 nested elements, so a page nested deeper yields no
# text; such a page has its wrappers dropped first, then, if still too deep, every tag
# but those that carry structure or metadata.
MAX_DEPTH = 250
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])
_WRAPPERS = re.compile(r"</?(div|span|section|article|main|aside|font|center|table|tbody|thead|tr|td|th|"
                       r"ul|ol|li|dl|dt|dd|form|nav|header|footer|figure|b|i|em|strong|u|small|big)\b[^>]*>",
                       re.IGNORECASE)
_KEEP = re.compile(r"</?(?!(?:html|head|body|title|meta|p|br|h[1-6])\b)[a-zA-Z][\w:-]*\b[^>]*>", re.IGNORECASE)
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
_BLOCKS = re.compile(
    r"</?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|header|footer|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)


def read_html(html: str, url: str | None = None, *, source: str | None = None) -> Article:
    """The article in a full HTML page; InputError if the page holds none.

    doc_id is left empty (the caller derives it); `published` is None when the
    page's markup carries no date.
    """
    import trafilatura  # heavy import (lxml, htmldate, courlan): only when HTML is read

    source = source or url or "<html>"
    if not html.strip():
        raise InputError("empty page", source, fix="check the file or URL")
    if len(html) > MAX_MARKUP_CHARS:
        html = _SCRIPTS.sub(" ", html)
        if len(html) > MAX_MARKUP_CHARS:
            raise InputError(
                f"page has {len(html) / 1e6:.1f} million characters of markup, too much for one article",
                source,
                fix="save the article alone (or its text) and ingest that",
            )
    html = _shallow(html, source)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError) as e:  # lxml/trafilatura on malformed markup
        log.debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(
            f"cannot parse the HTML ({type(e).__name__})", source, fix="check that this is an HTML page"
        ) from None
    text = strip_chrome(getattr(doc, "text", None) or "") if doc is not None else ""
    # one paragraph per line from trafilatura; a blank line between them as in .txt files
    text = re.sub(r"\n+", "\n\n", text)
    if not has_prose(text):
        raise InputError(
            "no article text found in the page",
            source,
            fix="check that the page is an article (not an index, login or error page)",
        )
    published = None
    try:
        published = parse_date(getattr(doc, "date", None))
    except ValueError:
        log.debug("unreadable page date %r in %s", getattr(doc, "date", None), source)
    return Article(
        doc_id="",
        text=text,
        published=published,
        url=getattr(doc, "url", None) or url,
        outlet=getattr(doc, "sitename", None) or None,
        title=getattr(doc, "title", None) or None,
        origin=source,
    )


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements (void elements and self-closing tags not counted).

    >>> nesting_depth("<html><body><div><p>a<br>b</p></div></body></html>")
    4
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclosing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _shallow(html: str, source: str) -> str:
    """The page with its nesting under lxml's limit (see MAX_DEPTH)."""
    if nesting_depth(html) <= MAX_DEPTH:
        return html
    log.info("%s is nested deeper than %d elements; reading it without its wrappers", source, MAX_DEPTH)
    html = _WRAPPERS.sub("\n", html)
    if nesting_depth(html) > MAX_DEPTH:
        html = _KEEP.sub("\n", html)
    return html


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content), block elements as paragraphs.

    >>> html_fragment_text("<p>Two killed.</p><p>Four <b>wounded</b>.</p>")
    'Two killed.\\n\\nFour wounded.'
    """
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        return strip_chrome(fragment)
    marked = _BLOCKS.sub("\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):  # junk markup: no text
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    text = root.text_content()
    text = "\n".join(re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in text.split("\n"))
    return strip_chrome(re.sub(r"\n{3,}", "\n\n", text))
