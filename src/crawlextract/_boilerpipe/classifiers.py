"""Filters that label blocks or decide which are content, without moving them.

The thresholds are boilerpipe's own (Kohlschütter et al., "Boilerplate
Detection using Shallow Text Features", WSDM 2010: a decision tree learned on
news pages), kept as published so the output matches boilerpipe's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import END_OF_TEXT, TITLE, TextBlock

if TYPE_CHECKING:
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


# Every end phrase contains one of these: one search over all short blocks
# finds the few worth the exact test.
_END_KEYWORDS = re.compile(
    r"comment|please rate this|what you think\.\.\.|reader views|have your say"
    r"|rtta artikeln|users responded in"
)


def mark_end_of_text(document: TextDocument) -> None:
    """Label short blocks such as "Add your comment" or "42 comments" as the end of the text."""
    short = [
        block
        for block in document.blocks
        if block.num_words < _END_MAX_WORDS and len(block.text) >= _END_MIN_CHARS
    ]
    if _END_KEYWORDS.search("\n".join(block.text for block in short).lower()) is None:
        return  # the usual case: one search instead of one per block
    for block in short:
        text = block.text.lower()
        if _END_PHRASES.search(text) or text == _END_EXACT:
            block.add_label(END_OF_TEXT)


# Separators a page title is split at, from strict to loose; the longest part
# of each split is a candidate headline ("Headline | Site" -> "Headline").
_TITLE_SEPARATORS = (
    re.compile(r" *[|:] *"),
    re.compile(r" *[|:()] *"),
    re.compile(r" *[|:()\-] *"),
    re.compile(r" *[|,:()\-] *"),
)
_WORD = re.compile(r"\w+")


def mark_title(document: TextDocument) -> None:
    """Label blocks whose whole text is the page title or its longest part."""
    candidates = title_candidates(document.title)
    if not candidates:
        return
    # Lowercasing keeps the length of ASCII text, so most blocks are ruled out
    # by their length alone.
    lengths = {len(candidate) for candidate in candidates}
    for block in document.blocks:
        text = block.text
        if text.isascii() and len(text) not in lengths:
            continue
        if text.lower() in candidates:
            block.add_label(TITLE)


def title_candidates(title: str | None) -> set[str]:
    """Return the lowercased headlines a page title may stand for."""
    if title is None or not title.strip():
        return set()
    title = title.strip()
    candidates = {title}
    for separator in _TITLE_SEPARATORS:
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
    blocks = document.blocks
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index > 0 else _EMPTY
        following = blocks[index + 1] if index < last else _EMPTY
        block.is_content = _is_content(previous, block, following)


def _is_content(previous: TextBlock, block: TextBlock, following: TextBlock) -> bool:
    # The learned tree, thresholds as published.
    if block.link_density > 0.333333:
        return False
    if previous.link_density <= 0.555556:
        if block.num_words > 16 or following.num_words > 15:
            return True
        return previous.num_words > 4
    return block.num_words > 40 or following.num_words > 17


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
