"""``<img>``: ``![alt](absolute-src)`` from the real source of lazy images, once.

The source is the first usable of: ``data-src``, ``data-lazy-src``,
``data-original``, the largest candidate of ``data-srcset`` or ``srcset``,
``src``, and for an image in ``<picture>`` its ``<source srcset>``. ``data:``
and script URLs are never usable (they are placeholders or unsafe).

A ``<noscript>`` copy of an image renders only when no image was written right
before it (the placeholder had no usable source), so an image never shows twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .escape import escape_inline
from .tokens import BLOCK, Literal

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Walker

_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original")
_SRCSETS = ("data-srcset", "srcset")
# One srcset candidate: a URL (which may contain commas, but does not end with
# one), then optional descriptors up to the next comma.
_CANDIDATE = re.compile(r"[\s,]*([^\s,]\S*?)(?:,+(?=\s|$)|,*$|\s+([^,]*))")
_DESCRIPTOR = re.compile(r"(\d+(?:\.\d+)?)([wx])", re.IGNORECASE)
# How many text/marker parts may sit between an image and a <noscript> copy of
# it: the block boundaries and whitespace of a wrapper or two.
_NOSCRIPT_GAP = 6


def largest_candidate(srcset: str) -> str | None:
    """The URL of the largest candidate in a ``srcset`` (width or density descriptor)."""
    best: str | None = None
    best_size = -1.0
    for match in _CANDIDATE.finditer(srcset):
        url = match[1]
        size = 1.0
        descriptor = _DESCRIPTOR.search(match[2] or "")
        if descriptor:
            size = float(descriptor[1])
        if size > best_size:
            best, best_size = url, size
    return best


def _usable(url: str | None, walker: Walker) -> str | None:
    if not url or not url.strip():
        return None
    return walker.targets.target(url)


def source(element: Element, walker: Walker) -> str | None:  # noqa: C901
    """The markdown-ready URL of the image's real source, or ``None``."""
    attrs = element.attrs
    for name in _LAZY_SOURCES:
        found = _usable(attrs.get(name), walker)
        if found:
            return found
    for name in _SRCSETS:
        srcset = attrs.get(name)
        if srcset:
            found = _usable(largest_candidate(srcset), walker)
            if found:
                return found
    found = _usable(attrs.get("src"), walker)
    if found:
        return found
    parent = element.parent
    if parent is not None and parent.tag == "picture":
        for sibling in parent.children:
            if not isinstance(sibling, str) and sibling.tag == "source":
                srcset = sibling.attrs.get("srcset") or sibling.attrs.get("data-srcset")
                if srcset:
                    found = _usable(largest_candidate(srcset), walker)
                    if found:
                        return found
    return None


def image(walker: Walker, element: Element) -> None:
    """Write the image (nothing when images are off or it has no usable source)."""
    if not walker.context.include_images:
        return
    url = source(element, walker)
    if url is None:
        return
    alt = escape_inline(element.attrs.get("alt", ""))
    if walker.cell_depth:
        alt = alt.replace("|", "\\|")
    walker.emit(Literal(f"![{alt}]({url})"))
    walker.image_mark = len(walker.parts)


def noscript(walker: Walker, element: Element) -> None:
    """Write the images of a ``<noscript>`` unless the image before it was written."""
    if not walker.context.include_images:
        return
    parts = walker.parts
    mark = walker.image_mark
    if (
        mark >= 0
        and len(parts) - mark <= _NOSCRIPT_GAP
        and all(part == BLOCK or not part.strip() for part in parts[mark:])
    ):
        return
    for found in element.iter():
        if found.tag == "img":
            image(walker, found)
