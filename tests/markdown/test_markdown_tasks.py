"""Task list items in the native markdown."""

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


def test_checked_and_unchecked_items() -> None:
    """A checkbox first in an item is [x] or [ ]."""
    html = "<ul><li><input type=checkbox checked> done</li><li><input type=CHECKBOX>todo</li></ul>"
    assert md(html) == "- [x] done\n- [ ] todo"


def test_checkbox_inside_label_and_paragraph() -> None:
    """Wrappers between the item and its checkbox do not matter."""
    html = "<ol><li><p><label><input type=checkbox> a</label></p></li></ol>"
    assert md(html) == "1. [ ] a"


def test_checkbox_elsewhere_is_left_out() -> None:
    """A checkbox after text, or outside a list, is a form control: left out."""
    assert md("<ul><li>a <input type=checkbox> b</li></ul>") == "- a b"
    assert md("<form><input type=checkbox> Remember me</form>") == "Remember me"
    assert md("<ul><li><input type=text value=q> x</li></ul>") == "- x"
