"""Recover from a fragment: a chosen root that holds a sliver of the page's text.

The highest-scoring element is the right choice on a page of prose. On a page
with little prose (a product page, a collection of cards, a landing page) the
best-scoring element can be one short paragraph among many blocks a reader
sees as content (a promotion line, one card's blurb), so the result is a
fragment of the page. This is measured, not guessed: when the non-link text
kept under the root is under a share of the non-link text of the whole
``<body>``, the root is widened to its lowest ancestor that holds a larger share
of that text, and pruned again.

On a page of links (a collection of cards, a list of posts), the items are
links, and the non-link text says little: when the root keeps almost no text
there, it is widened by all the text, links included, and pruned keeping
link-heavy blocks and label groups (the items and their prices), while hinted
regions (navigation, footer) still go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from .flat import Flat
    from .tuning import Tuning


def own_text(flat: Flat, index: int) -> int:
    """Characters of non-link text in the subtree of ``index``."""
    return flat.chars[index] - flat.link_chars[index]


def all_text(flat: Flat, index: int) -> int:
    """Characters of text, link text included, in the subtree of ``index``."""
    return flat.chars[index]


def kept_text(
    flat: Flat, root: int, dropped: list[int], measure: Callable[[Flat, int], int] = own_text
) -> int:
    """Characters of text under ``root`` once the ``dropped`` subtrees are left out.

    ``measure`` counts an element's text: :func:`own_text` (no link text) or :func:`all_text`.
    """
    return measure(flat, root) - sum(measure(flat, index) for index in dropped)


def is_fragment(flat: Flat, kept: int, body: int, tuning: Tuning) -> bool:
    """Whether ``kept`` characters are a fragment of the text under ``body``."""
    return kept < tuning.fragment_share * own_text(flat, body)


def widen(
    flat: Flat,
    root: int,
    body: int,
    tuning: Tuning,
    measure: Callable[[Flat, int], int] = own_text,
) -> int:
    """The lowest ancestor of ``root`` (or ``body``) holding enough of the body's text."""
    parent = flat.parent
    enough = tuning.widen_share * measure(flat, body)
    index = root
    while index != body and index > 0 and measure(flat, index) < enough:
        index = parent[index]
    return index
