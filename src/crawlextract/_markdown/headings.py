"""``<h1>``..``<h6>``: ATX headings that keep their level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .tokens import HEADING_END, HeadingStart

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import After, Walker

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The payloads are immutable: one per level serves every heading.
_STARTS = {tag: HeadingStart(int(tag[1])) for tag in HEADING_TAGS}


def heading(walker: Walker, element: Element) -> None:
    """Start a heading; inside a table cell or another heading it is only a block."""
    if walker.flat:
        block(walker, element)
        return
    walker.flat += 1
    walker.emit(_STARTS[element.tag])
    walker.stack.append(_END)
    walker.stack.extend(reversed(element.children))


def _end(walker: Walker, _: object) -> None:
    walker.flat -= 1
    walker.emit(HEADING_END)


_END: After = (_end, None)
