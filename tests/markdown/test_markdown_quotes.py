"""Block quotes and inline quotes in the native markdown."""

from __future__ import annotations

import crawlextract


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html).markdown


def test_blockquote_prefixes_every_line() -> None:
    """Every line of a quote, blank separators included, starts with '>'."""
    assert md("<blockquote><p>a</p><p>b</p></blockquote><p>c</p>") == "> a\n>\n> b\n\nc"


def test_nested_blockquote() -> None:
    """A quote inside a quote gets '> > '."""
    assert md("<blockquote>a<blockquote>b</blockquote></blockquote>") == "> a\n>\n> > b"


def test_list_inside_quote() -> None:
    """A list inside a quote keeps both prefixes."""
    assert md("<blockquote><ul><li>a</li><li>b</li></ul></blockquote>") == "> - a\n> - b"


def test_q_gets_quotation_marks() -> None:
    """<q> is written between double quotes."""
    assert md("<p>he said <q>hi</q>.</p>") == 'he said "hi".'


def test_quote_nesting_prefix_is_capped() -> None:
    """Past eight levels, deeper quotes keep the eighth level's prefix (output stays linear)."""
    out = md("<blockquote>" * 20 + "<p>deep</p>" + "</blockquote>" * 20)
    assert out == "> " * 8 + "deep"


def test_adjacent_quotes_stay_separate() -> None:
    """Two quotes in a row are separated by a bare blank line: two quotes."""
    assert md("<blockquote>a</blockquote><blockquote>b</blockquote>") == "> a\n\n> b"


def test_blocks_of_one_quote_keep_its_prefix() -> None:
    """Paragraphs of one quote are joined by a '>' line."""
    assert md("<blockquote><p>a</p><p>b</p></blockquote>") == "> a\n>\n> b"
