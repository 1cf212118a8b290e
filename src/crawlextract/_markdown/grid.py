"""The cell grid of an HTML table: where each cell sits once spans are applied.

Spans follow the HTML standard's clamps (``colspan`` 1..1000, ``rowspan``
0..65534, ``0`` meaning "to the end of the table") and the grid never holds
more than ``max_cells`` slots, so a declared ``colspan="9007199254740991"``
costs what the cells actually present cost. Spanned slots are empty cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crawlextract._html.visibility import is_hidden

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from crawlextract._html.dom import Element

MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
_DIGITS = re.compile(r"[\t\n\x0c\r ]*\+?(\d+)")
_ROW_GROUPS = ("thead", "tbody", "tfoot")
_CELLS = ("td", "th")


@dataclass(frozen=True, slots=True)
class Grid:
    """The table's rows of slots (a cell, or ``None`` for a spanned or missing one)."""

    #: Rows, header first; every row is ``width`` long.
    rows: list[list[Element | None]]
    #: Number of columns.
    width: int
    #: Whether rows were dropped to stay within the cell budget.
    truncated: bool


def span(value: str | None, default: int, low: int, high: int) -> int:
    """Parse a span attribute like the HTML standard (leading digits) and clamp it."""
    if value is None:
        return default
    match = _DIGITS.match(value)
    if match is None:
        return default
    digits = match[1]
    if len(digits) > 6:  # already above every clamp; int() of a huge string is slow
        return high
    return min(max(int(digits), low), high)


def _visible(node: Element | str, tags: tuple[str, ...], exclude: AbstractSet[int]) -> bool:
    return (
        not isinstance(node, str)
        and node.tag in tags
        and not (node.attrs and is_hidden(node.attrs))
        and id(node) not in exclude
    )


def table_rows(table: Element, exclude: AbstractSet[int]) -> list[Element]:
    """The ``<tr>`` elements in display order: header group, body, footer group."""
    head: list[Element] = []
    body: list[Element] = []
    foot: list[Element] = []
    for child in table.children:
        if isinstance(child, str):
            continue
        if child.tag == "tr":
            if _visible(child, ("tr",), exclude):
                body.append(child)
        elif child.tag in _ROW_GROUPS and _visible(child, _ROW_GROUPS, exclude):
            target = head if child.tag == "thead" else foot if child.tag == "tfoot" else body
            target.extend(
                row  # type: ignore[misc]
                for row in child.children
                if _visible(row, ("tr",), exclude)
            )
    return head + body + foot


def build_grid(  # noqa: C901, PLR0912  (the HTML table algorithm, step by step)
    table: Element, max_cells: int, exclude: AbstractSet[int]
) -> Grid:
    """Place the table's cells on a grid of at most ``max_cells`` slots."""
    rows: list[list[Element | None]] = []
    # Rows each column stays covered by a rowspan from above.
    pending: list[int] = []
    total = 0
    truncated = False
    for tr in table_rows(table, exclude):
        slots: list[Element | None] = []
        col = 0
        for cell in tr.children:
            if isinstance(cell, str) or cell.tag not in _CELLS or id(cell) in exclude:
                continue
            while col < len(pending) and pending[col]:
                slots.append(None)
                pending[col] -= 1
                col += 1
            colspan = span(cell.attrs.get("colspan"), 1, 1, MAX_COLSPAN)
            rowspan = span(cell.attrs.get("rowspan"), 1, 0, MAX_ROWSPAN) or MAX_ROWSPAN
            if total + col + colspan > max_cells:
                colspan = max_cells - total - col
                truncated = True
                if colspan <= 0:
                    break
            content = None if cell.attrs and is_hidden(cell.attrs) else cell
            slots.append(content)
            slots.extend([None] * (colspan - 1))
            end = col + colspan
            if end > len(pending):
                pending.extend([0] * (end - len(pending)))
            for covered in range(col, end):
                pending[covered] = rowspan - 1
            col = end
        # Columns to the right: covered from above, or simply missing in this row.
        for rest in range(col, len(pending)):
            slots.append(None)
            if pending[rest]:
                pending[rest] -= 1
        if total + len(slots) > max_cells:
            truncated = True
            break
        total += len(slots)
        if any(slot is not None for slot in slots):
            rows.append(slots)
        if truncated:
            break
    width = len(pending)
    for slots in rows:
        if len(slots) < width:
            slots.extend([None] * (width - len(slots)))
    return Grid(rows, width, truncated)
