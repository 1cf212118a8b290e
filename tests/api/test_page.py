"""The Page: lazy outputs, one shared parse, the documented dict."""

from __future__ import annotations

import json

import crawlextract
from crawlextract._html.guard import SCAN_FROM_TAGS

HTML = (
    b"<html><head><title>T</title></head><body><p>Hello <a href='/x'>world</a>.</p></body></html>"
)


def test_metadata_alone_builds_no_tree() -> None:
    """Reading only the page details never builds the compact tree the other outputs walk."""
    page = crawlextract.extract(HTML, url="https://e.com/")
    assert page.metadata.title == "T"
    assert page._document is not None
    assert page._document._dom is None


def test_outputs_are_computed_once() -> None:
    """Each output is computed on first access and then kept."""
    page = crawlextract.extract(HTML)
    assert page.metadata is page.metadata
    assert page.markdown is page.markdown


def test_parse_released_after_every_output() -> None:
    """Once every output is kept, the page lets go of the parse."""
    page = crawlextract.extract(HTML)
    page.to_dict()
    assert page._document is None
    assert page.metadata.title == "T"


def test_to_dict_schema_is_json() -> None:
    """`to_dict()` has the documented keys and survives a JSON round trip."""
    data = crawlextract.extract(HTML, url="https://e.com/").to_dict()
    assert set(data) == {"url", "encoding", "metadata", "filters", "boilerpipe_text",
                         "markdown", "readable_markdown", "warnings"}  # fmt: skip
    assert json.loads(json.dumps(data)) == data


def test_repr_names_url_and_title() -> None:
    """The repr shows the URL and title, for notebooks and logs."""
    assert (
        repr(crawlextract.extract(HTML, url="https://e.com/"))
        == "<Page url='https://e.com/' title='T'>"
    )


def test_decode_warnings_come_before_any_output_without_a_parse() -> None:
    """A truncated input is in Page.warnings at once, and reading it parses nothing."""
    options = crawlextract.Options(limits=crawlextract.Limits(max_input_bytes=40))
    page = crawlextract.extract(HTML, options=options)
    assert page.warnings == ("input truncated to 40 bytes",)
    assert page._document is not None
    assert page._document._tree is None
    assert page._document._dom is None


def test_parse_warnings_come_with_the_outputs_that_parse() -> None:
    """A guard warning (too many attributes) is added when a text output parses the page."""
    attributes = " ".join(f"a{number}=x" for number in range(300))
    # Enough tags that the page is checked before the whole parse.
    html = f"<title>T</title><p {attributes}>text</p>{'<br>' * SCAN_FROM_TAGS}".encode()
    page = crawlextract.extract(html)
    assert page.warnings == ()  # known only once the page is parsed, which it is not yet
    _ = page.markdown
    assert page.warnings == ("tags with more than 256 attributes cut (44 attributes removed)",)
