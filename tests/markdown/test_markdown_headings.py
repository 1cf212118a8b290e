"""Headings in the native markdown."""

from __future__ import annotations

import crawlextract


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url="https://example.com/").markdown


def test_heading_levels_kept() -> None:
    """h1..h6 become ATX headings of the same level."""
    html = "".join(f"<h{n}>Title {n}</h{n}>" for n in range(1, 7))
    assert md(html) == "\n\n".join(f"{'#' * n} Title {n}" for n in range(1, 7))


def test_heading_on_one_line() -> None:
    """Blocks inside a heading become spaces; <br> stays a line break as inline HTML."""
    assert md("<h2>a<br>b<div>c</div></h2>") == "## a<br>b c"


def test_empty_heading_dropped() -> None:
    """A heading with no text writes nothing."""
    assert md("<h1> </h1><p>x</p>") == "x"


def test_trailing_hashes_escaped() -> None:
    """A heading ending in ' #' keeps its hash (it would be a closing sequence)."""
    assert md("<h3>Issue #</h3>") == "### Issue \\#"


def test_heading_in_table_cell_is_text() -> None:
    """A heading inside a table cell is plain cell text."""
    html = "<table><tr><td><h2>A</h2></td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>"
    assert md(html) == "| A | B |\n| --- | --- |\n| 1 | 2 |"


def test_title_never_in_markdown() -> None:
    """<head><title> is metadata, not page text."""
    assert md("<html><head><title>T</title></head><body><p>body</p></body></html>") == "body"


def test_page_text_br_at_heading_end_kept() -> None:
    """Text that shows "<br>" at a heading's end stays escaped text; a real <br> there goes."""
    assert md("<h2>Use &lt;br&gt;</h2>") == "## Use \\<br>"
    assert md("<h2>Title<br></h2>") == "## Title"
