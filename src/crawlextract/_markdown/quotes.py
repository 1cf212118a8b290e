"""``<blockquote>`` as ``> `` lines and ``<q>`` as quotation marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .tokens import Container

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker


def blockquote(walker: Walker, element: Element) -> None:
    """Prefix the quoted blocks with ``> `` (a plain block inside a table cell)."""
    if walker.flat:
        block(walker, element)
        return
    # A container of its own: two quotes in a row stay two quotes (the
    # assembler separates blocks of different containers by a bare blank line).
    walker.enter_container(Container("> ", "> ", item=False))
    walker.stack.extend(reversed(element.children))


def inline_quote(walker: Walker, element: Element) -> None:
    """``<q>``: the content between straight double quotes."""
    walker.parts.append('"')
    walker.stack.append('"')
    walker.stack.extend(reversed(element.children))
