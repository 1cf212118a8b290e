"""A plain-text rendering of a selection (stand-in until the markdown renderer lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import signals

if TYPE_CHECKING:
    from collections.abc import Sequence
    from collections.abc import Set as AbstractSet

    from crawlextract._dom import Element


def render_text(roots: Sequence[Element], exclude: AbstractSet[int]) -> str:
    """The text of ``roots`` without the excluded subtrees, a blank line between blocks."""
    parts: list[str] = []
    stack: list[Element | str] = list(reversed(roots))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        if id(node) in exclude:
            continue
        if node.tag not in signals.INLINE:
            parts.append("\n\n")
            stack.append("\n\n")
        elif node.tag == "br":
            parts.append("\n")
        stack.extend(reversed(node.children))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n\n"))
    return "\n\n".join(line for line in lines if line)
