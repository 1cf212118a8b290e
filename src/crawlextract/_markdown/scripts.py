"""``<sup>``/``<sub>`` as inline HTML: ``x<sup>2</sup>`` keeps its meaning.

CommonMark has no superscript; the HTML tags are the faithful form every
CommonMark renderer shows (``x2`` would read as a different number). These
attribute-less tags are the only inline HTML the renderer writes besides
``<br>`` (see docs/security.md). An empty one writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import Closer, Opener

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

SCRIPT_TAGS = ("sup", "sub")
# Spans like emphasis: the assembler drops an empty one, moves edge spaces out
# and, for one around blocks, closes and reopens it in every block (so a tag is
# never left open). The closer names the opener's markup; the assembler writes
# the closing tag.
_OPEN = {tag: Opener(f"<{tag}>") for tag in SCRIPT_TAGS}
_CLOSE = {tag: Closer(f"<{tag}>") for tag in SCRIPT_TAGS}


def script(walker: Walker, element: Element) -> None:
    """Wrap the element's inline content in its tag."""
    walker.emit(_OPEN[element.tag])
    walker.stack.append((_close, element.tag))
    walker.stack.extend(reversed(element.children))


def _close(walker: Walker, tag: str) -> None:
    if walker.wrote(_OPEN[tag]):
        walker.unwrite()  # nothing inside
    else:
        walker.emit(_CLOSE[tag])
