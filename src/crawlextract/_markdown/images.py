"""``<img>``: ``![alt](absolute-src)`` from the real source of lazy images, once.

The source is the first usable of: ``data-src``, ``data-lazy-src``,
``data-original``, the largest candidate of ``data-srcset`` or ``srcset``,
``src``, and for an image in ``<picture>`` its ``<source srcset>``. ``data:``
and script URLs are never usable (they are placeholders or unsafe). The
``<picture>`` rule keeps the open picture on the walker, so an image never
needs to look at its parent.

A ``<noscript>`` copy of an image renders only when no image was written right
before it (the placeholder had no usable source), so an image never shows twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .escape import escape_inline, link_title
from .tokens import BLOCK, DATA, Literal

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .urls import LinkTargets
    from .walk import After, Walker

# Where an image's source may be, in order of preference; True for a srcset.
_SOURCES = (
    ("data-src", False),
    ("data-lazy-src", False),
    ("data-original", False),
    ("data-srcset", True),
    ("srcset", True),
    ("src", False),
)
# One srcset candidate: a URL (which may contain commas, but does not end with
# one), then, after whitespace, descriptors up to the next comma. The URL is
# the run of non-space characters, trailing commas cut off (a run ending with
# a comma ends the candidate: no descriptors follow).
_CANDIDATE_URL = re.compile(r"[\s,]*([^\s,]\S*)")
_DESCRIPTORS = re.compile(r"\s+([^,]*)")
_DESCRIPTOR = re.compile(r"(\d+(?:\.\d+)?)([wx])", re.IGNORECASE)
# How many text/marker parts may sit between an image and a <noscript> copy of
# it: the block boundaries and whitespace of a wrapper or two.
_NOSCRIPT_GAP = 6


def largest_candidate(srcset: str) -> str | None:
    """The URL of the largest candidate in a ``srcset`` (width or density descriptor)."""
    best: str | None = None
    best_size = -1.0
    match = _CANDIDATE_URL.match(srcset)
    while match is not None:
        run = match[1]
        end = match.end()
        url = run.rstrip(",")
        size = 1.0
        if len(url) == len(run):
            descriptors = _DESCRIPTORS.match(srcset, end)
            if descriptors is not None:
                end = descriptors.end()
                descriptor = _DESCRIPTOR.search(descriptors[1])
                if descriptor:
                    size = float(descriptor[1])
        if size > best_size:
            best, best_size = url, size
        match = _CANDIDATE_URL.match(srcset, end)
    return best


def _usable(url: str | None, targets: LinkTargets) -> str | None:
    if not url or url.isspace():
        return None
    return targets.target(url)


def source(element: Element, walker: Walker, picture: Element | None = None) -> str | None:
    """The markdown-ready URL of the image's real source, or ``None``.

    ``picture`` is the innermost ``<picture>`` open around the image; its
    ``<source srcset>`` candidates are the fallback when the image is one of its
    children.
    """
    attrs = element.attrs
    targets = walker.targets
    for name, is_srcset in _SOURCES:
        value = attrs.get(name)
        if value:  # most images lack most of these: no call for a missing one
            found = _usable(largest_candidate(value) if is_srcset else value, targets)
            if found:
                return found
    if picture is not None and element in picture.children:
        return _picture_source(picture, targets)
    return None


def _picture_source(picture: Element, targets: LinkTargets) -> str | None:
    for child in picture.children:
        if not isinstance(child, str) and child.tag == "source":
            srcset = child.attrs.get("srcset") or child.attrs.get("data-srcset")
            if srcset:
                found = _usable(largest_candidate(srcset), targets)
                if found:
                    return found
    return None


def image(walker: Walker, element: Element) -> None:
    """Write the image (nothing when images are off or it has no usable source)."""
    pictures = walker.pictures
    _write(walker, element, pictures[-1] if pictures else None)


def _write(walker: Walker, element: Element, picture: Element | None) -> None:
    if not walker.context.include_images:
        return
    url = source(element, walker, picture)
    if url is None:
        return
    attrs = element.attrs
    alt = escape_inline(attrs.get("alt", ""))
    in_table = walker.cell_depth > 0
    if in_table:
        alt = alt.replace("|", "\\|")
    title = link_title(attrs.get("title"), in_table=in_table)
    walker.emit(Literal(f"![{alt}]({url}{title})"))
    walker.image_mark = (len(walker.parts), len(walker.data))


def picture(walker: Walker, element: Element) -> None:
    """``<picture>``: walked like an inline element, open for its images' fallback."""
    walker.pictures.append(element)
    walker.stack.append(_CLOSE_PICTURE)
    walker.stack.extend(reversed(element.children))


def _close_picture(walker: Walker, _: object) -> None:
    walker.pictures.pop()


_CLOSE_PICTURE: After = (_close_picture, None)


def noscript(walker: Walker, element: Element) -> None:
    """Write the images of a ``<noscript>`` unless the image before it was written."""
    if not walker.context.include_images:
        return
    parts = walker.parts
    mark, data_mark = walker.image_mark
    if (
        mark >= 0
        and len(parts) - mark <= _NOSCRIPT_GAP
        and all(part == DATA or not part.strip() for part in parts[mark:])
        and all(payload is BLOCK for payload in walker.data[data_mark:])
    ):
        return
    # The content is not walked, so no picture is open around its images:
    # note each picture's own images on the way down (a picture comes first).
    pictures: dict[int, Element] = {}
    for found in element.iter():
        if found.tag == "img":
            _write(walker, found, pictures.get(id(found)))
        elif found.tag == "picture":
            for child in found.children:
                if not isinstance(child, str) and child.tag == "img":
                    pictures[id(child)] = found
