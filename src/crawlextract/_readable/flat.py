"""One linear pass that numbers the elements and counts their text.

Elements are numbered in document (pre-)order, so the subtree of element ``i``
is exactly the numbers ``i .. end[i] - 1`` and a descendant always has a larger
number than its ancestors: every later stage is a loop over plain lists, forward
(top-down) or backward (bottom-up), never a recursion.

Text is counted twice: per element (its own text nodes, summed over subtrees)
and per *block*, the nearest non-phrasing ancestor, which is the unit a reader
sees as a paragraph: ``<p>text <a>link</a> more</p>`` is one block whose text is
all three pieces and whose link text is "link".

Counts are characters without the surrounding whitespace. Scripts written
without spaces (CJK) carry about three times the meaning per character, so a
page mostly in those scripts gets ``scale`` 3 and every character threshold is
divided by it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import signals

if TYPE_CHECKING:
    from crawlextract._deadline import Deadline
    from crawlextract._dom import Element

# How many elements to number between deadline checks (cheap, frequent enough).
_CHECK_EVERY = 4096
# Characters at or above this code point are CJK ideographs, kana or hangul.
_WIDE = 0x2E80
# A page whose sampled text is at least this share wide characters is scaled.
# Any share between 0.2 and 0.6 separates the benchmark's CJK pages from the rest.
_WIDE_SHARE = 0.3
_WIDE_SCALE = 3.0
# How many characters of text to sample for the script test.
_SAMPLE = 2000


class Flat:
    """The numbered elements of a page and their text counts (parallel lists)."""

    __slots__ = (
        "block_chars", "block_link", "block_punct", "busy", "chars", "elements", "end", "flags",
        "is_block", "link_chars", "parent", "scale",
    )  # fmt: skip

    def __init__(self) -> None:
        """Start with no elements."""
        #: The elements, in document order.
        self.elements: list[Element] = []
        #: The number of each element's parent (-1 for the first).
        self.parent: list[int] = []
        #: One past the number of each element's last descendant.
        self.end: list[int] = []
        #: :mod:`.signals` flags of each element.
        self.flags: list[int] = []
        #: Whether the element is a block (not phrasing content).
        self.is_block: list[bool] = []
        #: Characters of text in the subtree.
        self.chars: list[int] = []
        #: Characters of link text in the subtree.
        self.link_chars: list[int] = []
        #: Characters of text of the block (phrasing descendants included); 0 for inline.
        self.block_chars: list[int] = []
        #: Characters of link text of the block.
        self.block_link: list[int] = []
        #: Commas and full stops in the block's non-link text (clauses, sentences).
        self.block_punct: list[int] = []
        #: How many children hold text (element children only).
        self.busy: list[int] = []
        #: Character-threshold divisor: 1, or more for scripts written without spaces.
        self.scale = 1.0


# One hot loop over every node of the page: split into per-node calls it ran
# about a third slower, so its branches stay together.
def flatten(root: Element, deadline: Deadline | None = None) -> Flat:  # noqa: C901, PLR0912, PLR0915
    """Number the elements under ``root`` and count their text."""
    flat = Flat()
    elements = flat.elements
    parent = flat.parent
    flags_of = flat.flags
    is_block = flat.is_block
    own = flat.chars
    own_link = flat.link_chars
    block_chars = flat.block_chars
    block_link = flat.block_link
    block_punct = flat.block_punct
    name_cache: dict[str, int] = {}
    samples: list[str] = []
    sampled = 0
    never = signals.NEVER_CONTENT
    inline = signals.INLINE
    boilerplate_tags = signals.BOILERPLATE_TAGS
    # (element, parent number, block number, inside a link)
    stack: list[tuple[Element, int, int, bool]] = [(root, -1, -1, False)]
    while stack:
        element, up, block, in_link = stack.pop()
        index = len(elements)
        if deadline is not None and index % _CHECK_EVERY == 0:
            deadline.check()
        elements.append(element)
        parent.append(up)
        own.append(0)
        own_link.append(0)
        block_chars.append(0)
        block_link.append(0)
        block_punct.append(0)
        tag = element.tag
        attrs = element.attrs
        flags = 0
        if tag in never or (attrs and signals.is_hidden(attrs)):
            flags = signals.HIDDEN
        else:
            # The classes of <body> and <html> describe the whole page
            # ("single-post has-sidebar"), never one part of it.
            if attrs and tag != "body" and tag != "html":  # noqa: PLR1714
                names = attrs.get("class", "") + " " + attrs.get("id", "")
                if len(names) > 1:
                    cached = name_cache.get(names)
                    if cached is None:
                        cached = name_cache[names] = signals.name_flags(names)
                    flags = cached
                if attrs.get("itemprop", "").lower() == "articlebody":
                    flags |= signals.CONTENT
            if tag in boilerplate_tags:
                flags |= signals.BOILERPLATE
            elif tag == "article" or tag == "main":  # noqa: PLR1714 - two tags read clearer
                flags |= signals.CONTENT
        flags_of.append(flags)
        block_here = tag not in inline
        is_block.append(block_here)
        if flags & signals.HIDDEN:
            continue
        if block_here:
            block = index
        linked = in_link or tag == "a"
        for child in reversed(element.children):
            if isinstance(child, str):
                text = child.strip()
                size = len(text)
                if not size:
                    continue
                own[index] += size
                if block >= 0:
                    block_chars[block] += size
                    if linked:
                        block_link[block] += size
                    elif size > 1:
                        block_punct[block] += (
                            text.count(",")
                            + text.count(". ")
                            + text.count("\uff0c")
                            + text.count("\u3002")
                            + text.count("\u3001")
                        )
                if linked:
                    own_link[index] += size
                if sampled < _SAMPLE and size > 20:
                    samples.append(text)
                    sampled += size
            else:
                stack.append((child, index, block, linked))
    _sum_subtrees(flat)
    flat.scale = _script_scale(samples)
    return flat


def _sum_subtrees(flat: Flat) -> None:
    # Backward over document order: every descendant is summed before its ancestor.
    count = len(flat.elements)
    parent = flat.parent
    chars = flat.chars
    link_chars = flat.link_chars
    size = [1] * count
    busy = [0] * count
    for index in range(count - 1, 0, -1):
        up = parent[index]
        if chars[index]:
            busy[up] += 1
        chars[up] += chars[index]
        link_chars[up] += link_chars[index]
        size[up] += size[index]
    flat.end = [index + size[index] for index in range(count)]
    flat.busy = busy


def _script_scale(samples: list[str]) -> float:
    text = "".join(samples)
    if not text:
        return 1.0
    wide = sum(1 for character in text if ord(character) >= _WIDE)
    return _WIDE_SCALE if wide >= _WIDE_SHARE * len(text) else 1.0
