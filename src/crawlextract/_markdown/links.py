"""``<a href>``: ``[text](absolute-url)``; unsafe targets keep only their text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import DATA, LINK_OPEN

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Walker


def link(walker: Walker, element: Element) -> None:
    """Open a link when it has a safe target and links are wanted; its text is walked either way."""
    href = element.attrs.get("href")
    stack = walker.stack
    if href is not None and not walker.link_depth and walker.include_links:
        url = walker.targets.target(href)
        if url:
            walker.link_depth = 1  # never more: a link inside a link is only text
            walker.parts.append(DATA)
            walker.data.append(LINK_OPEN)
            stack.append((_close, url))
    stack.extend(reversed(element.children))


def _close(walker: Walker, url: str) -> None:
    walker.link_depth = 0
    parts = walker.parts
    data = walker.data
    # walker.wrote(LINK_OPEN), inline: every link ends here.
    if parts[-1] is DATA and data and data[-1] is LINK_OPEN:
        parts.pop()  # no text: no link
        data.pop()
    else:
        parts.append(DATA)
        data.append(url)  # a str payload is a link end
