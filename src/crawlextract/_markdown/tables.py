"""``<table>``: a GFM pipe table with a header row, or plain blocks for a layout table.

A layout table is not data: its cells render as ordinary blocks. A table is
layout when it has one column, says ``role="presentation"``, or has no header
cells yet holds page structure in a cell (a nested table, or several blocks:
paragraphs, headings, lists) or a long run of prose. Inside a cell of a data
table everything is inline: block boundaries, line breaks, list items and
nested tables become spaces; ``|`` is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .grid import Grid, build_grid
from .tokens import BLOCK, CELL, ROW, TABLE_END, TableStart

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Item, Walker


def table(walker: Walker, element: Element) -> None:
    """Render the table as a pipe table, or as blocks when it is nested or layout."""
    if walker.flat:
        block(walker, element)
        return
    context = walker.context
    grid = build_grid(element, context.max_table_cells, walker.exclude)
    if grid.width <= 1 or not grid.rows or _is_layout(element, grid):
        block(walker, element)
        return
    if grid.truncated and context.warn is not None:
        context.warn(f"table cut to {context.max_table_cells} cells")
    items: list[Item] = [BLOCK]
    items.extend(
        child for child in element.children if not isinstance(child, str) and child.tag == "caption"
    )
    items.append((_begin, grid.width))
    for row in grid.rows:
        items.append(ROW)
        for slot in row:
            items.append(CELL)
            if slot is not None:
                items.extend(slot.children)
    items.append((_end, None))
    items.append(BLOCK)
    walker.stack.extend(reversed(items))


# Tags that make a header-less table a page layout when a cell holds them.
_STRUCTURE_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
     "blockquote", "pre", "article", "section", "form"}
)  # fmt: skip
_HEADER_TAGS = frozenset({"th", "thead", "caption"})
# Characters of text in one cell beyond which a header-less cell is prose, not
# a datum. Data cells on the AEB pages' tables stay under ~200 characters;
# layout cells holding an article run to thousands.
_PROSE_CELL_CHARS = 400


def _is_layout(element: Element, grid: Grid) -> bool:
    if element.attrs.get("role", "").strip().lower() in ("presentation", "none"):
        return True
    # Header cells mark a data table, whatever its cells hold.
    for row in grid.rows[:1]:
        if any(slot is not None and slot.tag == "th" for slot in row):
            return False
    if any(not isinstance(c, str) and c.tag in _HEADER_TAGS for c in element.children):
        return False
    return any(slot is not None and _holds_structure(slot) for row in grid.rows for slot in row)


def _holds_structure(cell: Element) -> bool:
    # One block in a cell is still a datum (a heading, a code sample); a nested
    # table or a second block is page structure. Stops as soon as it knows, so
    # nested layout tables cost little; a cell of short text is walked once.
    chars = 0
    blocks = 0
    stack: list[Element | str] = list(cell.children)
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            chars += len(node)
            if chars > _PROSE_CELL_CHARS:
                return True
        elif node.tag in _STRUCTURE_TAGS:
            blocks += 1
            if node.tag == "table" or blocks > 1:
                return True
            stack.extend(node.children)
        else:
            stack.extend(node.children)
    return False


def _begin(walker: Walker, width: int) -> None:
    walker.cell_depth += 1
    walker.flat += 1
    walker.emit(TableStart(width))


def _end(walker: Walker, _: object) -> None:
    walker.cell_depth -= 1
    walker.flat -= 1
    walker.emit(TABLE_END)
