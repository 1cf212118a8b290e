"""Roots the renderer will write, on a page walked with softly hidden elements revealed.

A page that shows almost no text may keep it in ``<noscript>`` (what a reader
without scripts sees) or under the ``hidden`` attribute (streamed server
rendering parks content there until a script moves it into place); the second
walk of :func:`crawlextract._readable.select_content` counts that text. The
renderer still skips those wrappers, as a browser with scripts does, so a root
that holds one is split: each wrapper's element children become roots, and
so does every other part of the root beside the wrappers, in document order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .signals import SOFT_HIDDEN_TAGS

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .flat import Flat


def _skipped_by_renderer(element: Element) -> bool:
    return element.tag in SOFT_HIDDEN_TAGS or "hidden" in element.attrs


def _children(flat: Flat, index: int) -> list[int]:
    end = flat.end
    found = []
    child = index + 1
    while child < end[index]:
        found.append(child)
        child = end[child]
    return found


def _holding_wrappers(flat: Flat, root: int, skip: set[int]) -> set[int]:
    # Every element under root whose subtree holds a wrapper (the wrapper included).
    elements = flat.elements
    end = flat.end
    parent = flat.parent
    holds: set[int] = set()
    index = root
    while index < end[root]:
        if index in skip:
            index = end[index]
            continue
        if _skipped_by_renderer(elements[index]):
            up = index
            while up not in holds:
                holds.add(up)
                if up == root:
                    break
                up = parent[up]
        index += 1
    return holds


def renderable_roots(flat: Flat, roots: list[int], dropped: list[int]) -> list[int]:
    """Split the ``roots`` around the revealed wrappers the renderer would skip."""
    elements = flat.elements
    skip = set(dropped)
    found: list[int] = []
    for root in roots:
        holds = _holding_wrappers(flat, root, skip)
        # Document order: expand what holds a wrapper, keep the rest whole.
        pending = [root]
        while pending:
            index = pending.pop()
            if index in skip:
                continue
            if index in holds:
                pending.extend(reversed(_children(flat, index)))
            elif not _skipped_by_renderer(elements[index]):
                found.append(index)
    return found
