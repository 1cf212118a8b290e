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

import re
from itertools import compress, repeat
from operator import and_
from typing import TYPE_CHECKING

from crawlextract._html.visibility import HIDING_ATTRIBUTES, is_hidden

from . import signals

if TYPE_CHECKING:
    from crawlextract._base.deadline import Deadline
    from crawlextract._html.dom import Element

# The per-element lists grow by this many elements; the deadline is checked
# at each growth: cheap, and often enough to stop within milliseconds of the budget.
_CHUNK = 2048
# Characters at or above this code point are CJK ideographs, kana or hangul.
_WIDE = 0x2E80
# A page whose sampled text is at least this share wide characters is scaled.
# Any share between 0.2 and 0.6 separates the benchmark's CJK pages from the rest.
_WIDE_SHARE = 0.3
_WIDE_SCALE = 3.0
_WIDE_RUN = re.compile(f"[{chr(_WIDE)}-\U0010ffff]+")
# How many characters of text to sample for the script test.
_SAMPLE = 2000


_HIDING_ATTRIBUTES = HIDING_ATTRIBUTES
# Every attribute element_flags reads: an element with none of them has its
# tag's flags.
_TELLING_ATTRIBUTES = _HIDING_ATTRIBUTES | {"class", "id", "itemprop"}

_NEVER_CONTENT = signals.NEVER_CONTENT
_HIDDEN = signals.HIDDEN
_SOFT_HIDDEN = signals.SOFT_HIDDEN
_CONTENT = signals.CONTENT
_is_hidden = is_hidden
_name_flags = signals.name_flags

_TAG_FLAGS = {
    **dict.fromkeys(signals.NEVER_CONTENT, signals.HIDDEN),
    **dict.fromkeys(signals.SOFT_HIDDEN_TAGS, signals.SOFT_HIDDEN),
    **dict.fromkeys(signals.BOILERPLATE_TAGS, signals.BOILERPLATE),
    "article": signals.CONTENT,
    "main": signals.CONTENT,
    "label": signals.LABEL,
}


