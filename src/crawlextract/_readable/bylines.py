"""Who wrote each post, and when: the bylines of a thread's posts.

A forum thread or a Q&A page shows each post with its author's name and its
date, and a reader takes them as part of the thread (the issue's "all posts,
in order, with authors"). Pruning drops them: the name is a link to the
author's profile and the date a permalink (link-heavy blocks), and both often
sit in a ``<header>`` (a boilerplate hint).

The evidence is the page's own markup, not its words: schema.org microdata
names the author (``itemprop="name"`` inside a ``Person``, or a plain
``itemprop="author"``), and so does a text link to the same address as the
avatar before it (a link around a picture and no text: both go to the
author's profile; on a listing, the title beside a card's picture);
``<time>`` (or ``itemprop="datePublished"``) is the date. An article has one
byline, which the benchmarks' annotated bodies leave out; so bylines are kept
only when the chosen content holds the authors and dates of several posts.
A quote's attribution ("Ada said:", the first line of a ``<blockquote>``,
all link: it links to the post quoted) comes back with them.
A dropped subtree that holds a byline is then replaced by the parts of it
beside the path down to the byline: the name and the date come back, the
avatar, the buttons and the counters beside them stay out. Hidden elements
stay out whatever they hold.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from .signals import CONTENT, MOBILE_ONLY

if TYPE_CHECKING:
    from collections.abc import Callable

    from .flat import Flat
    from .tuning import Tuning

_DATE_PROPERTIES = frozenset({"datepublished", "datecreated"})
_AUTHOR_PROPERTIES = frozenset({"author", "creator"})
# The most bylines one post's header holds: a name, a date and an edit date.
_ONE_POST = 3
_TEXT_PROPERTIES = frozenset({"text", "commenttext", "articlebody"})


def _in_person(flat: Flat, index: int, top: int) -> bool:
    # Whether the nearest item scope around ``index`` (itself included, up to
    # ``top``) is a schema.org Person.
    parent = flat.parent
    elements = flat.elements
    here = index
    while here >= top:
        attrs = elements[here].attrs
        if "itemscope" in attrs:
            return attrs.get("itemtype", "").rstrip("/").lower().endswith("person")
        here = parent[here]
    return False


def _bylines(flat: Flat, root: int) -> tuple[list[int], list[int], list[int]]:
    # The author names, the dates and the quotes' attributions under ``root``.
    authors: list[int] = []
    dates: list[int] = []
    quotes: list[int] = []
    elements = flat.elements
    chars = flat.chars
    end = flat.end
    # The target of the last avatar (a link around a picture and no text):
    # the name beside it links to the same profile.
    avatar = None
    index = root
    stop = end[root]
    while index < stop:
        element = elements[index]
        if not chars[index]:  # no text below, maybe an avatar
            if element.tag == "a":
                if any(elements[inner].tag == "img" for inner in range(index + 1, end[index])):
                    avatar = element.attrs.get("href") or None
                index = end[index]
            else:
                index += 1
            continue
        if element.tag == "blockquote":
            quotes.extend(_attribution(flat, index))
        kind = _kind(flat, index, root)
        if kind is None and avatar is not None and element.tag == "a":
            kind = _AUTHOR if element.attrs.get("href") == avatar else None
        if kind is None:
            index += 1
            continue
        (authors if kind == _AUTHOR else dates).append(index)
        if kind == _AUTHOR:
            avatar = None
        index = end[index]
    return authors, dates, quotes


_AUTHOR = "author"
_DATE = "date"


def _kind(flat: Flat, index: int, root: int) -> str | None:
    # Whether the markup says ``index`` is a date or an author's name.
    element = flat.elements[index]
    if element.tag == "time":
        return _DATE
    itemprop = element.attrs.get("itemprop")
    if not itemprop:
        return None
    properties = set(itemprop.lower().split())
    if properties & _DATE_PROPERTIES:
        return _DATE
    if ("name" in properties and _in_person(flat, index, root)) or (
        properties & _AUTHOR_PROPERTIES and "itemscope" not in element.attrs
    ):
        return _AUTHOR  # a Person's name, or a plain author name
    return None


def _attribution(flat: Flat, quote: int) -> list[int]:
    # A quote's first line when it is all link ("Ada said:", linking to the post quoted).
    chars = flat.chars
    end = flat.end
    first = quote + 1
    while first < end[quote] and not chars[first]:
        first = end[first]
    if first < end[quote] and flat.link_chars[first] == chars[first]:
        return [first]
    return []


def thread_bylines(
    flat: Flat, roots: list[int], dropped: list[int], paragraphs: list[int], tuning: Tuning
) -> list[int]:
    """The bylines under ``roots`` when they are a thread's posts (else none), in order.

    The roots are a thread when their markup names at least
    ``tuning.byline_authors`` authors and as many dates. Bylines in a
    ``dropped`` subtree that holds prose (per ``paragraphs``: a comment
    section left out of an article) or more bylines than one post's header
    (a list of related posts) go with it: they neither count nor come back.
    """
    found = [_bylines(flat, root) for root in roots]
    every = sorted(index for one in found for kind in one for index in kind)
    end = flat.end
    # A dropped region with prose, or with the bylines of several posts (a
    # list of related posts), is left out with its bylines.
    gone = [
        index
        for index in dropped
        if paragraphs[index]
        or bisect_left(every, end[index]) - bisect_left(every, index) > _ONE_POST
    ]
    authors = _outside(flat, gone, [index for one in found for index in one[0]])
    dates = _outside(flat, gone, [index for one in found for index in one[1]])
    # Posts are dated: a list of people (a firm's team) names them undated.
    if min(len(authors), len(dates)) < tuning.byline_authors:
        return []
    quotes = _outside(flat, gone, [index for one in found for index in one[2]])
    return sorted(authors + dates + quotes)


def _outside(flat: Flat, gone: list[int], indices: list[int]) -> list[int]:
    # The ``indices`` outside every subtree in the sorted ``gone``.
    end = flat.end
    kept = []
    for index in indices:
        place = bisect_right(gone, index) - 1
        if place < 0 or index >= end[gone[place]]:
            kept.append(index)
    return kept


def with_bylines(flat: Flat, dropped: list[int], wanted: list[int]) -> list[int]:
    """``dropped``, less what hides the ``wanted`` bylines (the paths down to them)."""
    parent = flat.parent
    end = flat.end
    flags = flat.flags
    hidden = flat.hidden | MOBILE_ONLY
    kept: list[int] = []
    for skip in dropped:
        first = bisect_left(wanted, skip)
        # The paths from ``skip`` down to its bylines, none through a hidden element.
        paths: set[int] = set()
        if not flags[skip] & hidden:
            for index in wanted[first : bisect_left(wanted, end[skip], first)]:
                path = []
                here = index
                while here != skip and not flags[here] & hidden:
                    path.append(here)
                    here = parent[here]
                if here == skip:
                    paths.update(path)
                    paths.add(skip)
        if not paths:
            kept.append(skip)
            continue
        # What sits beside the paths stays out: the avatar, the buttons, the counters.
        for node in sorted(paths):
            if node not in wanted:
                kept.extend(child for child in flat.children(node) if child not in paths)
    return sorted(kept)


def post_labels(
    flat: Flat,
    dropped: list[int],
    strict: list[int],
    bylines: list[int],
    inside: Callable[[int], list[int]],
) -> list[int]:
    """``strict`` (a thread's roots pruned of smaller label groups), within bounds.

    Where ``strict`` drops an element that ``dropped`` keeps: if it is mostly
    links, it is an item (a card's title, date and author), not a member's
    counters, and what ``dropped`` drops inside it is used; if it holds a
    byline and a post's text (a content-hinted element, ``itemprop="text"``
    or a quote), only what ``inside`` drops in it goes, so a one-line post
    stays.
    """
    end = flat.end
    chars = flat.chars
    links = flat.link_chars
    known = set(dropped)
    # The posts' texts: content-hinted elements (<article>, "post-content"),
    # microdata texts (itemprop="text") and quotes (another post's text).
    flags = flat.flags
    elements = flat.elements
    bodies = [
        index
        for root in strict
        for index in range(root, end[root])
        if flags[index] & CONTENT
        or elements[index].tag == "blockquote"
        or elements[index].attrs.get("itemprop", "").lower() in _TEXT_PROPERTIES
    ]
    result: list[int] = []
    work = list(strict)
    while work:
        index = work.pop()
        if index in known:
            result.append(index)
        elif 2 * links[index] > chars[index]:
            first = bisect_left(dropped, index)
            result.extend(dropped[first : bisect_left(dropped, end[index], first)])
        elif _holds(bylines, index, end[index]) and _holds(bodies, index, end[index]):
            work.extend(inside(index))
        else:
            result.append(index)
    return sorted(result)


def _holds(ordered: list[int], start: int, stop: int) -> bool:
    # Whether the sorted ``ordered`` has a number in ``start .. stop - 1``.
    return bisect_left(ordered, stop) > bisect_left(ordered, start)
