"""Repeated siblings: the posts of a thread, not one of them.

A forum thread, a Q&A page or a list of reviews is a run of siblings built
alike (same tag, same class), each with its own prose. The highest-scoring
element is then often one post, because the posts' wrapper is hinted (a
"comment" class) or loses to its own best child. Climbing a few levels up from
the chosen root, the first ancestor that has prose-holding siblings of its own
kind marks the run: every such sibling becomes a root, in document order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .signals import HEADINGS

# Headings below the page's title (<h1>): a section's heading.
SECTION_HEADINGS = HEADINGS - {"h1"}

if TYPE_CHECKING:
    from .flat import Flat
    from .scoring import Scores
    from .tuning import Tuning


def _signature(flat: Flat, index: int) -> tuple[str, str | None]:
    # The tag and the first class: posts add state classes after it
    # ("answer accepted-answer", "post post-highlighted").
    element = flat.elements[index]
    classes = element.attrs.get("class")
    if not classes:
        return element.tag, None
    words = classes.split(None, 1)
    return element.tag, words[0] if words else None


def repeated_siblings(flat: Flat, scores: Scores, root: int, tuning: Tuning) -> list[int]:
    """The run of alike, prose-holding siblings around ``root`` (or just ``root``)."""
    parent = flat.parent
    paragraphs = scores.paragraphs
    raw = scores.raw
    index = root
    for _ in range(tuning.sibling_levels):
        up = parent[index]
        if up <= 0:
            break
        signature = _signature(flat, index)
        if signature[1] is not None:
            alike = [child for child in flat.children(up) if _signature(flat, child) == signature]
            if len(alike) > 1:
                # The first level with siblings of its kind decides: a run
                # of posts, or (when they hold no prose) a layout grid, above
                # which alike columns are no evidence of posts.
                run = [child for child in alike if paragraphs[child]]
                total = sum(max(raw[child], 0.0) for child in run)
                if len(run) > 1 and total >= tuning.sibling_gain * max(raw[index], 0.0):
                    return run
                # Alike siblings that each carry a lead's worth of prose are
                # parts of one text (an intro and a list split in two blocks).
                floor = tuning.part_min_chars / flat.scale
                parts = [child for child in run if child == index or raw[child] >= floor]
                if len(parts) > 1:
                    return parts
                return [root]
        index = up
    return [root]


def lead_siblings(flat: Flat, scores: Scores, root: int, tuning: Tuning) -> list[int]:
    """Prose-holding siblings just before ``root`` (a lead beside a paywall box), in order.

    Walks back from ``root`` (or from the outermost wrapper holding just its
    text) over its earlier siblings: empty ones are passed
    over, the first that holds too little prose (a caption, a dateline), is hinted
    or is mostly links ends the walk. A section heading (``<h2>``-``<h6>``) is
    taken and ends the walk; the ``<h1>`` (the title) ends it untaken.
    """
    chars = flat.chars
    link_chars = flat.link_chars
    parent = flat.parent
    # The root's wrappers that hold nothing else (a component around the
    # rich text around the paragraphs) are the root as a reader sees it: a
    # lead sits beside the outermost of them.
    while parent[root] > 0 and chars[parent[root]] == chars[root]:
        root = parent[root]
    up = parent[root]
    if up < 0:
        return []
    before = [child for child in flat.children(up) if child < root]
    found: list[int] = []
    for child in reversed(before):
        if not chars[child]:
            continue
        tag = flat.elements[child].tag
        if (
            tag in SECTION_HEADINGS
            and not scores.hinted[child]
            and link_chars[child] <= tuning.max_link_density * chars[child]
        ):
            # The heading of the section the root (and its lead) opens: it
            # belongs to them, and ends the walk as the title would.
            found.append(child)
            break
        if (
            scores.raw[child] < tuning.lead_min_chars / flat.scale
            or tag in HEADINGS  # the title: the top of the article
            or scores.hinted[child]
            or link_chars[child] > tuning.max_link_density * chars[child]
            or len(found) == tuning.lead_siblings
        ):
            break
        found.append(child)
    found.reverse()
    return found
