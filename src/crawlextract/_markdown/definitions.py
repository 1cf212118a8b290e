"""``<dt>``/``<dd>``: a term in bold on its own line, its description as a paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .emphasis import strong
from .tokens import BLOCK

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker


def term(walker: Walker, element: Element) -> None:
    """``<dt>``: a bold block."""
    walker.emit(BLOCK)
    walker.stack.append(BLOCK)
    strong(walker, element)


#: ``<dd>``: a plain block (CommonMark has no definition lists, and indenting
#: would make an indented code block).
description = block
