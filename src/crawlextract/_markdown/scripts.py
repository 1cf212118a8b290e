"""``<sup>``/``<sub>`` as inline HTML: ``x<sup>2</sup>`` keeps its meaning.

CommonMark has no superscript; the HTML tags are the faithful form every
CommonMark renderer shows (``x2`` would read as a different number). An empty
one writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import DATA, Literal

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Walker

SCRIPT_TAGS = ("sup", "sub")
# One payload per tag and side, so an empty element can be taken back by identity.
_OPEN = {tag: Literal(f"<{tag}>") for tag in SCRIPT_TAGS}
_CLOSE = {tag: Literal(f"</{tag}>") for tag in SCRIPT_TAGS}


def script(walker: Walker, element: Element) -> None:
    """Wrap the element's inline content in its tag."""
    walker.emit(_OPEN[element.tag])
    walker.stack.append((_close, element.tag))
    walker.stack.extend(reversed(element.children))


def _close(walker: Walker, tag: str) -> None:
    opener = _OPEN[tag]
    if walker.wrote(opener):
        walker.unwrite()  # nothing inside
        return
    parts = walker.parts
    if len(parts) > 2 and not parts[-1].strip() and parts[-2] is DATA and walker.data[-1] is opener:
        parts.pop()  # only whitespace inside: a space
        walker.unwrite()
        parts.append(" ")
        return
    walker.emit(_CLOSE[tag])
