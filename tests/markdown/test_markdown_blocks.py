"""Block boundaries, whitespace, <br> and <hr> in the native markdown."""

from __future__ import annotations

import crawlextract


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url="https://example.com/a/page.html").markdown


def test_block_elements_break_lines() -> None:
    """Two <div>s are two paragraphs, never one glued word."""
    assert md("<div>a</div><div>b</div>") == "a\n\nb"


def test_inline_elements_do_not_split_words() -> None:
    """An inline tag inside a word keeps the word whole."""
    assert md("a<span>b</span>") == "ab"


def test_paragraphs_separated_by_one_blank_line() -> None:
    """Nested and empty blocks never make runs of blank lines."""
    assert md("<p>a</p><div><div></div><p> </p></div><section><p>b</p></section>") == "a\n\nb"


def test_whitespace_collapses_like_a_browser() -> None:
    """Runs of spaces, tabs and newlines in text become one space; blocks are stripped."""
    assert md("<p>  one \n\t two   three </p>") == "one two three"


def test_no_break_spaces_kept() -> None:
    """&nbsp; is kept as a browser keeps it; a paragraph of only &nbsp; vanishes."""
    assert md("<p>a&nbsp;&nbsp;b</p><p>&nbsp;</p><p>c</p>") == "a\xa0\xa0b\n\nc"


def test_no_break_space_between_word_and_markup_kept() -> None:
    """A no-break space next to emphasis or code stays, outside the emphasis markers."""
    assert md("<p>a<b>&nbsp;x</b> <code>&nbsp;y&nbsp;</code></p>") == "a\xa0**x** `\xa0y\xa0`"


def test_br_is_a_hard_line_break() -> None:
    """<br> ends a line with a backslash hard break."""
    assert md("<p>one<br>two</p>") == "one\\\ntwo"


def test_two_brs_end_the_paragraph() -> None:
    """<br><br> separates paragraphs; leading and trailing <br> are dropped."""
    assert md("<p><br>a<br> <br>b<br></p>") == "a\n\nb"


def test_many_brs_stay_linear() -> None:
    """A hundred thousand <br> cost little and produce no blank-line runs."""
    out = md("<p>x" + "<br>" * 100_000 + "y</p>")
    assert out == "x\n\ny"


def test_hr_is_a_thematic_break() -> None:
    """<hr> between paragraphs is ---, with blank lines so it is not a setext underline."""
    assert md("<p>a</p><hr><p>b</p>") == "a\n\n---\n\nb"


def test_output_has_no_trailing_whitespace() -> None:
    """No output line ends with spaces or tabs."""
    out = md("<p>a </p><ul><li>b <br> c </li></ul><blockquote><p>d</p><p>e </p></blockquote>")
    assert all(line == line.rstrip() for line in out.split("\n"))
