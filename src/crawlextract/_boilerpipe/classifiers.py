"""Filters that label blocks or decide which are content, without moving them.

The thresholds are boilerpipe's own (Kohlschütter et al., "Boilerplate
Detection using Shallow Text Features", WSDM 2010: a decision tree learned on
news pages), kept as published so the output matches boilerpipe's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, count
from operator import add
from typing import TYPE_CHECKING

from .model import END_OF_TEXT, TITLE, TextBlock

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model import TextDocument

# Phrases that end an article's text (boilerpipe's list), matched on the
# lowercased block: at its start ("comments", "42 comments", ...) or anywhere.
# boilerpipe also lists the prefix " reuters", which can never match a block
# (blocks are stripped), so it is left out.
_END_PHRASES = re.compile(
    r"^(?:comments|please rate this|post a comment|\d+ (?:comments|users responded in))"
    r"|what you think\.\.\.|add your comment|add comment|reader views|have your say"
    r"|reader comments|rtta artikeln"
)
_END_EXACT = "thanks for your comments - this feedback is now closed"
# A terminating block is short: fewer than this many words ...
_END_MAX_WORDS = 15
# ... and at least this many characters.
_END_MIN_CHARS = 8


# Every end phrase contains one of these: a search for them over all short
# blocks at once finds the few blocks worth the exact test.
_END_KEYWORDS = (
    b"comment",
    b"please rate this",
    b"what you think...",
    b"reader views",
    b"have your say",
    b"rtta artikeln",
    b"users responded in",
)


def mark_end_of_text(document: TextDocument) -> None:
    """Label short blocks such as "Add your comment" or "42 comments" as the end of the text."""
    short = [
        block
        for block in document.blocks
        if block.num_words < _END_MAX_WORDS and len(block.text) >= _END_MIN_CHARS
    ]
    for index in _blocks_holding(short, _END_KEYWORDS):
        block = short[index]
        text = block.text.lower()
        if _END_PHRASES.search(text) or text == _END_EXACT:
            block.add_label(END_OF_TEXT)


# Up to this many hits, each is mapped to its block by counting; beyond, by a table.
_FEW_HITS = 16


def _blocks_holding(blocks: list[TextBlock], needles: Iterable[bytes]) -> Iterable[int]:
    """Return, in order, the indices of the blocks whose lowercased text may hold a needle.

    The needles are lowercase ASCII, as bytes. A superset: the caller tests each block it
    gets. A few searches over all blocks at once replace a lowercasing and a
    search per block.
    """
    joined = "\x00".join([block.text for block in blocks])
    if not joined.isascii() and ("\u0130" in joined or "\u212a" in joined):
        # The only characters that lowercase to ASCII letters ("İ", Kelvin "K").
        return range(len(blocks))
    # Lowercasing UTF-8 bytes lowercases the ASCII letters only, and fast; all
    # other characters lowercase to non-ASCII ones. So a block whose lowercased
    # text holds an ASCII needle holds it here too.
    page = joined.encode(errors="surrogatepass").lower()
    found = []
    for needle in needles:
        at = page.find(needle)
        while at >= 0:
            found.append(at)
            at = page.find(needle, at + 1)
    if not found:
        return ()
    if page.count(b"\x00") != len(blocks) - 1:
        return range(len(blocks))  # a text holds a NUL: positions no longer map to blocks
    if len(found) <= _FEW_HITS:
        # The block of a position is the number of separators before it.
        return sorted({page.count(b"\x00", 0, at) for at in found})
    # Many hits: look each one up among where the blocks start (a block's
    # start is the length of the blocks and separators before it).
    starts = list(map(add, accumulate(map(len, page.split(b"\x00")), initial=0), count()))
    return sorted({bisect_right(starts, at) - 1 for at in found})


# Separators a page title is split at, from strict to loose; the longest part
# of each split is a candidate headline ("Headline | Site" -> "Headline").
# Each comes with the characters it splits at.
_TITLE_SEPARATORS = (
    (re.compile(r" *[|:] *"), "|:"),
    (re.compile(r" *[|:()] *"), "|:()"),
    (re.compile(r" *[|:()\-] *"), "|:()-"),
    (re.compile(r" *[|,:()\-] *"), "|,:()-"),
)
_WORD = re.compile(r"\w+")


def mark_title(document: TextDocument) -> None:
    """Label blocks whose whole text is the page title or its longest part."""
    candidates = title_candidates(document.title)
    if not candidates:
        return
    blocks = document.blocks
    # Lowercasing keeps the length of a text unless it holds an "İ" (the one
    # character that lowercases to two: "i" and a combining dot), so when no
    # candidate has that dot, blocks of other lengths are ruled out unread.
    maybe: Iterable[int] = range(len(blocks))
    if not any("\u0307" in candidate for candidate in candidates):
        lengths = {len(candidate) for candidate in candidates}
        maybe = [index for index, block in enumerate(blocks) if len(block.text) in lengths]
    for index in maybe:
        block = blocks[index]
        if block.text.lower() in candidates:
            block.add_label(TITLE)


def title_candidates(title: str | None) -> set[str]:
    """Return the lowercased headlines a page title may stand for."""
    if title is None or not title.strip():
        return set()
    title = title.strip()
    candidates = {title}
    split_at = ""  # the characters of the title the last split cut at
    for separator, characters in _TITLE_SEPARATORS:
        present = "".join(char for char in characters if char in title)
        if present == split_at:
            continue  # the same cuts as the last split (or none): the same part
        split_at = present
        part = _longest_part(separator.split(title))
        if part:
            candidates.add(part)
    return {candidate.lower() for candidate in candidates}


def _longest_part(parts: list[str]) -> str:
    if len(parts) < 2:
        return ""
    best = ""
    best_words = 0
    for part in parts:
        if ".com" in part:  # the site's name, not the headline
            continue
        words = len(_WORD.findall(part))
        # boilerpipe takes a part with more words *or* more characters, so a
        # later, longer part wins even with fewer words.
        if words > best_words or len(part) > len(best):
            best_words = words
            best = part
    return best.strip()


_EMPTY = TextBlock("", 0, 0, -1, 0)


def classify_by_word_counts(document: TextDocument) -> None:
    """Decide content by each block's words and link density and its neighbours' words.

    The decision tree of boilerpipe's NumWordsRulesClassifier; a missing
    neighbour counts as an empty block.
    """
    # One loop with the tree written out: a call and two property reads per
    # block cost more than the decisions. Each block is looked at once, as the
    # next block of the one before.
    blocks = document.blocks
    if not blocks:
        return
    previous_words = 0
    previous_density = 0.0
    block = blocks[0]
    words = block.num_words
    density = block.num_linked_words / words if words else 0.0
    for following in (*blocks[1:], _EMPTY):
        following_words = following.num_words
        # The learned tree, thresholds as published.
        if density > 0.333333:
            block.is_content = False
        elif previous_density <= 0.555556:
            block.is_content = words > 16 or following_words > 15 or previous_words > 4
        else:
            block.is_content = words > 40 or following_words > 17
        previous_words = words
        previous_density = density
        block = following
        words = following_words
        density = block.num_linked_words / words if words else 0.0


# Words of dense text (see below) that must come before an end-of-text label
# for it to count; boilerpipe's default.
_MIN_WORDS_BEFORE_END = 60
# A block is "full text" when it has at least this many words per wrapped line.
_FULL_TEXT_DENSITY = 9


def drop_after_end_of_text(document: TextDocument) -> None:
    """Make every block from the first end-of-text label on boilerplate.

    The label only counts once enough full-text words (words of content blocks
    with at least 9 words per line) came before it.
    """
    if not any(END_OF_TEXT in block.labels for block in document.blocks):
        return  # the common case; it spares computing text densities
    words = 0
    ended = False
    for block in document.blocks:
        if not ended:
            if block.is_content and block.text_density >= _FULL_TEXT_DENSITY:
                words += block.num_words
            ended = END_OF_TEXT in block.labels and words >= _MIN_WORDS_BEFORE_END
        if ended:
            block.is_content = False
