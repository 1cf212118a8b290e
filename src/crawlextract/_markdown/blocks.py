"""Block elements: their content starts and ends a paragraph; ``<br>`` and ``<hr>``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import BLOCK, BR, RULE

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

#: Elements that break lines around their content (the HTML standard's
#: ``display: block`` elements, plus table parts for layout tables).
BLOCK_TAGS = (
    "address", "article", "aside", "body", "center", "details", "dialog", "dir",
    "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hgroup", "html", "legend", "main", "nav", "p", "section", "search", "summary",
    "caption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "listing",
    "plaintext", "xmp", "frameset", "noframes", "optgroup",
)  # fmt: skip


def block(walker: Walker, element: Element) -> None:
    """Put the element's content in a block of its own."""
    walker.emit(BLOCK)
    stack = walker.stack
    stack.append(BLOCK)
    stack.extend(reversed(element.children))


def line_break(walker: Walker, _element: Element) -> None:
    """``<br>``: a hard line break."""
    walker.emit(BR)


def rule(walker: Walker, _element: Element) -> None:
    """``<hr>``: a thematic break (just a block boundary inside a table cell)."""
    walker.emit(BLOCK if walker.flat else RULE)
