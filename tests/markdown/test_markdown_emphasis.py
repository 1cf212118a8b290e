"""Bold, italic and strikethrough in the native markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

import crawlextract


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html).markdown


def html_of(markdown: str) -> str:
    """Helper: markdown rendered to HTML."""
    return MarkdownIt("commonmark").enable("strikethrough").render(markdown).strip()


def test_bold_glued_to_word() -> None:
    """<b>foo</b>bar keeps the word whole and still parses as bold."""
    assert md("<b>foo</b>bar") == "**foo**bar"
    assert html_of("**foo**bar") == "<p><strong>foo</strong>bar</p>"


def test_spaces_move_outside_markers() -> None:
    """Emphasis never wraps leading or trailing spaces."""
    assert md("x<b> x </b>y") == "x **x** y"


def test_empty_emphasis_dropped() -> None:
    """Empty or whitespace-only emphasis writes no markers."""
    assert md("a<b></b>b<i> </i>c<strong><em></em></strong>") == "ab c"


def test_intraword_emphasis_parses() -> None:
    """Emphasis inside a word uses * so CommonMark reads it."""
    out = md("foo<i>bar</i>baz")
    assert out == "foo*bar*baz"
    assert html_of(out) == "<p>foo<em>bar</em>baz</p>"


def test_unparseable_emphasis_dropped() -> None:
    """A closer after punctuation glued to a letter would not parse: markers dropped."""
    assert md('<b>"q"</b>x') == '"q"x'


def test_adjacent_spans_merge() -> None:
    """<b>a</b><b>b</b> is one bold span."""
    assert md("<b>a</b><b>b</b>") == "**ab**"


def test_nested_same_kind_once() -> None:
    """Nested bold writes one pair of markers."""
    assert md("<b>a <strong>b</strong> c</b>") == "**a b c**"


def test_strikethrough() -> None:
    """<del>, <s> and <strike> become ~~."""
    assert md("<del>a</del> <s>b</s> <strike>c</strike>") == "~~a~~ ~~b~~ ~~c~~"


def test_emphasis_across_blocks_applies_to_each_block() -> None:
    """Bold around blocks cannot span paragraphs: each paragraph is bold on its own."""
    assert md("<b><p>a</p><p>b</p></b>") == "**a**\n\n**b**"


def test_nested_emphasis_inside_a_word() -> None:
    """<em><strong> inside a word keeps both: the flanking check looks past the inner run."""
    assert html_of(md("foo<em><strong>bar</strong></em>baz")) == (
        "<p>foo<em><strong>bar</strong></em>baz</p>"
    )


def test_text_asterisk_cannot_close_a_span() -> None:
    """A page asterisk followed by a space is escaped unless a space precedes it too."""
    assert md("<em>*bar* </em>") == "*\\*bar\\**"
    assert html_of(md("<i>a * b</i>")) == "<p><em>a * b</em></p>"


def test_mixed_adjacent_kinds_parse() -> None:
    """Italic next to bold still parses as both."""
    assert html_of(md("<i>a</i><b>b</b>")) == "<p><em>a</em><strong>b</strong></p>"
