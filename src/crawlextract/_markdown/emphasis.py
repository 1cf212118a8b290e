"""Bold, italic and strikethrough: ``**``, ``*`` and ``~~``.

The walk only writes open/close markers; :mod:`.assemble` decides whether they
can stay (CommonMark's flanking rules) and moves spaces outside them. Here:
empty elements write nothing, nested elements of one kind write one pair, and
``<b>a</b><b>b</b>`` becomes one ``**ab**``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tokens import (
    DEL_CLOSE,
    DEL_OPEN,
    EM_CLOSE,
    EM_OPEN,
    STRONG_CLOSE,
    STRONG_OPEN,
    Closer,
    Opener,
)

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

STRONG_TAGS = ("strong", "b")
EM_TAGS = ("em", "i", "cite", "dfn")
STRIKE_TAGS = ("del", "s", "strike")


def _open(walker: Walker, opener: Opener, closer: Closer) -> None:
    if walker.wrote(closer):
        walker.unwrite()  # continue the span that just closed
    else:
        walker.emit(opener)


def _close(walker: Walker, opener: Opener, closer: Closer) -> None:
    if walker.wrote(opener):
        walker.unwrite()  # nothing inside
    else:
        walker.emit(closer)


def strong(walker: Walker, element: Element) -> None:
    """``<strong>``/``<b>``."""
    walker.strong_depth += 1
    if walker.strong_depth == 1:
        _open(walker, STRONG_OPEN, STRONG_CLOSE)
    walker.stack.append((_end_strong, None))
    walker.stack.extend(reversed(element.children))


def _end_strong(walker: Walker, _: object) -> None:
    walker.strong_depth -= 1
    if not walker.strong_depth:
        _close(walker, STRONG_OPEN, STRONG_CLOSE)


def em(walker: Walker, element: Element) -> None:
    """``<em>``/``<i>``."""
    walker.em_depth += 1
    if walker.em_depth == 1:
        _open(walker, EM_OPEN, EM_CLOSE)
    walker.stack.append((_end_em, None))
    walker.stack.extend(reversed(element.children))


def _end_em(walker: Walker, _: object) -> None:
    walker.em_depth -= 1
    if not walker.em_depth:
        _close(walker, EM_OPEN, EM_CLOSE)


def strike(walker: Walker, element: Element) -> None:
    """``<del>``/``<s>``/``<strike>``."""
    walker.strike_depth += 1
    if walker.strike_depth == 1:
        _open(walker, DEL_OPEN, DEL_CLOSE)
    walker.stack.append((_end_strike, None))
    walker.stack.extend(reversed(element.children))


def _end_strike(walker: Walker, _: object) -> None:
    walker.strike_depth -= 1
    if not walker.strike_depth:
        _close(walker, DEL_OPEN, DEL_CLOSE)
