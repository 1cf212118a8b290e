"""``<a href>``: ``[text](absolute-url "title")``; unsafe targets keep only their text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawlextract._html.visibility import INVISIBLE_TAGS, is_hidden

from .escape import link_title, strip_markers
from .tokens import DATA, LINK_END, LINK_OPEN, Opener

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

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
                data.append(LINK_END)
                walker.link_targets.append(url)
                return
            walker.link_depth = 1  # never more: a link inside a link is only text
            # The link may hold blocks (a card, a teaser): its opener carries the
            # target, so the assembler can link the text of every block in it.
            data[-1] = opener = Opener("[", url)
            walker.stack.append((_close, (opener, url, element)))
    walker.stack.extend(reversed(children))


def _close(walker: Walker, closing: tuple[Opener, str, Element]) -> None:
    walker.link_depth = 0
    opener, url, element = closing
    parts = walker.parts
    data = walker.data
    # walker.wrote(opener), inline.
    if parts[-1] is DATA and data and data[-1] is opener:
        label = _label(element)
        if not label:
            parts.pop()  # nothing a reader sees: no link
            data.pop()
            return
        parts.append(strip_markers(label) if walker.clean_text else label)
    parts.append(DATA)
    data.append(LINK_END)
    walker.link_targets.append(url)


# The text of a link showing only a nameless picture: a symbol, not a word
# (the target as text would put words in the markdown that the page never shows).
_STAND_IN = "\u2197"
# What a reader sees of a link that wrote no text: a picture or an icon.
_GRAPHICS = frozenset({"img", "svg", "picture", "canvas", "i"})
# Subtrees that show nothing (scripts, templates, form controls ...).
_LEFT_OUT = INVISIBLE_TAGS - _GRAPHICS


def _label(element: Element) -> str:
    """Text for a visible link whose content wrote nothing (an image without a usable source).

    A link is never dropped while a reader sees it: its image's ``alt``, else
    its ``aria-label`` or ``title``, else an ``<svg>``'s ``<title>``, else the
    arrow ``↗`` stands for the picture. A link that shows nothing writes nothing.
    """
    attrs = element.attrs
    graphic = _graphic(element)
    if graphic is None:
        return ""
    for text in (
        graphic.attrs.get("alt"),
        attrs.get("aria-label"),
        attrs.get("title"),
        _svg_title(graphic),
    ):
        if text and not text.isspace():
            return text
    return _STAND_IN


def _graphic(element: Element) -> Element | None:
    """The first picture or icon in the link that is not hidden (nor inside something hidden)."""
    stack: list[Element | str] = list(reversed(element.children))
    while stack:
        node = stack.pop()
        if isinstance(node, str) or (node.attrs and is_hidden(node.attrs)):
            continue
        if node.tag in _GRAPHICS:
            return node
        if node.tag not in _LEFT_OUT:
            stack.extend(reversed(node.children))
    return None


def _svg_title(graphic: Element) -> str | None:
    if graphic.tag != "svg":
        return None
    title = graphic.find("title")
    return title.text() if title is not None else None
