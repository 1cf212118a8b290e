"""Choose the element that holds the main content."""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .flat import Flat
    from .scoring import Scores
    from .tuning import Tuning

# What a masked element scores: below every real score.
_MASK = [float("-inf")]


def choose_root(flat: Flat, scores: Scores, tuning: Tuning) -> int:
    """Return the number of the highest-scoring element, or of ``<body>`` if none scores.

    On a tie the later (deeper) element wins: a wrapper that adds nothing to
    its only child's score adds nothing to the content either.
    """
    net = scores.net
    end = flat.end
    count = len(net)
    # Content in a comment thread or a sidebar is never the main content,
    # however long: every element in a hinted subtree is masked out (a slice
    # per hinted element, so the per-element work stays in C). The best is
    # the last of the highest scores among the rest.
    masked = net[:]
    anywhere = net[:]
    elements = flat.elements
    firm = tuning.firm_tags
    masked_to = firm_to = 0
    for index in compress(range(count), scores.hinted):
        if index >= masked_to:  # not nested in a subtree already masked
            masked_to = end[index]
            masked[index:masked_to] = _MASK * (masked_to - index)
        if index >= firm_to and elements[index].tag in firm:
            firm_to = end[index]
            anywhere[index:firm_to] = _MASK * (firm_to - index)
    best_net = max(masked, default=0.0)
    if best_net > 0:
        best = count - 1 - masked[::-1].index(best_net)
    else:
        best, best_net = -1, 0.0
    # Hints are soft: when the best element outside every hinted region scores
    # much less than the best element anywhere, the hint was on a wrapper of
    # the article (a "content-with-sidebar" layout class), not on chrome.
    # "Anywhere" is outside the firm tags' hinted subtrees: a <footer> is
    # never a wrapper of the article, however long its fine print.
    # The first of the highest (max in C, then its first position).
    strongest = anywhere.index(max(anywhere)) if net else -1
    if (
        strongest >= 0
        and anywhere[strongest] > 0
        and (best < 0 or best_net < tuning.hint_trust * anywhere[strongest])
    ):
        return strongest
    if best >= 0:
        return best
    return fallback_root(flat)


def fallback_root(flat: Flat) -> int:
    """``<body>`` (or the whole document): for pages with no paragraph of prose."""
    for index, element in enumerate(flat.elements):
        if element.tag == "body":
            return index
    return 0
