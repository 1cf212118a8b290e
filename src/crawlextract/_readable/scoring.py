"""Paragraph-level evidence, summed up the tree.

Each block gets a value: positive for a paragraph of prose (its non-link text,
less its link text), negative for navigation (link-heavy blocks) and, a little,
for short labels. Each element's score is the sum of the values in its subtree,
except that an element hinted as boilerplate (comments, share bars, related
links...) hands its ancestors a penalty instead of its content. The element with
the highest score is then the smallest container that holds the prose without
pulling in more page chrome than prose.
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from . import signals

if TYPE_CHECKING:
    from .flat import Flat
    from .tuning import Tuning


_CELLS = frozenset({"td", "th"})


class Scores:
    """Per-element results of :func:`score` (parallel to :class:`~.flat.Flat`)."""

    __slots__ = ("hinted", "net", "paragraphs", "raw", "value")

    def __init__(
        self,
        value: list[float],
        net: list[float],
        raw: list[float],
        paragraphs: list[int],
        hinted: list[bool],
    ) -> None:
        """Keep the lists."""
        #: The element's own value as a block (0 for inline elements).
        self.value = value
        #: The sum of the values in the subtree (hints inside it applied).
        self.net = net
        #: The same sum with no hint applied: what the text alone says.
        self.raw = raw
        #: How many prose paragraphs the subtree holds.
        self.paragraphs = paragraphs
        #: Whether the element's boilerplate hint holds (it does not wrap the article).
        self.hinted = hinted


def block_values(flat: Flat, tuning: Tuning) -> tuple[list[float], list[int]]:
    """Value each block; return the values and a 1 for each prose paragraph."""
    min_chars = tuning.min_paragraph_chars / flat.scale
    max_link = tuning.max_link_density
    link_penalty = tuning.link_penalty
    short_penalty = tuning.short_penalty
    count = len(flat.elements)
    value = [0.0] * count
    paragraph = [0] * count
    block_link = flat.block_link
    block_chars = flat.block_chars
    block_punct = flat.block_punct
    min_punct = tuning.min_link_prose_punct
    link_cost = tuning.link_cost
    scale = flat.scale
    elements = flat.elements
    # Only blocks with text have a value: compress skips the rest in C.
    for index in compress(range(count), block_chars):
        chars = block_chars[index]
        links = block_link[index]
        if block_punct[index] >= min_punct and chars - links >= min_chars:
            # Sentences: prose, however much of it links (names, sources);
            # its own words count, its links neither add nor cost.
            value[index] = (chars - links) * scale
            paragraph[index] = 1
        elif links > chars * max_link:
            value[index] = -link_penalty * chars * scale
        elif chars - links < min_chars:
            # Short table cells are data, not labels: neutral.
            if elements[index].tag not in _CELLS:
                value[index] = -short_penalty * chars * scale
        else:
            value[index] = (chars - links - link_cost * links) * scale
            paragraph[index] = 1
    return value, paragraph


# One loop over every element, kept whole: it runs once per element of the page.
def score(flat: Flat, tuning: Tuning) -> Scores:  # noqa: C901
    """Sum block values up the tree, applying boilerplate hints."""
    value, paragraph = block_values(flat, tuning)
    net = value[:]
    raw = value[:]
    paragraphs = paragraph[:]
    parent = flat.parent
    flags = flat.flags
    chars = flat.chars
    scale = flat.scale
    penalty = tuning.hint_penalty
    void_share = tuning.keep_hinted_share
    decay = tuning.level_decay
    busy = flat.busy
    count = len(net)
    # The best score of a content-hinted element (<article>, articleBody) in
    # each subtree: a boilerplate hint on a wrapper of the article is void.
    content = [0.0] * count
    hinted = [False] * count
    boilerplate = signals.BOILERPLATE
    content_hint = signals.CONTENT
    # Backward over document order, so every child is summed before its
    # parent; the root (number 0) has no parent and only has its hint judged.
    # The arithmetic is kept exactly as written once: a factor of 1.0 is left
    # out, never reordered.
    for index in range(count - 1, -1, -1):
        here = net[index]
        best = content[index]
        flag = flags[index]
        hint = False
        if flag:
            if flag & boilerplate:
                hint = best < void_share * here or here <= 0
                hinted[index] = hint
            elif flag & content_hint and here > best:
                content[index] = best = here
        if not index:
            break
        up = parent[index]
        if paragraphs[index]:
            paragraphs[up] += paragraphs[index]
        # Most inline elements hold no block: nothing to add (a zero only
        # ever turns -0.0 into 0.0, which compares the same).
        if raw[index]:
            raw[up] += raw[index]
        if best > content[up]:  # noqa: PLR1730 - cheaper than a max() call per element
            content[up] = best
        # A wrapper whose only text is this child passes it up whole.
        if hint:
            if busy[up] > 1:
                net[up] -= decay * penalty * chars[index] * scale
            else:
                net[up] -= penalty * chars[index] * scale
        elif here:
            net[up] += decay * here if busy[up] > 1 else here
    return Scores(value, net, raw, paragraphs, hinted)
