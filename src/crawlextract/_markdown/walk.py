"""The walk: one iterative pass over the tree that writes text and markers.

The stack holds what is left to visit, last item first:

* ``str`` -- page text: appended as is;
* :class:`~.tokens.Signal` -- a marker a rule pushed to be written later (a block
  boundary, the end of a list item, after the element's children): written;
* :class:`~crawlextract._html.dom.Element` -- checked (hidden? excluded?) and handed to
  the rule registered for its tag in :data:`.rules.RULES`, or walked into when no
  rule claims it (inline elements like ``<span>``);
* ``(function, argument)`` -- work a rule left for after the element's children
  (closing a link, ending a heading).

No recursion, so tree depth costs no Python frames.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crawlextract._html.dom import Element
from crawlextract._html.visibility import is_hidden

from .escape import strip_markers
from .tokens import BLOCK, DATA, LEAVE, MARKER_CLASS, Container, Payload, Signal
from .urls import LinkTargets

if TYPE_CHECKING:
    from collections.abc import Sequence
    from collections.abc import Set as AbstractSet

    from . import RenderContext

#: Work left for after an element's children: ``function(walker, argument)``.
After = tuple[Callable[["Walker", Any], None], Any]
#: What the walk stack holds.
Item = Element | str | Signal | After
#: A rule: called with the walker and the element its tag matched.
Rule = Callable[["Walker", Element], None]

# Stack items (text, elements, markers, closing work) between deadline checks:
# a check is a clock read, a few thousand items take well under a millisecond.
_CHECK_EVERY = range(2048)


class ListFrame:
    """Numbering state of one open ``<ul>``/``<ol>``."""

    __slots__ = ("bullet", "group", "marker", "next", "ordered", "step")

    def __init__(
        self, *, ordered: bool, start: int, step: int, group: int, marker: str = ""
    ) -> None:
        """Count from ``start``; ``marker`` is the bullet, or the delimiter after a number."""
        #: Whether items are numbered.
        self.ordered = ordered
        #: The next item's number.
        self.next = start
        #: +1, or -1 for ``<ol reversed>``.
        self.step = step
        #: Which list this is (a number unique within one render).
        self.group = group
        #: ``-`` or ``*`` for a bullet list, ``.`` or ``)`` after a number.
        self.marker = marker or ("." if ordered else "-")
        #: A bullet item's first-line prefix (the marker and a space).
        self.bullet = self.marker + " "


class Walker:
    """The state of one render: output parts, payloads, and what we are inside."""

    __slots__ = (
        "cell_depth",
        "clean_text",
        "context",
        "data",
        "emphasis_depth",
        "exclude",
        "flat",
        "image_mark",
        "include_links",
        "link_depth",
        "link_targets",
        "list_count",
        "list_end",
        "lists",
        "parts",
        "pictures",
        "stack",
        "targets",
    )

    def __init__(self, context: RenderContext) -> None:
        """Start an empty render."""
        #: The render options.
        self.context = context
        #: Page text and markers, in order ("" first, so ``parts[-1]`` always exists).
        self.parts: list[str] = [""]
        #: Payloads of the :data:`~.tokens.DATA` markers, in order.
        self.data: list[Payload] = []
        #: Targets of the :data:`~.tokens.LINK_END` payloads, in order.
        self.link_targets: list[str] = []
        #: What is left to visit.
        self.stack: list[Item] = []
        #: Whether to write link targets (``context.include_links``).
        self.include_links = context.include_links
        #: Link targets of this render.
        self.targets = LinkTargets(context.base_url)
        #: Open lists, innermost last.
        self.lists: list[ListFrame] = []
        #: Lists opened so far (numbers them).
        self.list_count = 0
        #: ``len(parts)``, ``len(data)`` and the marker of the list that closed last
        #: (a list right after it takes the other marker, or the two would merge).
        self.list_end = (-1, 0, "")
        #: How many headings and table cells we are inside: there, blocks are inline.
        self.flat = 0
        #: How many table cells we are inside.
        self.cell_depth = 0
        #: 1 inside a written link (links do not nest: an inner one is only text).
        self.link_depth = 0
        #: How many emphasis elements of each kind we are inside (strong, em, strike).
        self.emphasis_depth = [0, 0, 0]
        #: ``id()`` of elements left out with their subtrees.
        self.exclude: AbstractSet[int] = frozenset()
        #: Whether page text loses marker characters (a hand-made tree carried some).
        self.clean_text = False
        #: ``len(parts)`` and ``len(data)`` right after the last image written (for
        #: ``<noscript>`` copies).
        self.image_mark = (-1, 0)
        #: Open ``<picture>`` elements, innermost last (their images fall back to
        #: their ``<source>`` candidates).
        self.pictures: list[Element] = []

    def emit(self, payload: Payload) -> None:
        """Write a :data:`~.tokens.DATA` marker carrying ``payload``."""
        self.parts.append(DATA)
        self.data.append(payload)

    def wrote(self, payload: Payload) -> bool:
        """Whether the last thing written is the marker carrying ``payload``."""
        data = self.data
        return self.parts[-1] is DATA and bool(data) and data[-1] is payload

    def unwrite(self) -> None:
        """Take back the last marker written."""
        self.parts.pop()
        self.data.pop()

    def children(self, element: Element) -> None:
        """Visit the element's children next."""
        self.stack.extend(reversed(element.children))

    def enter_container(self, container: Container) -> None:
        """Nest the blocks of the element being visited in ``container``.

        The container is the payload; :data:`~.tokens.LEAVE` follows the
        element's children (the assembler keeps the nesting).
        """
        self.parts.append(DATA)
        self.data.append(container)
        self.stack.append(LEAVE)

    def walk(  # noqa: C901, PLR0912  (the hot loop, kept in one piece)
        self,
        roots: Sequence[Element],
        rules: dict[str, Rule],
        exclude: AbstractSet[int],
        *,
        clean_text: bool = False,
    ) -> None:
        """Visit ``roots`` in order; ``clean_text`` strips marker characters from page text.

        The loop is the hot path of the renderer (every node passes through it),
        so plain block elements are handled inline instead of by a rule call,
        and it counts nothing: it runs in rounds of a fixed number of items
        with a deadline check between, until the item put under the roots
        says the walk is done.
        """
        self.exclude = exclude
        self.clean_text = clean_text
        stack = self.stack
        append = self.parts.append
        append_data = self.data.append
        pop = stack.pop
        extend = stack.extend
        get_rule = rules.get
        block_rule = rules.get("div")
        check = self.context.deadline.check
        stack.append(_FINISH)
        for root in reversed(roots):
            stack.append(BLOCK)
            stack.append(root)
        try:
            while True:
                for _ in _CHECK_EVERY:
                    node = pop()
                    if type(node) is str:
                        if clean_text:
                            node = strip_markers(node)
                        append(node)
                    elif type(node) is Element:
                        attrs = node.attrs
                        if (
                            attrs
                            and ("hidden" in attrs or "aria-hidden" in attrs or "style" in attrs)
                            and is_hidden(attrs)
                        ) or (exclude and id(node) in exclude):
                            continue
                        rule = get_rule(node.tag)
                        if rule is None:
                            extend(reversed(node.children))
                        elif rule is block_rule:
                            append(DATA)
                            append_data(BLOCK)
                            stack.append(BLOCK)
                            extend(reversed(node.children))
                        else:
                            rule(self, node)
                    elif type(node) is Signal:
                        append(DATA)
                        append_data(node)
                    else:
                        node[0](self, node[1])  # type: ignore[index,operator]
                check()
        except _Finished:
            pass


class _Finished(Exception):  # noqa: N818  (not an error: the end of the walk)
    """Raised by the item under the roots: everything above it was visited."""


def _finish(_walker: Walker, _: object) -> None:
    raise _Finished


_FINISH: After = (_finish, None)


__all__ = ["MARKER_CLASS", "After", "Item", "ListFrame", "Rule", "Walker"]
