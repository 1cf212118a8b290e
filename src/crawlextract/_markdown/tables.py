"""``<table>``: a GFM pipe table with a header row, or plain blocks for a layout table.

A table of one column (or one cell) is layout, not data: its cells render as
ordinary blocks. Inside a cell everything is inline: block boundaries, line
breaks, list items and nested tables become spaces; ``|`` is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .grid import build_grid
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
    if grid.width <= 1 or not grid.rows:
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


def _begin(walker: Walker, width: int) -> None:
    walker.cell_depth += 1
    walker.flat += 1
    walker.emit(TableStart(width))


def _end(walker: Walker, _: object) -> None:
    walker.cell_depth -= 1
    walker.flat -= 1
    walker.emit(TABLE_END)
