"""Decide what to leave out inside the chosen root.

Dropped, with their subtrees: what a reader never sees as text; the ``<h1>``
title; elements hinted as boilerplate (unless they hold most of the root's
content, where the hint was on the article itself); link-heavy blocks; and
groups of short labels with no paragraph (share rows, tag lists,
"Advertisement"); forms and description lists with no prose paragraph; and
second copies of a part of the content (:mod:`.copies`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .copies import Copies
from .signals import HEADINGS, LABEL, MOBILE_ONLY

# Headings below the page's title (<h1>): a section's heading.
SECTION_HEADINGS = HEADINGS - {"h1"}

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
        elif tag == "a":
            drop = chars[index] <= 1 and _is_permalink(flat, index)
        elif tag in SECTION_HEADINGS:
            # A section heading that is a link (a listicle's item, a card's
            # title) heads content inside the root: no navigation, dropped
            # only as a label; one that links to itself (the anchor a
            # documentation generator wraps every heading in) never. A
            # linked heading with no text after it heads nothing (a "Home"
            # link styled as a heading at the end).
            drop = (
                not paragraphs[index]
                and net[index] < prune_below
                and not _links_within_page(flat, index)
            ) or (
                link_chars[index] > chars[index] * max_link and not _text_after(flat, index, stop)
            )
        elif is_block[index]:
            size = chars[index]
            drop = bool(size) and link_chars[index] > size * max_link
            if drop and flat.site and _cites(flat, index, tuning):
                # Links to other sites (a list of sources, where to buy what
                # the article reviews) are no navigation of this one.
                drop = False
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


def _text_after(flat: Flat, index: int, stop: int) -> bool:
    """Whether any text follows the subtree of ``index`` before ``stop``."""
    chars = flat.chars
    end = flat.end
    after = end[index]
    while after < stop:
        if chars[after]:
            return True
        after = end[after]
    return False


def _links_within_page(flat: Flat, index: int) -> bool:
    """Whether every link under ``index`` points into the page itself (``href="#..."``)."""
    found = False
    for element in flat.elements[index + 1 : flat.end[index]]:
        if element.tag == "a":
            if not element.attrs.get("href", "").startswith("#"):
                return False
            found = True
    return found


# Pictures a link may wrap that belong to the text (a photo that opens larger).
_PICTURES = frozenset({"img", "picture", "video"})


def _is_permalink(flat: Flat, index: int) -> bool:
    """Whether the link at ``index`` is a permalink: into the page, showing an icon or a sign.

    Documentation generators put one beside every heading and definition
    (``<a href="#usage"><svg/></a>``, ``<a class=headerlink href="#usage">¶</a>``);
    the renderer writes its ``aria-label`` ("Direct link to heading") or a
    sign, which is no part of the text. A footnote reference (``[1]``) has a
    letter or digit and stays; so does a picture in a link.
    """
    element = flat.elements[index]
    if not element.attrs.get("href", "").startswith("#"):
        return False
    text = element.text().strip()
    if text and (len(text) > 1 or text.isalnum()):
        return False
    return all(inner.tag not in _PICTURES for inner in flat.elements[index + 1 : flat.end[index]])


def site_of(url: str | None) -> str | None:
    """The last two labels of ``url``'s host (``example.com`` for ``www.example.com``), or ``None``.

    Two labels, not a public-suffix lookup: under a suffix such as ``co.uk``
    every site looks alike, so their links count as the page's own and are
    pruned as before.
    """
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return ".".join(host.rstrip(".").split(".")[-2:]) if host else None


def _cites(flat: Flat, index: int, tuning: Tuning) -> bool:
    """Whether the block's absolute links point to other sites than the page's."""
    web = elsewhere = 0
    for element in flat.elements[index + 1 : flat.end[index]]:
        if element.tag == "a":
            href = element.attrs.get("href", "")
            if href.startswith(_WEB):
                web += 1
                if _link_site(href) != flat.site:
                    elsewhere += 1
    return bool(web) and elsewhere >= tuning.cited_share * web


_WEB = ("http://", "https://", "//")
_HOST_END = re.compile(r"[/?#\\]")


def _link_site(href: str) -> str:
    # site_of for an absolute link, by string operations (a few per block):
    # the host is what follows "//" up to the path, less user and port.
    host = _HOST_END.split(href.split("//", 1)[1], 1)[0].rpartition("@")[2]
    host = host.rpartition(":")[0] if host.count(":") == 1 else host
    return ".".join(host.lower().rstrip(".").split(".")[-2:])
