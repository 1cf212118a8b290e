"""The table grid: spans, clamps and the cell budget."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from crawlextract._base.deadline import NO_DEADLINE
from crawlextract._config import Limits
from crawlextract._html.dom import Element, build
from crawlextract._markdown.grid import MAX_COLSPAN, MAX_ROWSPAN, build_grid, span


def table(html: str) -> Element:
    """Helper: the first <table> of an HTML string, as a compact tree."""
    root = LexborHTMLParser(html).root
    assert root is not None
    tree, _ = build(root, Limits(), NO_DEADLINE)
    found = tree.find("table")
    assert found is not None
    return found


def test_span_parsing_follows_html() -> None:
    """Leading digits count, junk falls back to the default, values are clamped."""
    assert span(" 3px", 1, 1, MAX_COLSPAN) == 3
    assert span("abc", 1, 1, MAX_COLSPAN) == 1
    assert span("0", 1, 1, MAX_COLSPAN) == 1
    assert span("9007199254740991", 1, 1, MAX_COLSPAN) == MAX_COLSPAN
    assert span("1" * 100_000, 1, 0, MAX_ROWSPAN) == MAX_ROWSPAN


def test_rowspan_occupies_following_rows() -> None:
    """A rowspan pushes the next rows' cells to the right."""
    grid = build_grid(
        table("<table><tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
        100,
        frozenset(),
    )
    assert grid.width == 2
    texts = [[cell.text() if cell else None for cell in row] for row in grid.rows]
    assert texts == [["a", "b"], [None, "c"]]


def test_budget_never_exceeded() -> None:
    """Huge spans are limited by the cell budget, not allocated."""
    grid = build_grid(
        table("<table><tr><td colspan=1000 rowspan=65534>a</td></tr><tr><td>b</td></tr></table>"),
        50,
        frozenset(),
    )
    assert sum(len(row) for row in grid.rows) <= 50
    assert grid.truncated
