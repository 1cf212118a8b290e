"""Choose the element that holds the main content."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .flat import Flat
    from .scoring import Scores
    from .tuning import Tuning


def choose_root(flat: Flat, scores: Scores, tuning: Tuning) -> int:
    """Return the number of the highest-scoring element, or of ``<body>`` if none scores.

    On a tie the later (deeper) element wins: a wrapper that adds nothing to
    its only child's score adds nothing to the content either.
    """
    net = scores.net
    parent = flat.parent
    hinted = scores.hinted
    # Whether the element or an ancestor is boilerplate: content in a comment
    # thread or a sidebar is never the main content, however long.
    inside = [False] * len(net)
    best = -1
    best_net = 0.0
    for index, value in enumerate(net):
        up = parent[index]
        chrome = hinted[index] or (up >= 0 and inside[up])
        inside[index] = chrome
        if not chrome and value >= best_net and value > 0:
            best = index
            best_net = value
    # Hints are soft: when the best element outside every hinted region scores
    # much less than the best element anywhere, the hint was on a wrapper of
    # the article (a "content-with-sidebar" layout class), not on chrome.
    # The first of the highest (max in C, then its first position).
    strongest = net.index(max(net)) if net else -1
    if (
        strongest >= 0
        and net[strongest] > 0
        and (best < 0 or best_net < tuning.hint_trust * net[strongest])
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
