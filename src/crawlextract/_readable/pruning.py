"""Decide what to leave out inside the chosen root.

Dropped, with their subtrees: what a reader never sees as text; elements hinted
as boilerplate (unless they hold most of the root's content, where the hint
was on the article itself); link-heavy blocks; and groups of short labels with
no paragraph (share rows, tag lists, "Advertisement").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import signals

if TYPE_CHECKING:
    from .flat import Flat
    from .scoring import Scores
    from .tuning import Tuning


def prune(flat: Flat, scores: Scores, root: int, tuning: Tuning) -> list[int]:
    """Return the numbers of the elements to leave out under ``root``, in document order."""
    flags = flat.flags
    end = flat.end
    chars = flat.chars
    link_chars = flat.link_chars
    is_block = flat.is_block
    net = scores.net
    paragraphs = scores.paragraphs
    hinted = scores.hinted
    keep_share = tuning.keep_hinted_share * max(net[root], 0.0)
    max_link = tuning.max_link_density
    prune_below = -tuning.prune_below
    dropped: list[int] = []
    index = root + 1
    stop = end[root]
    while index < stop:
        flag = flags[index]
        drop = False
        if flag & signals.HIDDEN:
            drop = True
        elif hinted[index]:
            drop = net[index] < keep_share
        elif is_block[index]:
            size = chars[index]
            if (size and link_chars[index] > size * max_link) or (
                not paragraphs[index] and net[index] * 1.0 < prune_below
            ):
                drop = True
        if drop:
            dropped.append(index)
            index = end[index]
        else:
            index += 1
    return dropped
