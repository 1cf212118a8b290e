"""``<a href>``: ``[text](absolute-url "title")``; unsafe targets keep only their text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .escape import link_title, strip_markers
from .tokens import DATA, LINK_OPEN, Opener

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Walker


def link(walker: Walker, element: Element) -> None:
    """Open a link when it has a safe target and links are wanted; its text is walked either way."""
    href = element.attrs.get("href")
    children = element.children
    if href is not None and not walker.link_depth and walker.include_links:
        url = walker.targets.target(href)
        if url:
            title = element.attrs.get("title")
            if title:
                url += link_title(title, in_table=walker.cell_depth > 0)
            parts = walker.parts
            data = walker.data
            parts.append(DATA)
            data.append(LINK_OPEN)
            if len(children) == 1 and type(children[0]) is str:
                # Most links hold only text: write it and the end now, leaving
                # no work on the stack. (Text that is the marker itself, from a
                # hand-made tree, makes the render walk again with clean text.)
                text = children[0]
                parts.append(strip_markers(text) if walker.clean_text else text)
                parts.append(DATA)
                data.append(url)
                return
            walker.link_depth = 1  # never more: a link inside a link is only text
            # The link may hold blocks (a card, a teaser): its opener carries the
            # target, so the assembler can link the text of every block in it.
            data[-1] = opener = Opener("[", url)
            walker.stack.append((_close, opener))
    walker.stack.extend(reversed(children))


def _close(walker: Walker, opener: Opener) -> None:
    walker.link_depth = 0
    parts = walker.parts
    data = walker.data
    # walker.wrote(opener), inline.
    if parts[-1] is DATA and data and data[-1] is opener:
        parts.pop()  # no text: no link
        data.pop()
    else:
        parts.append(DATA)
        data.append(opener.target)  # a str payload is a link end
