"""Decide what to leave out inside the chosen root.

Dropped, with their subtrees: what a reader never sees as text; the ``<h1>``
title; elements hinted as boilerplate (unless they hold most of the root's
content, where the hint was on the article itself); link-heavy blocks; and
groups of short labels with no paragraph (share rows, tag lists,
"Advertisement"); forms and description lists with no prose paragraph; and
second copies of a part of the content (:mod:`.copies`).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress
from typing import TYPE_CHECKING

from .copies import Copies
from .signals import LABEL, MOBILE_ONLY

if TYPE_CHECKING:
    from crawlextract._readable.flat import Flat
    from crawlextract._readable.scoring import Scores
    from crawlextract._readable.tuning import Tuning


def prune(
    flat: Flat, scores: Scores, root: int, tuning: Tuning, *, links: bool = False
) -> list[int]:
    """Return the numbers of the elements to leave out under ``root``, in document order.

    ``links``: the page is a page of links (see :mod:`.recover`): link-heavy
    blocks are its items, not navigation, and stay.
    """
    flags = flat.flags
    # What the walk hid, and what a desktop screen does not show (the
    # mobile copy of the content beside it).
    skipped = flat.hidden | MOBILE_ONLY
    end = flat.end
    chars = flat.chars
    link_chars = flat.link_chars
    is_block = flat.is_block
    elements = flat.elements
    net = scores.net
    raw = scores.raw
    paragraphs = scores.paragraphs
    hinted = scores.hinted
    # Measured without hints: the root's own score is lowered by the very
    # hints being judged here.
    keep_share = tuning.keep_hinted_share * max(raw[root], 0.0)
    max_link = 1.0 if links else tuning.max_link_density
    prune_below = float("-inf") if links else -tuning.prune_below
    title = "h1" if tuning.drop_title else None
    firm = tuning.firm_tags
    no_prose_tags = tuning.no_prose_tags
    block_chars = flat.block_chars
    copies = Copies(flat, root, tuning.copy_levels)
    copy_min = tuning.copy_min_chars / flat.scale
    dropped: list[int] = []
    index = root + 1
    stop = end[root]
    while index < stop:
        tag = elements[index].tag
        if flags[index] & skipped or tag == title:
            drop = True
        elif tag in no_prose_tags and not paragraphs[index]:
            # A form with no prose is its fields' labels (a sign-up box, a
            # search); a form around the article (ASP.NET pages) holds prose.
            # A description list with no prose is labels and values: a
            # post's author stats ("Joined", "Messages"), an item's metadata.
            drop = True
        elif hinted[index]:
            # A hinted <footer> goes however much it holds: it is never a
            # wrapper of the article (its legal fine print outweighed a
            # product's description in a widened root).
            drop = raw[index] < keep_share or tag in firm
        elif is_block[index]:
            size = chars[index]
            drop = bool(size) and link_chars[index] > size * max_link
            drop = drop or (not paragraphs[index] and net[index] < prune_below)
            # A second copy (a cloned slide, a responsive twin): only
            # subtrees of several blocks are looked at.
            drop = drop or (
                size >= copy_min and size > block_chars[index] and copies.is_copy(index)
            )
        else:
            drop = False
        if drop:
            dropped.append(index)
            index = end[index]
        else:
            index += 1
    return dropped


def with_form_labels(flat: Flat, roots: list[int], dropped: list[int]) -> list[int]:
    """``dropped`` and every ``<label>`` left under ``roots``.

    A label names a form field ("First Name", "Email"): interface, not text.
    Added last, so their text still counts when the root is judged a fragment
    (the form is part of what a reader sees there). Only flagged elements are
    looked at (``compress`` skips the rest in C).
    """
    flags = flat.flags
    end = flat.end
    ordered = sorted(dropped)
    labels: list[int] = []
    for root in roots:
        stop = end[root]
        for index in compress(range(root, stop), flags[root:stop]):
            if flags[index] & LABEL:
                skip = bisect_right(ordered, index) - 1
                if skip < 0 or index >= end[ordered[skip]]:
                    labels.append(index)
    return dropped + labels if labels else dropped
