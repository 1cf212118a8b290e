"""Task list items: a checkbox first in a list item becomes ``[ ]`` or ``[x]``.

``<li><input type="checkbox" checked> Done</li>`` is ``- [x] Done`` (GFM task
list syntax). Any other form control is left out (see :mod:`.hidden`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import BLOCK, DATA, Container, Literal

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

_CHECKED = Literal("[x] ")
_UNCHECKED = Literal("[ ] ")
# How many parts to look back for the item's start: its marker, a wrapper's
# block boundary or two and the whitespace between.
_LOOK_BACK = 8


def checkbox(walker: Walker, element: Element) -> None:
    """``<input>``: a task marker when it is a checkbox at the start of a list item."""
    attrs = element.attrs
    if attrs.get("type", "").strip().lower() != "checkbox" or not _at_item_start(walker):
        return
    walker.emit(_CHECKED if "checked" in attrs else _UNCHECKED)


def _at_item_start(walker: Walker) -> bool:
    """Whether only block boundaries and whitespace were written since a list item began."""
    parts = walker.parts
    data = walker.data
    markers = 0
    index = len(parts) - 1
    stop = max(index - _LOOK_BACK, 0)
    while index > stop:
        part = parts[index]
        if part is DATA:
            markers += 1
            payload = data[-markers]
            if type(payload) is Container:
                return payload.item
            if payload is not BLOCK:
                return False
        elif part.strip():
            return False
        index -= 1
    return False
