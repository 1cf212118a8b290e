"""``<ul>``/``<ol>``/``<li>``: ``-`` bullets and ``1.`` numbers, nested by content indent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import block
from .tokens import BLOCK, DATA, LEAVE, Container
from .walk import ListFrame

if TYPE_CHECKING:
    from crawlextract._dom import Element

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


def _marker(walker: Walker, *, ordered: bool) -> str:
    """The list's marker: the usual one, or the other one right after a list that used it."""
    usual = "." if ordered else "-"
    mark, data_mark, previous = walker.list_end
    if mark < 0 or previous not in (usual, _OTHER[usual]):
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


def item(walker: Walker, element: Element) -> None:
    """Open a list item: a container whose first line carries the marker."""
    if walker.flat:
        block(walker, element)
        return
    lists = walker.lists
    if not lists:
        marker, indent, group = "- ", "  ", 0
    elif lists[-1].ordered:
        frame = lists[-1]
        value = _number(element.attrs.get("value"))
        if value is not None:
            frame.next = value
        marker = f"{frame.next}{frame.marker} "
        indent = " " * len(marker)
        group = frame.group
        frame.next = min(max(frame.next + frame.step, 0), _MAX_NUMBER)
    else:
        frame = lists[-1]
        marker, indent, group = frame.marker + " ", "  ", frame.group
    # By position: a keyword call costs twice as much, once per item.
    container = Container(marker, indent, True, group)  # noqa: FBT003
    # walker.enter_container(container), inline: once per item.
    walker.parts.append(DATA)
    walker.data.append(container)
    stack = walker.stack
    stack.append(LEAVE)
    stack.extend(reversed(element.children))
