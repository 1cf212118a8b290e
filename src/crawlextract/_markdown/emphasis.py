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

    from .walk import After, Walker

STRONG_TAGS = ("strong", "b")
EM_TAGS = ("em", "i", "cite", "dfn")
STRIKE_TAGS = ("del", "s", "strike")


class _Span:
    """One kind of emphasis: its markers and where the walker counts its nesting."""

    __slots__ = ("_end", "closer", "kind", "opener")

    def __init__(self, kind: int, opener: Opener, closer: Closer) -> None:
        #: Index of the kind in ``Walker.emphasis_depth``.
        self.kind = kind
        self.opener = opener
        self.closer = closer
        # The work left for after the element: one tuple serves every element.
        self._end: After = (self.end, None)

    def start(self, walker: Walker, element: Element) -> None:
        """Open the span, unless an element of the kind around it already did."""
        depth = walker.emphasis_depth
        depth[self.kind] += 1
        if depth[self.kind] == 1:
            if walker.wrote(self.closer):
                walker.unwrite()  # continue the span that just closed
            else:
                walker.emit(self.opener)
        walker.stack.append(self._end)
        walker.stack.extend(reversed(element.children))

    def end(self, walker: Walker, _: object) -> None:
        """Close the span when the outermost element of the kind ends."""
        depth = walker.emphasis_depth
        depth[self.kind] -= 1
        if not depth[self.kind]:
            if walker.wrote(self.opener):
                walker.unwrite()  # nothing inside
            else:
                walker.emit(self.closer)


#: ``<strong>``/``<b>``.
strong = _Span(0, STRONG_OPEN, STRONG_CLOSE).start
#: ``<em>``/``<i>``.
em = _Span(1, EM_OPEN, EM_CLOSE).start
#: ``<del>``/``<s>``/``<strike>``.
strike = _Span(2, DEL_OPEN, DEL_CLOSE).start
