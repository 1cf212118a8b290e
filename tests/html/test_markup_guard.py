"""The pre-parse rewrite that keeps Lexbor linear on hostile markup."""

from __future__ import annotations

from hypothesis import given
from selectolax.lexbor import LexborHTMLParser

import crawlextract
from crawlextract._base.deadline import NO_DEADLINE, Deadline
from crawlextract._html.decode import Decoded
from crawlextract._html.guard import (
    DEPTH_FACTOR,
    LONG_TAG,
    MAX_ATTRIBUTES,
    MAX_SELECT_OPTIONS,
    SCAN_FROM_TAGS,
    GuardReport,
    _Scan,
    needs_scan,
)
from crawlextract._html.page_text import PageText
from output_contract import check_page
from strategies import PROPERTY_SETTINGS, html_documents

DEPTH = 200


def defuse(html: str, depth: int, deadline: Deadline) -> tuple[str, GuardReport]:
    """Guard ``html`` as an extraction does (PageText.guard): the text after, and the report."""
    text = PageText(Decoded(html, None, "str", truncated=False), depth, [])
    report = text.guard(deadline)
    return text.current.text, report


LIMIT = DEPTH * DEPTH_FACTOR


def _depth(html: str) -> int:
    node = LexborHTMLParser(html).body
    deepest = 0
    stack = [(node, 0)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in current.iter())
    return deepest


def test_small_pages_are_returned_unchanged() -> None:
    """A page with few tags is not scanned: the very same string comes back."""
    html = "<div>" * 100 + "x"
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert out is html
    assert not report.warnings(DEPTH)


def test_ordinary_big_page_is_returned_unchanged() -> None:
    """Many tags that do not nest deeply (unclosed <p>, <li>, voids) are left alone."""
    html = "<ul>" + "<li><p>item <b>x</b><br><img src=a>" * SCAN_FROM_TAGS + "</ul>"
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert out is html
    assert report.flattened == report.attributes == report.options == 0


def test_deep_nesting_is_flattened_with_text_kept() -> None:
    """100,000 nested divs are cut at the limit; every text character survives."""
    html = "".join(f"<div>{i % 10}" for i in range(100_000)) + "</div>" * 100_000
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.flattened == 100_000 - LIMIT
    assert out.count("<div>") == LIMIT
    assert out.count("</div>") == LIMIT
    assert LexborHTMLParser(out).body.text() == "".join(str(i % 10) for i in range(100_000))
    assert "flattened" in report.warnings(DEPTH)[0]


def test_nesting_inside_script_is_not_counted() -> None:
    """Tags inside a <script> are text to the parser, so they are neither counted nor cut."""
    html = "<script>" + "<div>" * 20_000 + "</script><p>after"
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert out is html
    assert report.flattened == 0


def test_svg_title_is_not_raw_text() -> None:
    """Inside <svg>, <title> is an element, so a flood after it is still seen and cut."""
    html = "<svg><title>" + "<div>" * 20_000 + "x"
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.flattened > 0
    assert _depth(out) <= LIMIT + 10


def test_block_inside_closed_formatting_element_stays_open() -> None:
    """'<a><div></a>' leaves the div open (adoption agency), so the scan keeps counting it."""
    html = "<a><div><b>z</a>" * 20_000
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.flattened > 0
    assert _depth(out) <= 3 * LIMIT


def test_end_tag_out_of_scope_closes_nothing() -> None:
    """A </div> cannot close a div outside the table it is in, so it does not shrink the depth."""
    html = "<div><table><tr><td>x</div>" * 5_000
    _out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.flattened > 0


def test_attribute_flood_is_cut() -> None:
    """A tag with 100,000 attributes keeps the first MAX_ATTRIBUTES, in order."""
    attributes = " ".join(f'a{i}="v"' for i in range(100_000))
    html = f"<p {attributes}>text</p>" + "<br>" * SCAN_FROM_TAGS
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 100_000 - MAX_ATTRIBUTES
    element = LexborHTMLParser(out).css_first("p")
    assert list(element.attributes) == [f"a{i}" for i in range(MAX_ATTRIBUTES)]
    assert element.text() == "text"


def test_attribute_flood_on_a_page_with_few_tags_is_cut() -> None:
    """One tag with 50,000 attributes is cut even when the page has almost no other tags."""
    html = "<p " + " ".join(f"a{i}" for i in range(50_000)) + ">text</p>"
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 50_000 - MAX_ATTRIBUTES
    assert len(LexborHTMLParser(out).css_first("p").attributes) == MAX_ATTRIBUTES


def test_attribute_flood_in_downloaded_bytes_is_cut() -> None:
    """The check that reads UTF-8 bytes (the common download) finds the long tag too."""
    html = '<p title="caf\u00e9" ' + " ".join(f"a{i}" for i in range(50_000)) + ">text</p>"
    page = crawlextract.extract(html.encode())
    assert page.markdown == "text"
    assert any("attributes removed" in warning for warning in page.warnings)


