"""Main-content selection on the compact tree: which subtrees are the article.

The pipeline, in order (each stage is one module):

1. :mod:`.flat` numbers the elements and counts their text and link text, per
   element and per block, in one linear pass;
2. :mod:`.scoring` values each block (prose, navigation, label) and sums the
   values up the tree, with :mod:`.signals` hints applied;
3. :mod:`.select` picks the element with the highest score;
4. :mod:`.pruning` lists what to leave out inside it.

The result is a :class:`Selection`: roots in document order and the ``id()``
of every element to skip, which is exactly what the markdown renderer takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .flat import flatten
from .pruning import prune
from .scoring import score
from .select import choose_root
from .tuning import Tuning

if TYPE_CHECKING:
    from crawlextract._deadline import Deadline
    from crawlextract._dom import Element

__all__ = ["Selection", "Tuning", "select_content"]

DEFAULT_TUNING = Tuning()


@dataclass(frozen=True, slots=True)
class Selection:
    """The main content of a page: subtrees to render and elements to skip inside them."""

    #: The subtrees that form the main content, in document order.
    roots: tuple[Element, ...]
    #: ``id()`` of each element to skip, with its subtree, while rendering the roots.
    exclude: frozenset[int]


def select_content(
    dom: Element, tuning: Tuning = DEFAULT_TUNING, deadline: Deadline | None = None
) -> Selection:
    """Find the main content under ``dom`` (the compact tree's ``#document``)."""
    flat = flatten(dom, deadline)
    scores = score(flat, tuning)
    root = choose_root(flat, scores, tuning)
    dropped = prune(flat, scores, root, tuning)
    elements = flat.elements
    return Selection((elements[root],), frozenset(id(elements[index]) for index in dropped))
