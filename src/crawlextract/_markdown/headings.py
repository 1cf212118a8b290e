"""``<h1>``..``<h6>``: ATX headings that keep their level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .tokens import HEADING_END, HeadingStart

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Walker

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def heading(walker: Walker, element: Element) -> None:
    """Start a heading; inside a table cell or another heading it is only a block."""
    if walker.flat:
        block(walker, element)
        return
    walker.heading_depth += 1
    walker.flat += 1
    walker.emit(HeadingStart(int(element.tag[1])))
    walker.stack.append((_end, None))
    walker.stack.extend(reversed(element.children))


def _end(walker: Walker, _: object) -> None:
    walker.heading_depth -= 1
    walker.flat -= 1
    walker.emit(HEADING_END)