def test_many_long_tags_are_cut_though_each_is_under_the_limit() -> None:
    """Tags each a little under LONG_TAG add up: together they parse slowly, so they are cut."""
    attributes = " ".join(f"a{i}" for i in range(1550))
    assert len(attributes) < LONG_TAG
    html = f"<p {attributes}>x</p>" * 50
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 50 * (1550 - MAX_ATTRIBUTES)
    assert LexborHTMLParser(out).body.text() == "x" * 50


def test_a_few_long_tags_are_left_alone() -> None:
    """A page's usual long tags (a srcset, a data blob) do not make it scanned."""
    html = f'<img srcset="{"a.jpg 1x, " * 300}"><div data-x="{"y" * 3000}">t</div>'
    assert not needs_scan(html)
    assert not needs_scan(html.encode())


def test_long_quoted_values_do_not_make_a_page_scanned() -> None:
    """Many tags with long quoted values (SVG paths, data: URLs) hold few attributes: no scan."""
    path = " ".join(f"L{i} {i}" for i in range(1000))
    html = "".join(f'<path class="icon" d="{path}" fill=\'#{i:03}\'>' for i in range(50))
    tag_length = len(html) // 50
    assert 50 * tag_length**2 > LONG_TAG**2  # measured whole, the tags would be scanned
    assert not needs_scan(html)
    assert not needs_scan(html.encode())


def test_many_quoted_attributes_are_still_cut() -> None:
    """Leaving quoted values out still counts the attributes around them."""
    attributes = " ".join(f'a{i}="value {i}"' for i in range(1000))
    html = f"<p {attributes}>x</p>" * 50
    assert needs_scan(html)
    _out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 50 * (1000 - MAX_ATTRIBUTES)


def test_quoted_angle_bracket_does_not_hide_attributes() -> None:
    """A '>' inside a quoted value does not end the tag for the scan, as for the parser."""
    attributes = " ".join(f"a{i}" for i in range(10_000))
    html = f'<p title=">" {attributes}>text</p>' + "<br>" * SCAN_FROM_TAGS
    _out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 10_001 - MAX_ATTRIBUTES


def test_quotes_inside_attribute_names_do_not_hide_attributes() -> None:
    """A bare quote is part of an attribute name for the parser, and so for the guard."""
    attributes = " ".join(f'a"{i}' for i in range(3000))
    html = f"<p {attributes}>x</p>" * 20
    assert needs_scan(html)
    assert needs_scan(html.encode())
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 20 * (3000 - MAX_ATTRIBUTES)
    assert len(LexborHTMLParser(out).css_first("p").attributes) == MAX_ATTRIBUTES


def test_a_vertical_tab_does_not_open_a_quoted_value() -> None:
    """After "=", only HTML whitespace may come before a quote; a vertical tab starts the value."""
    attributes = " ".join(f"a{i}" for i in range(20_000))
    html = f'<p x=\x0b"y {attributes}">x</p>'
    assert len(LexborHTMLParser(html).css_first("p").attributes) == 20_001
    assert needs_scan(html)
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.attributes == 20_001 - MAX_ATTRIBUTES
    assert len(LexborHTMLParser(out).css_first("p").attributes) == MAX_ATTRIBUTES


def test_option_flood_keeps_text() -> None:
    """A select with 50,000 options keeps MAX_SELECT_OPTIONS of them; their text stays."""
    html = "<select>" + "<option>o</option>" * 50_000 + "</select>"
    out, report = defuse(html, DEPTH, NO_DEADLINE)
    assert report.options == 50_000 - MAX_SELECT_OPTIONS
    assert out.count("<option>") == MAX_SELECT_OPTIONS
    assert out.count("o") - out.count("option") * 2 >= 50_000 - 2 * MAX_SELECT_OPTIONS


def test_extract_reports_the_rewrite() -> None:
    """The guard runs before the page is parsed and says so in Page.warnings."""
    page = crawlextract.extract("<div>" * 50_000 + "deep text")
    assert page.warnings == ()  # nothing is parsed until an output is read
    assert "deep text" in page.markdown
    assert any("flattened" in warning for warning in page.warnings)


@PROPERTY_SETTINGS
@given(html=html_documents())
def test_rewriting_never_breaks_a_page(html: str) -> None:
    """With a tiny depth limit every generated page is rewritten without error and still parses."""
    out, report = _Scan(html, 3, NO_DEADLINE).run()
    assert (out is html) == (report == GuardReport())
    assert len(out) <= len(html) + report.options
    LexborHTMLParser(out)
    if out is not html:
        check_page(crawlextract.extract(out))


@PROPERTY_SETTINGS
@given(html=html_documents())
def test_check_reads_bytes_as_it_reads_text(html: str) -> None:
    """Whether to scan does not depend on the page coming as UTF-8 bytes or as text."""
    assert needs_scan(html.encode()) == needs_scan(html)
