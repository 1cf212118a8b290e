"""``<ul>``/``<ol>``/``<li>``: ``-`` bullets and ``1.`` numbers, nested by content indent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import BLOCK_TAGS, block
from .tokens import BLOCK, DATA, LEAVE, Container
from .walk import ListFrame

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

LIST_TAGS = ("ul", "ol", "menu")
# CommonMark reads at most nine digits as a list number.
_MAX_NUMBER = 999_999_999


def _number(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return min(max(number, 0), _MAX_NUMBER)


def list_(walker: Walker, element: Element) -> None:
    """Open a list; inside a table cell its items are only blocks (flattened)."""
    if walker.flat:
        block(walker, element)
        return
    ordered = element.tag == "ol"
    step = 1
    start = _number(element.attrs.get("start"))
    if ordered and "reversed" in element.attrs:
        step = -1
        if start is None:
            start = sum(1 for c in element.children if not isinstance(c, str) and c.tag == "li")
    walker.list_count += 1
    marker = _marker(walker, ordered=ordered)
    frame = ListFrame(
        ordered=ordered,
        start=1 if start is None else start,
        step=step,
        group=walker.list_count,
        marker=marker,
    )
    walker.lists.append(frame)
    walker.emit(BLOCK)
    walker.stack.append((_close_list, None))
    walker.stack.extend(reversed(element.children))


# The other bullet, or the other delimiter after a number: CommonMark starts a
# new list when either changes, and two lists with only a blank line between
# them would otherwise be read as one.
_OTHER = {"-": "*", "*": "-", ".": ")", ")": "."}


# Parts (block boundaries, whitespace between tags) that may sit between two
# adjacent lists: a wrapper or two. Bounds the look-back, so it stays constant
# per list however far the last list is.
_GAP = 64


def _marker(walker: Walker, *, ordered: bool) -> str:
    """The list's marker: the usual one, or the other one right after a list that used it."""
    usual = "." if ordered else "-"
    mark, data_mark, previous = walker.list_end
    if mark < 0 or previous not in (usual, _OTHER[usual]) or len(walker.parts) - mark > _GAP:
        return usual
    parts = walker.parts
    # Only block boundaries and whitespace since that list closed: adjacent.
    if all(part == DATA or not part.strip() for part in parts[mark:]) and all(
        payload is BLOCK for payload in walker.data[data_mark:]
    ):
        return _OTHER[previous]
    return usual


def _close_list(walker: Walker, _: object) -> None:
    frame = walker.lists.pop()
    walker.emit(BLOCK)
    walker.list_end = (len(walker.parts), len(walker.data), frame.marker)


# Nodes :func:`blank` looks at before it gives up (and says "not blank"): an
# empty item holds a wrapper or two, and the bound keeps nested empty lists
# linear (each item would otherwise scan all the items inside it).
_BLANK_SCAN = 32
_WRAPPERS = frozenset(BLOCK_TAGS)


def blank(children: list[Element | str]) -> bool:
    """Whether these nodes hold nothing at all: only whitespace and empty blocks."""
    stack = list(children)
    for _ in range(_BLANK_SCAN):
        if not stack:
            return True
        node = stack.pop()
        if isinstance(node, str):
            if node and not node.isspace():
                return False
        elif node.tag in _WRAPPERS:
            stack.extend(node.children)
        else:
            # An inline element (an icon, a link without text, an <svg>) is
            # something the markdown cannot show, not nothing.
            return False
    return not stack


def item(walker: Walker, element: Element) -> None:
    """Open a list item: a container whose first line carries the marker."""
    if walker.flat:
        block(walker, element)
        return
    # An item that writes nothing keeps its marker when it is numbered (the
    # numbers after it would shift) or when it is empty in the page too; a
    # bullet item holding only what the markdown cannot show (an icon, a link
    # without text) goes. Bullet items pass their children for that: the
    # assembler asks blank() only when the item wrote nothing.
    # (Containers are made by position: a keyword call costs twice as much.)
    children = element.children
    lists = walker.lists
    if not lists:
        container = Container("- ", "  ", True, 0, children)  # noqa: FBT003
    else:
        frame = lists[-1]
        if frame.ordered:
            value = _number(element.attrs.get("value"))
            if value is not None:
                frame.next = value
            marker = f"{frame.next}{frame.marker} "
            frame.next = min(max(frame.next + frame.step, 0), _MAX_NUMBER)
            container = Container(marker, " " * len(marker), True, frame.group, True)  # noqa: FBT003
        else:
            container = Container(frame.bullet, "  ", True, frame.group, children)  # noqa: FBT003
    # walker.enter_container(container), inline: once per item.
    walker.parts.append(DATA)
    walker.data.append(container)
    stack = walker.stack
    stack.append(LEAVE)
    stack.extend(reversed(children))