class Flat:
    """The numbered elements of a page and their text counts (parallel lists)."""

    __slots__ = (
        "block_chars", "block_link", "block_punct", "busy", "chars", "elements", "end", "flags",
        "hidden", "is_block", "link_chars", "parent", "scale", "site",
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
        #: The flags that hid an element from this walk (SOFT_HIDDEN unless revealed).
        self.hidden = signals.HIDDEN | signals.SOFT_HIDDEN
        #: The page's site (the last two labels of its host), if known.
        self.site: str | None = None

    def children(self, index: int) -> list[int]:
        """The numbers of the element children of ``index``, in document order."""
        end = self.end
        found = []
        child = index + 1
        stop = end[index]
        while child < stop:
            found.append(child)
            child = end[child]
        return found


# One hot loop over every node of the page: split into per-node calls it ran
# about a third slower, so its branches stay together.
def flatten(  # noqa: C901, PLR0912, PLR0915
    root: Element, deadline: Deadline | None = None, *, reveal: bool = False
) -> Flat:
    """Number the elements under ``root`` and count their text.

    With ``reveal``, softly hidden elements (``<noscript>``, hiding classes) are
    walked and counted like any other.
    """
    flat = Flat()
    if reveal:
        flat.hidden = signals.HIDDEN
    elements = flat.elements
    add_element = elements.append
    # The per-element lists grow a chunk at a time, zero-filled: an element
    # then costs one store (and none for a zero flag) instead of an append to
    # each list; they are cut to length after the walk.
    size = _CHUNK
    parent = [0] * size
    end = [0] * size
    flag_list = [0] * size
    own = [0] * size
    own_link = [0] * size
    block_chars = [0] * size
    block_link = [0] * size
    block_punct = [0] * size
    name_cache: dict[str, int] = {}
    word_cache: dict[str, int] = {}
    samples: list[str] = []
    sampled = 0
    inline = signals.INLINE
    hidden = flat.hidden
    tag_flags = _TAG_FLAGS.get
    telling = _TELLING_ATTRIBUTES.isdisjoint
    # The walk keeps one iterator per open element and the context of the
    # element whose children are being read (its number, its block, whether it
    # is inside a link); the contexts of the open ancestors wait in `saved`.
    count = 0
    index = block = -1
    linked = False
    pending: list[Element | str] = [root]
    stack = [iter(pending)]
    saved: list[tuple[int, int, bool]] = []
    while stack:
        for child in stack[-1]:
            if isinstance(child, str):
                # A text node: counted below, for the element being read.
                text = child
                here = index
                here_block = block
                here_linked = linked
            else:
                tag = child.tag
                attrs = child.attrs
                # Most attributes (href, src, alt...) say nothing: only elements
                # with a telling one pay for the call.
                flags = (
                    element_flags(tag, attrs, name_cache, word_cache)
                    if attrs and not telling(attrs)
                    else tag_flags(tag, 0)
                )
                add_element(child)
                parent[count] = index
                if flags:
                    flag_list[count] = flags
                count += 1
                # A subtree not walked into ends here; one walked into is closed
                # when its iterator runs out.
                end[count - 1] = count
                if count == size:
                    if deadline is not None:
                        deadline.check()
                    for column in (
                        parent,
                        end,
                        flag_list,
                        own,
                        own_link,
                        block_chars,
                        block_link,
                        block_punct,
                    ):
                        column.extend([0] * _CHUNK)
                    size += _CHUNK
                children = child.children
                if flags & hidden or not children:
                    continue
                here = count - 1
                if len(children) != 1 or not isinstance(children[0], str):
                    saved.append((index, block, linked))
                    index = here
                    if tag not in inline:
                        block = here
                    linked = linked or tag == "a"
                    stack.append(iter(children))
                    break
                # One text node only (a link, a span, a heading: a third of
                # the elements walked into): counted below like any text,
                # without opening a level of the walk.
                text = children[0]
                here_block = block if tag in inline else here
                here_linked = linked or tag == "a"
            # The one place text is counted: for the element `here`, in the
            # block `here_block`, as link text when inside a link.
            text = text.strip()
            if not text:
                continue
            length = len(text)
            own[here] += length
            block_chars[here_block] += length
            if here_linked:
                own_link[here] += length
                block_link[here_block] += length
            elif length > 1:
                block_punct[here_block] += _punctuation(text)
            if sampled < _SAMPLE and length > 20:
                samples.append(text)
                sampled += length
        else:
            stack.pop()
            if saved:
                end[index] = count
                index, block, linked = saved.pop()
    for column in (parent, end, flag_list, own, own_link, block_chars, block_link, block_punct):
        del column[count:]
    flat.parent = parent
    flat.end = end
    flat.flags = flag_list
    _void_anchor_ids(flat, name_cache, word_cache)
    flat.chars = own
    flat.link_chars = own_link
    flat.block_chars = block_chars
    flat.block_link = block_link
    flat.block_punct = block_punct
    flat.is_block = [element.tag not in inline for element in elements]
    _sum_subtrees(flat)
    flat.scale = _script_scale(samples)
    return flat


def element_flags(
    tag: str, attrs: dict[str, str], cache: dict[str, int], word_cache: dict[str, int]
) -> int:
    """The :mod:`.signals` flags of one element with attributes (names, words cached per page)."""
    # Called for every element with a telling attribute (~400 a page): the
    # cheap membership tests come first, so most elements never call
    # is_hidden; the signals are module constants (no attribute lookups).
    if tag in _NEVER_CONTENT:
        return _TAG_FLAGS[tag]
    if not _HIDING_ATTRIBUTES.isdisjoint(attrs) and _is_hidden(attrs):
        # The bare ``hidden`` attribute is how streamed server rendering parks
        # content until a script moves it into place: hidden softly.
        if "hidden" in attrs and not _is_hidden(
            {name: value for name, value in attrs.items() if name != "hidden"}
        ):
            return _SOFT_HIDDEN
        return _HIDDEN
    flags = _TAG_FLAGS.get(tag, 0)
    # The classes of <body> and <html> describe the whole page ("single-post
    # has-sidebar"), never one part of it.
    if tag == "body" or tag == "html":  # noqa: PLR1714 - two tags read clearer
        return flags
    classes = attrs.get("class")
    ident = attrs.get("id")
    # Whitespace around the names says nothing, so a class alone or an id
    # alone is its own key (no string built).
    names = (f"{classes} {ident}" if ident else classes) if classes else ident
    if names:
        cached = cache.get(names)
        if cached is None:
            cached = cache[names] = _name_flags(names, word_cache)
        flags |= cached
    itemprop = attrs.get("itemprop")
    if itemprop and itemprop.lower() == "articlebody":
        flags |= _CONTENT
    return flags


# An id of at least this many words that spells the element's heading is a
# link anchor (a slug of the heading), not a name for what the element is:
# "what-is-social-media-marketing", "Skip_package_from_being_upgraded".
# Shorter ids that spell a heading ("comments", "related-articles") do name
# the element's role. On the wcxb halves (tune / check): 3 words +0.0002 /
# +0.0001, no page lost, AEB unchanged; 2 words also lost a service page's
# call to action; 1 word lost an article's comment section (tune +0.0002,
# check +0.0002, each with losses).
_ANCHOR_ID_WORDS = 3
_ID_WORD = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
# How many elements into a hinted subtree to look for its heading. Not
# swept: a section's heading is its first or second element, or a few
# wrappers down; 8 finds every heading of the pages that changed and keeps
# the look short on large subtrees.
_HEADING_REACH = 8


def _void_anchor_ids(flat: Flat, name_cache: dict[str, int], word_cache: dict[str, int]) -> None:
    # A boilerplate hint that came from an id spelling the element's own
    # heading is void ("what-is-social-media-marketing" says "social", and
    # an article's section is no share widget). Only hinted elements with
    # an id are looked at: a few a page.
    flags = flat.flags
    elements = flat.elements
    end = flat.end
    boilerplate = signals.BOILERPLATE
    # The hinted elements, picked in C (a map of bit tests, no Python loop);
    # the cheap tests first: an id of enough words, a heading that spells it.
    headings = signals.HEADINGS
    for index in compress(range(len(flags)), map(and_, flags, repeat(boilerplate))):
        attrs = elements[index].attrs
        ident = attrs.get("id")
        if not ident or len(_ID_WORD.findall(ident)) < _ANCHOR_ID_WORDS:
            continue
        heading = next(
            (
                element
                for element in elements[index : min(end[index], index + _HEADING_REACH)]
                if element.tag in headings
            ),
            None,
        )
        if heading is None or _NOT_ALNUM.sub("", heading.text().lower()) != _NOT_ALNUM.sub(
            "", ident.lower()
        ):
            continue
        # The hint stays when the class says the same ("comments-section").
        classes = attrs.get("class")
        if classes:
            by_class = name_cache.get(classes)
            if by_class is None:
                by_class = name_cache[classes] = _name_flags(classes, word_cache)
            if by_class & boilerplate:
                continue
        flags[index] &= ~boilerplate


def _punctuation(text: str) -> int:
    # Commas and sentence ends: clauses and sentences of prose.
    count = text.count(",") + text.count(". ")
    if not text.isascii():  # full-width marks: CJK prose
        count += text.count("\uff0c") + text.count("\u3002")
    return count


def _sum_subtrees(flat: Flat) -> None:
    # Backward over document order: every descendant is summed before its
    # ancestor. Most elements hold no text of their own subtree: zero sums
    # are skipped (integers, so the totals are the same).
    count = len(flat.elements)
    parent = flat.parent
    chars = flat.chars
    link_chars = flat.link_chars
    busy = [0] * count
    for index in range(count - 1, 0, -1):
        size = chars[index]
        if size:
            up = parent[index]
            busy[up] += 1
            chars[up] += size
            links = link_chars[index]
            if links:
                link_chars[up] += links
    flat.busy = busy


def _script_scale(samples: list[str]) -> float:
    text = "".join(samples)
    if not text:
        return 1.0
    # A regex counts in C: a Python loop over the characters cost ~4% of the walk.
    wide = sum(map(len, _WIDE_RUN.findall(text)))
    return _WIDE_SCALE if wide >= _WIDE_SHARE * len(text) else 1.0
