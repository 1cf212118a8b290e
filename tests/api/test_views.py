import re
import sys

import pytest

import crawlextract
from crawlextract._page import views as _views
from fixed_extractor import Fixed

HOSTILE = (
    b"<html><head><title>Tom &amp; Jerry <script>alert(1)</script></title>"
    b"<meta name='description' content='a | b <img src=x onerror=alert(2)>'>"
    b"<meta name='robots' content='noindex'>"
    b"<link rel='canonical' href='https://example.org/elsewhere'></head><body></body></html>"
)


def make_page(readable="# Heading\n\nSome **bold** text.", markdown="Nav\n\n# Heading"):
    """A page with the hostile head and fixed outputs."""
    options = crawlextract.Options(
        boilerpipe=Fixed("boilerpipe", "Plain <b>text</b> & more"),
        markdown=Fixed("markdown", markdown),
        readable=Fixed("readable", readable),
    )
    return crawlextract.extract(HOSTILE, "https://example.org/here", options=options)


def test_html_view_escapes_every_page_string():
    """Titles, descriptions and outputs are escaped: no tag from the page survives."""
    html = make_page()._repr_html_()
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Plain &lt;b&gt;text&lt;/b&gt; &amp; more" in html


def test_html_view_has_details_filters_and_collapsible_outputs():
    """The table holds details and filters; the three outputs are <details> sections."""
    html = make_page()._repr_html_()
    assert "Page details" in html
    assert "Page filters" in html
    assert "other URL: https://example.org/elsewhere" in html
    assert "yes: robots say noindex" in html
    assert html.count("<details>") == 3
    for label in ("Boilerpipe text", "Markdown", "Readable markdown"):
        assert f"<summary>{label} (" in html


def test_html_view_renders_readable_markdown_safely():
    """Readable markdown is rendered; raw HTML and javascript: links in it are not."""
    pytest.importorskip("markdown_it")
    readable = "# Heading\n\n**bold** <iframe src=x></iframe> [x](javascript:alert(1))"
    html = make_page(readable=readable)._repr_html_()
    rendered = html.split("<div class='crawlextract-readable'>")[1].split("</div>")[0]
    assert "<h1>Heading</h1>" in rendered
    assert "<strong>bold</strong>" in rendered
    assert "<iframe" not in rendered
    assert "&lt;iframe" in rendered
    assert "href" not in rendered  # markdown-it leaves a javascript: link as text
    assert "[x](javascript:alert(1))" in rendered


def test_html_view_without_markdown_it_shows_escaped_source(monkeypatch):
    """Without markdown-it-py the readable markdown is shown as escaped source."""
    monkeypatch.setitem(sys.modules, "markdown_it", None)
    html = _views.markdown_to_html("# Title <b>")
    assert html == "<pre style='white-space:pre-wrap'># Title &lt;b&gt;</pre>"


def test_html_view_lists_warnings():
    """Warnings of the page appear, escaped, in the view."""

    class Broken:
        name = "broken"
        output = "markdown"

        def extract(self, document):  # noqa: ARG002 - the protocol's signature
            """Fail with markup in the message."""
            raise ValueError("<bad>")

    page = crawlextract.extract(HOSTILE, options=crawlextract.Options(markdown=Broken()))
    assert page.markdown == ""
    html = page._repr_html_()
    assert "Warnings" in html
    assert "&lt;bad&gt;" in html


def test_markdown_view_escapes_table_cells_and_keeps_readable_markdown():
    """Details cells are escaped for a table; readable markdown follows as markdown."""
    text = make_page()._repr_markdown_()
    assert "| Title | Tom & Jerry" not in text
    assert r"| Title | Tom \& Jerry \<script\>alert(1)\</script\> |" in text
    assert "| Encoding | utf-8 |" in text
    assert r"a \| b" in text
    assert "#### Readable markdown\n\n# Heading\n\nSome **bold** text.\n" in text


def test_markdown_view_neutralises_raw_html_outside_code():
    """Raw HTML in readable markdown cannot reach a markdown renderer as a tag."""
    readable = "Text <img src=x onerror=alert(1)> and `a<b>` code\n\n```\n<kept>\n```"
    text = make_page(readable=readable)._repr_markdown_()
    assert re.search(r"(?<![\\])<(img|script)", text) is None
    assert "&lt;img src=x" in text
    assert "`a<b>`" in text
    assert "```\n<kept>\n```" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a <b>", "a &lt;b>"),
        ("`<x>` <y>", "`<x>` &lt;y>"),
        ("``<img>`", "``&lt;img>`"),
        ("\\`<img>`", "\\`&lt;img>`"),
        ("``a`b`` <z>", "``a`b`` &lt;z>"),
        ("\\<kept>", "\\<kept>"),
    ],
)
def test_neutralise_html_follows_commonmark_code_spans(line, expected):
    """Only real code spans shield '<'; escaped or unmatched backticks do not."""
    assert _views.neutralise_html(line) == expected


def test_neutralise_html_leaves_fenced_blocks_alone():
    """Inside a fence (``` or ~~~, closed by a fence as long) nothing is changed."""
    text = "~~~~\n<a>\n~~~\n<b>\n~~~~\n<c>"
    assert _views.neutralise_html(text) == "~~~~\n<a>\n~~~\n<b>\n~~~~\n&lt;c>"


@pytest.mark.parametrize(
    ("markup", "url", "expected"),
    [
        (b"<title>t</title>", "https://a.example/", "not set"),
        (b"<link rel=canonical href='/'>", "https://a.example/", "self"),
        (b"<link rel=canonical href='https://b.example/'>", None, "declared, but"),
    ],
)
def test_filter_rows_say_what_the_canonical_is(markup, url, expected):
    """The canonical filter reads 'not set', 'self', 'other URL: …' or why it is unknown."""
    rows = dict(_views.filter_rows(crawlextract.extract(markup, url)))
    assert rows["Canonical"].startswith(expected)
    assert rows["Noindex"] == "no"


def test_detail_rows_show_placeholders_for_missing_details():
    """Missing details read '(none)' or say the URL was not given, never 'None'."""
    rows = dict(_views.detail_rows(crawlextract.extract("<p>x</p>")))
    assert rows["URL"] == "(not given)"
    assert rows["Title"] == "(none)"
    assert rows["Encoding"] == "(given as text)"
    assert "None" not in rows.values()
