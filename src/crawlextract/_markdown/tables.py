"""``<table>``: a GFM pipe table with a header row, or plain blocks for a layout table.

A layout table is not data: its cells render as ordinary blocks. A table is
layout when it says ``role="presentation"``, has one column without a header
row (or with cells holding page structure), or has no header cells yet holds
page structure in a cell (a nested table, or several blocks: paragraphs,
headings, lists) or a long run of prose. Inside a cell of a data table
everything is inline: block boundaries, list items and nested tables become
spaces, a line break is ``<br>``; ``|`` is escaped. A column's alignment
(``align`` or ``text-align`` on its cells, the header row first) goes into the
delimiter row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .blocks import block
from .grid import Grid, build_grid
from .tokens import BLOCK, CELL, ROW, TABLE_END, TableStart

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Item, Walker


def table(walker: Walker, element: Element) -> None:
    """Render the table as a pipe table, or as blocks when it is nested or layout."""
    if walker.flat:
        block(walker, element)
        return
    context = walker.context
    grid = build_grid(element, context.max_table_cells, walker.exclude)
    if not grid.rows or grid.width < 1 or _is_layout(element, grid):
        block(walker, element)
        return
    header = _has_header(element, grid)
    if grid.width == 1 and (not header or _one_column_holds_structure(grid)):
        block(walker, element)
        return
    if grid.truncated and context.warn is not None:
        context.warn(f"table cut to {context.max_table_cells} cells")
    items: list[Item] = [BLOCK]
    items.extend(
        child for child in element.children if not isinstance(child, str) and child.tag == "caption"
    )
    items.append((_begin, TableStart(grid.width, _alignments(grid), header)))
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
    if _has_header(element, grid):
        return False
    return any(slot is not None and _holds_structure(slot) for row in grid.rows for slot in row)


def _has_header(element: Element, grid: Grid) -> bool:
    """Whether the first row holds a header cell, or the table has a ``<thead>`` or caption."""
    for row in grid.rows[:1]:
        if any(slot is not None and slot.tag == "th" for slot in row):
            return True
    return any(not isinstance(c, str) and c.tag in _HEADER_TAGS for c in element.children)


def _one_column_holds_structure(grid: Grid) -> bool:
    # A one-column table with a header is a list of data unless a cell holds
    # page structure (then it is a layout column with a title on top).
    return any(slot is not None and _holds_structure(slot) for row in grid.rows for slot in row)


_TEXT_ALIGN = re.compile(r"text-align\s*:\s*(left|right|center)", re.IGNORECASE)
_ALIGNMENTS = frozenset({"left", "right", "center"})


def _alignment(cell: Element) -> str:
    attrs = cell.attrs
    style = attrs.get("style")
    if style and "align" in style:  # a substring test first: most cells have no alignment
        found = _TEXT_ALIGN.search(style)
        if found:
            return found[1].lower()
    align = attrs.get("align")
    if align:
        align = align.strip().lower()
        if align in _ALIGNMENTS:
            return align
    return ""


def _alignments(grid: Grid) -> tuple[str, ...]:
    """Each column's alignment: that of its first cell (header row first) that declares one."""
    aligns = [""] * grid.width
    missing = grid.width
    for row in grid.rows:
        for index, slot in enumerate(row):
            if slot is not None and not aligns[index] and slot.attrs:
                found = _alignment(slot)
                if found:
                    aligns[index] = found
                    missing -= 1
        if not missing:
            break
    return tuple(aligns)


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


def _begin(walker: Walker, start: TableStart) -> None:
    walker.cell_depth += 1
    walker.flat += 1
    walker.emit(start)


def _end(walker: Walker, _: object) -> None:
    walker.cell_depth -= 1
    walker.flat -= 1
    walker.emit(TABLE_END)
