"""Raw-text elements left open inside <noscript> are closed before the parse."""

from __future__ import annotations

import crawlextract
from crawlextract._base.deadline import NO_DEADLINE
from crawlextract._html.decode import Decoded
from crawlextract._html.noscript import close_raw_text, needs_closing
from crawlextract._html.page_text import PageText

ARTICLE = "<p>" + "The page goes on with a long paragraph, read by every reader. " * 4 + "</p>"
TAG_MANAGER = (
    '<noscript><iframe src="https://example.org/ns.html" height="0" width="0" /></noscript>'
)


def test_self_closed_iframe_in_noscript_no_longer_hides_the_page() -> None:
    """A tag manager's self-closed iframe leaves every output the rest of the page."""
    html = f"<html><body>{TAG_MANAGER}<main><h2>Title</h2>{ARTICLE}</main></body></html>"
    page = crawlextract.extract(html, "https://example.org/")
    assert "long paragraph" in page.readable_markdown
    assert "long paragraph" in page.markdown
    assert "long paragraph" in page.boilerpipe_text


def test_the_same_page_as_utf8_bytes_is_fixed_too() -> None:
    """The check reads UTF-8 bytes as it reads text."""
    html = f"<html><body>{TAG_MANAGER}<main>{ARTICLE}</main></body></html>".encode()
    assert needs_closing(html)
    assert "long paragraph" in crawlextract.extract(html, "https://example.org/").readable_markdown


def test_only_the_open_element_gets_an_end_tag() -> None:
    """The end tag goes right after the open start tag; nothing else changes."""
    html = f"<body>{TAG_MANAGER}<p>after</p></body>"
    closed, count = close_raw_text(html)
    assert count == 1
    assert closed == html.replace(' width="0" />', ' width="0" /></iframe>')


def test_end_tag_is_added_for_raw_text_elements_in_any_case() -> None:
    """Raw-text tag names in any case, and every raw-text element, not only iframes."""
    html = "<noscript><IFRAME SRC='x'><Style>p{}</NOSCRIPT><p>after</p>"
    closed, count = close_raw_text(html)
    assert count == 2  # once the iframe ends, the parser would open the <style>
    assert closed == "<noscript><IFRAME SRC='x'></iframe><Style></style>p{}</NOSCRIPT><p>after</p>"
    closed, count = close_raw_text("<noscript><style>p{}</noscript><p>after</p>")
    assert (closed, count) == ("<noscript><style></style>p{}</noscript><p>after</p>", 1)


def test_noscript_tag_is_looked_for_in_lowercase_only() -> None:
    """The check on every page is a plain substring search: tag managers write lowercase."""
    html = "<NOSCRIPT><iframe src='x' /></NOSCRIPT><p>after</p>"
    assert not needs_closing(html)
    assert close_raw_text(html) == (html, 0)


def test_well_formed_noscript_is_left_as_it_is() -> None:
    """Closed elements, other markup and unterminated tags are not rewritten."""
    for html in (
        f"<body><noscript><iframe src='x'></iframe></noscript>{ARTICLE}</body>",
        f"<body><noscript><img src='x.png' alt='pixel'></noscript>{ARTICLE}</body>",
        f"<body><iframe src='x' />{ARTICLE}</body>",  # outside <noscript> a browser too reads it so
        f"<body>{ARTICLE}</body>",
        "<body><noscript><iframe src='x' title='a>b'",  # a start tag that never ends
        "<body><noscripts><iframe src='x' /></noscripts>",  # not a <noscript>
    ):
        assert not needs_closing(html)
        assert not needs_closing(html.encode())
        closed, count = close_raw_text(html)
        assert closed is html
        assert count == 0


def test_guard_rewrites_only_pages_that_need_it() -> None:
    """PageText.guard keeps the text object unless it closed something."""
    plain = f"<body>{ARTICLE}</body>"
    text = PageText(Decoded(plain, None, "str", truncated=False), 200, [])
    text.guard(NO_DEADLINE)
    assert text.current.text is plain
    assert not text.rewritten
    broken = f"<body>{TAG_MANAGER}{ARTICLE}</body>"
    text = PageText(Decoded(broken, None, "str", truncated=False), 200, [])
    text.guard(NO_DEADLINE)
    assert text.rewritten
    assert text.current.text.count("</iframe>") == 1
