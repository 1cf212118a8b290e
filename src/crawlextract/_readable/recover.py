"""Recover from a fragment: a chosen root that holds a sliver of the page's text.

The highest-scoring element is the right choice on a page of prose. On a page
with little prose (a product page, a collection of cards, a landing page) the
best-scoring element can be one short paragraph among many blocks a reader
sees as content (a promotion line, one card's blurb), so the result is a
fragment of the page. This is measured, not guessed: when the non-link text
kept under the root is under a share of the non-link text of the whole
``<body>``, the root is widened to its lowest ancestor that holds a larger share
of that text, and pruned again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .flat import Flat
    from .tuning import Tuning


def own_text(flat: Flat, index: int) -> int:
    """Characters of non-link text in the subtree of ``index``."""
    return flat.chars[index] - flat.link_chars[index]


def kept_text(flat: Flat, root: int, dropped: list[int]) -> int:
    """Characters of non-link text under ``root`` once the ``dropped`` subtrees are left out."""
    return own_text(flat, root) - sum(own_text(flat, index) for index in dropped)


def is_fragment(flat: Flat, kept: int, body: int, tuning: Tuning) -> bool:
    """Whether ``kept`` characters are a fragment of the text under ``body``."""
    return kept < tuning.fragment_share * own_text(flat, body)


def widen(flat: Flat, root: int, body: int, tuning: Tuning) -> int:
    """The lowest ancestor of ``root`` (or ``body``) holding enough of the body's text."""
    parent = flat.parent
    enough = tuning.widen_share * own_text(flat, body)
    index = root
    while index != body and index > 0 and own_text(flat, index) < enough:
        index = parent[index]
    return index
