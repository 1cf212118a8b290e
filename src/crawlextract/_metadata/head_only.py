"""Page details from the part of a page before ``<body>``, when the rest cannot change them.

The page-detail rules read the first ``<title>``, ``<meta name="description">``,
``<link rel="canonical">`` and ``<base href>``, every ``<meta name="robots">``,
and the root's ``lang``. Most pages declare all of that before ``<body>``: at
the median of the 181 benchmark pages, the first fifth of the bytes. So page
details alone parse only that part, and use it only when the whole parse would
provably give the same details (``docs/metadata.md``):

1. **The cut is clean.** The part ends just after a ``<body ...>`` tag (the
   first few are tried), and a sentinel element appended to it comes out as
   the only child of ``<body>``. Inside a script, a comment, a title, an
   attribute value or a tag, the sentinel would be text; after anything the
   parser puts in the body, it would not be alone. So the tokenizer was in its data state at the
   cut, every token before it is the one the whole parse reads, the tree built
   from them is the same, and nothing in it sits where later markup could
   move it.
2. **Nothing later counts.** Elements only come from start tags, and a later
   one lands after the part's elements in tree order. So every
   ``<meta``/``<link``/``<title``/``<base``/``<html`` (any ASCII case) after
   the cut is read as a tag and must be one the rules would skip, given what
   the part already declares: no ``robots``; no ``description`` or
   ``canonical`` unless the part has one; no ``<title>``/``<base>`` unless the
   part has one; no ``<html>`` unless the root already has ``lang``. Words are
   looked for after decoding character references and dropping everything but
   letters, so no spelling the parser would read can hide one.

Anything else, including a part with hostile markup, answers ``None`` and the
caller parses the whole page.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from crawlextract._html.guard import START_TAGS_IN_BYTES, needs_scan
from crawlextract._metadata.lexbor_facts import collect_head_facts

from .head import HeadFacts, StillOpen, still_open

if TYPE_CHECKING:
    from collections.abc import Iterator

# A custom element: in the data state it becomes an element wherever it goes.
# A page that names it itself never takes this path, so it cannot be forged.
_SENTINEL_NAME = b"crawlextract-cut"
_SENTINEL = b"<" + _SENTINEL_NAME + b">"
_SENTINEL_TAG = _SENTINEL_NAME.decode("ascii")
# "<body" tags tried as the cut before giving up.
_BODY_TAG_TRIES = 4
# What may follow "<body" in its start tag (the tokenizer's tag name ends there).
_AFTER_TAG_NAME = frozenset(b"\t\n\x0c\r />")
# Later <meta>/<link> tags looked at before the whole parse is the cheaper
# way: the benchmark pages have at most 133 (median 0), and each costs about
# a microsecond here against a few tenths of one in the parser.
_MAX_LATER_TAGS = 1000
_NOT_A_LETTER = re.compile("[^a-z]+")
# What in a tag's bytes could hide a letter from a plain search: a character
# reference, or a control the parser or the page-detail rules drop (C1
# controls are two bytes in UTF-8, starting with 0xC2).
_MAY_HIDE_A_LETTER = re.compile(rb"[&\x00-\x08\x0b\x0e-\x1f\x7f\xc2]")


def head_facts_before_body(page: bytes) -> HeadFacts | None:
    """Collect the head facts from the UTF-8 ``page`` up to its ``<body>`` tag.

    Returns ``None`` when the whole page must be parsed to know them.
    """
    # bytes.lower() changes ASCII letters only, so offsets stay; one lowercase
    # copy answers every case-insensitive search below.
    lowered = page.lower()
    for cut in _body_tag_ends(lowered):
        if lowered.find(_SENTINEL_NAME, 0, cut) >= 0:
            return None
        part = page[:cut]
        if needs_scan(part):  # hostile markup: the whole parse handles it
            return None
        tree = LexborHTMLParser(part + _SENTINEL)
        if _ends_with_sentinel_alone(tree):
            break
    else:
        return None
    facts = collect_head_facts(tree)
    if _later_tags_may_count(page, lowered, cut, still_open(facts)):
        return None
    return facts


def _body_tag_ends(lowered: bytes) -> Iterator[int]:
    # Just after the ">" that follows each "<body" start tag name, for the
    # first few: a script that writes a <body> (document.write) often comes
    # before the real one (10 of the 181 benchmark pages; the real one was
    # never later than the third).
    start = lowered.find(b"<body")
    tries = 0
    while start >= 0 and tries < _BODY_TAG_TRIES:
        after = start + len(b"<body")
        if after < len(lowered) and lowered[after] in _AFTER_TAG_NAME:
            end = lowered.find(b">", after)
            if end < 0:
                return
            tries += 1
            yield end + 1
        start = lowered.find(b"<body", after)


def _ends_with_sentinel_alone(tree: LexborHTMLParser) -> bool:
    body = tree.body
    first = body.first_child if body is not None else None
    return first is not None and first.tag == _SENTINEL_TAG and first.next is None


def _later_tags_may_count(page: bytes, lowered: bytes, cut: int, open_: StillOpen) -> bool:
    tags = _later_tags(open_)
    match = tags.search(lowered, cut)
    for _ in range(_MAX_LATER_TAGS):
        if match is None:
            return False
        start = match.start()
        if lowered[start + 1] not in b"ml":
            return True  # a <title>, <base> or <html> the rules would read
        end = _tag_end_if_it_cannot_count(page, lowered, start, open_)
        if end is None:
            return True
        # No other tag starts inside this one (a reading that holds a "<" was
        # refused), so the search goes on after it: each byte is read once,
        # however the tags nest.
        match = tags.search(lowered, end)
    return match is not None  # too many to look at: the whole parse is cheaper


@functools.cache
def _later_tags(open_: StillOpen) -> re.Pattern[bytes]:
    # The start tags (in the lowercase copy) that make an element the rules
    # would still read. A longer name (such as <metadata>) matches too: that
    # only sends a page to the whole parse.
    names = [b"meta"]  # every robots meta counts
    if open_.canonical:
        names.append(b"link")
    if open_.title:
        names.append(b"title")
    if open_.base:
        names.append(b"base")
    if open_.language:
        names.append(b"html")
    return re.compile(b"<(?:" + b"|".join(names) + b")")


def _tag_end_if_it_cannot_count(
    page: bytes, lowered: bytes, start: int, open_: StillOpen
) -> int | None:
    # One <meta or <link start tag: where it ends if it cannot name what the
    # rules read, else None.
    tag = START_TAGS_IN_BYTES.match(lowered, start)
    if tag is None:  # cannot happen after "<m" or "<l"; say "may count" anyway
        return None
    end = tag.end()  # at its ">" or the end of the page, as for the parser
    words = tag.group()
    if b"<" in words[1:]:
        # Another tag may start inside this one's reading: where an unquoted
        # value runs into a quote the parser ends the tag sooner.
        return None
    if _MAY_HIDE_A_LETTER.search(words):
        words = _letters(page[start:end])
    if lowered[start + 1] == ord("m"):
        counts = b"robots" in words or (open_.description and b"description" in words)
    else:
        counts = b"canonical" in words
    return None if counts else end


def _letters(tag: bytes) -> bytes:
    # The tag's text as the rules could see it in an attribute value, reduced
    # to lowercase ASCII letters: references decoded (html.unescape decodes at
    # least what the parser does in a value), then controls, and everything
    # else that could sit between two letters, dropped.
    text = html.unescape(tag.decode("latin-1"))
    return _NOT_A_LETTER.sub("", text.lower()).encode("ascii")
