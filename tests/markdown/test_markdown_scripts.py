"""Superscript and subscript in the native markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

import crawlextract

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url="https://example.com/").markdown


def html_of(markdown: str) -> str:
    """Helper: markdown rendered to HTML (CommonMark + GFM tables)."""
    return _MARKDOWN.render(markdown).strip()


def test_sup_and_sub_as_inline_html() -> None:
    """<sup>/<sub> are written as inline HTML, which CommonMark passes through."""
    markdown = md("<p>x<sup>2</sup> and H<sub>2</sub>O</p>")
    assert markdown == "x<sup>2</sup> and H<sub>2</sub>O"
    assert html_of(markdown) == "<p>x<sup>2</sup> and H<sub>2</sub>O</p>"


def test_empty_sup_writes_nothing() -> None:
    """An empty or blank <sup> leaves no tags behind."""
    assert md("<p>a<sup></sup>b<sup> </sup>c</p>") == "ab c"


def test_footnote_link_inside_sup() -> None:
    """A footnote reference keeps both its link and its superscript."""
    html = '<p>claim<sup><a href="#fn1">1</a></sup></p>'
    assert html_of(md(html)) == '<p>claim<sup><a href="https://example.com/#fn1">1</a></sup></p>'


def test_sup_around_blocks_is_balanced_in_each_block() -> None:
    """A <sup> around blocks is closed in every block, so no tag is left open."""
    assert md("<sup><p>a</p><p>b</p></sup>") == "<sup>a</sup>\n\n<sup>b</sup>"
    assert md("<sub><div><div></div></div></sub>") == ""
