"""Lists in the native markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

import crawlextract


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url="https://example.com/").markdown


def test_bullets() -> None:
    """<ul> items are '-' bullets without blank lines between them."""
    assert md("<ul><li>a</li><li>b</li></ul>") == "- a\n- b"


def test_numbers_honour_start() -> None:
    """<ol start> numbers from start; <li value> resets the count."""
    assert md('<ol start="3"><li>a</li><li>b</li><li value="9">c</li><li>d</li></ol>') == (
        "3. a\n4. b\n9. c\n10. d"
    )


def test_reversed_list_counts_down() -> None:
    """<ol reversed> counts down from the number of items."""
    assert md("<ol reversed><li>a</li><li>b</li></ol>") == "2. a\n1. b"


def test_nested_lists_use_content_indent() -> None:
    """A nested list is indented to its parent item's content."""
    html = "<ol><li>one<ul><li>inner<ol><li>deep</li></ol></li></ul></li><li>two</li></ol>"
    assert md(html) == "1. one\n   - inner\n     1. deep\n2. two"


def test_nested_structure_survives_commonmark() -> None:
    """The nested list parses back as nested lists."""
    html = "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"
    tokens = [t.type for t in MarkdownIt("commonmark").parse(md(html))]
    assert tokens.count("bullet_list_open") == 2


def test_multi_paragraph_item() -> None:
    """Paragraphs of one item are indented and separated by a blank line."""
    assert md("<ul><li><p>p1</p><p>p2</p></li><li>b</li></ul>") == "- p1\n\n  p2\n- b"


def test_separate_lists_get_a_blank_line() -> None:
    """Two lists in a row stay two lists."""
    assert md("<ul><li>a</li></ul><ol><li>b</li></ol>") == "- a\n\n1. b"


def test_empty_first_block_keeps_marker() -> None:
    """An item whose first child is empty puts its marker on the first text."""
    assert md("<ul><li><div></div><p>x</p></li></ul>") == "- x"


def test_list_in_table_flattened() -> None:
    """A list inside a table cell becomes the cell's text."""
    html = (
        "<table><tr><th>k</th><th>v</th></tr>"
        "<tr><td>x</td><td><ul><li>a</li><li>b</li></ul></td></tr></table>"
    )
    assert md(html) == "| k | v |\n| --- | --- |\n| x | a b |"


def test_huge_start_clamped() -> None:
    """A start CommonMark cannot read (over nine digits) is clamped."""
    assert md('<ol start="99999999999"><li>a</li></ol>') == "999999999. a"


def test_adjacent_lists_stay_separate() -> None:
    """Two lists in a row take different markers, so CommonMark reads two lists."""
    html = "<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol start=3><li>d</li></ol>"
    markdown = md(html)
    assert markdown == "- a\n\n* b\n\n1. c\n\n3) d"
    rendered = MarkdownIt("commonmark").render(markdown)
    assert rendered.count("<ul>") == 2
    assert '<ol start="3">' in rendered


def test_list_after_a_paragraph_uses_the_usual_marker() -> None:
    """Only a list right after a list switches markers."""
    assert md("<ul><li>a</li></ul><p>x</p><ul><li>b</li></ul>") == "- a\n\nx\n\n- b"


def test_empty_items_kept() -> None:
    """An empty item keeps its marker, so the numbering of the rest is right."""
    assert md("<ol><li>a</li><li></li><li>c</li></ol>") == "1. a\n2.\n3. c"
    assert md("<ul><li></li></ul>") == "-"


def test_rule_in_an_item_stays_in_the_item() -> None:
    """<hr> in an item is written with underscores ('- ---' would be one rule)."""
    markdown = md("<ul><li>a</li><li><hr></li></ul>")
    assert markdown == "- a\n- ___"
    assert "<li>\n<hr />\n</li>" in MarkdownIt("commonmark").render(markdown)


def test_bullet_item_whose_content_is_left_out_goes() -> None:
    """A bullet item holding only what the markdown leaves out (an icon) writes nothing."""
    assert md("<ul><li>a</li><li><svg></svg></li><li>b</li></ul>") == "- a\n- b"
    assert md("<ol><li>a</li><li><svg></svg></li><li>b</li></ol>") == "1. a\n2.\n3. b"


def test_bullet_item_of_empty_blocks_is_empty() -> None:
    """An item holding only empty blocks is an empty item; one holding an empty link is not."""
    assert md("<ul><li>a</li><li><div>\n</div></li></ul>") == "- a\n-"
    assert md('<ul><li>a</li><li><a href="/x" class="icon"></a></li></ul>') == "- a"
