"""The marker the walk writes between page text, and the payloads it stands for.

The walk does not build markdown directly. It appends page text untouched and,
between the text, one *marker* character, :data:`DATA`, taken from the
high-surrogate range (U+D800..U+DBFF); the n-th marker in the text stands for
the n-th object in the walk's ``data`` list (a block boundary, an emphasis
opener, a link's end, a list item's context ...: one of the :data:`Payload`
types, told apart by identity or by type). Text from the Lexbor parse
is decoded UTF-8, which can never hold a surrogate, so a marker can never be
confused with page text; the walker still checks (see :mod:`.walk`) and falls
back to cleaning every text node if a hand-made tree smuggles one in.

That lets the expensive text work (control characters, whitespace collapsing,
escaping) run as a few C-speed passes over the joined page text instead of once
per node, and keeps markup out of their way. :mod:`.assemble` then splits the
text on the marker (one plain ``str.split``: a single marker character is what
makes that possible) and builds the lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

#: The marker: the next payload of the walk's ``data`` list applies here.
DATA = "\ud800"
#: The rest of the high-surrogate range, as a regex class body: never written,
#: so a character from it in page text is dropped like a control character.
UNUSED_MARKERS = "\ud801-\udbff"
#: Matches any marker character, written or not (stripped from page text when
#: a hand-made tree smuggles one in).
MARKER_CLASS = "[\ud800-\udbff]"


@dataclass(frozen=True, slots=True, eq=False)
class Signal:
    """A payload without data; each is one object, told apart by identity."""

    #: What the signal means (for ``repr``).
    name: str


# Payloads are told apart by identity and type (eq=False: no value equality).
# Those made per element (an opener of a link around blocks, a literal, a code
# span) are not frozen: a frozen dataclass takes about twice as long to make,
# its __init__ going through object.__setattr__.
@dataclass(slots=True, eq=False)
class Opener:
    """Opens an emphasis span, an inline HTML span or a link's text."""

    #: ``**``, ``*``, ``~~``, ``<sup>``, ``<sub>`` or ``[``.
    markup: str
    #: A link's target, for a link whose text may span blocks (it is then
    #: closed at each block's end and opened again in the next block).
    target: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Closer:
    """Closes the emphasis or inline HTML span its :class:`Opener` opened."""

    #: The opener's markup: ``**``, ``*``, ``~~``, ``<sup>`` or ``<sub>``.
    markup: str


#: Ends the current block (paragraph): a ``<div>``, ``<p>`` ... boundary.
BLOCK = Signal("block")
#: A ``<br>``: a hard line break (two in a row end the paragraph).
BR = Signal("line break")
#: ``<strong>``/``<b>`` opens and closes.
STRONG_OPEN = Opener("**")
STRONG_CLOSE = Closer("**")
#: ``<em>``/``<i>`` opens and closes.
EM_OPEN = Opener("*")
EM_CLOSE = Closer("*")
#: ``<del>``/``<s>`` opens and closes.
DEL_OPEN = Opener("~~")
DEL_CLOSE = Closer("~~")
#: A link's text starts.
LINK_OPEN = Opener("[")
#: A link's text ends: the link is written ``[text](target)``. Its target is
#: the next of the walk's ``link_targets`` (the n-th link end takes the n-th):
#: links are the most common payload with data, and a target kept in a list
#: beside the payloads costs no object per link.
LINK_END = Signal("link end")
#: The innermost container (list item, block quote) ends; a
#: :class:`Container` payload starts one.
LEAVE = Signal("leave container")
#: A table row starts.
ROW = Signal("row")
#: A table cell starts.
CELL = Signal("cell")


class Container:
    """A block container that prefixes its lines: a list item or a block quote."""

    __slots__ = ("first", "group", "item", "keep_empty", "rest")

    # ``item``, ``group`` and ``keep_empty`` may be passed by position: a list
    # item makes one container per item, and a keyword call costs twice as much.
    def __init__(
        self,
        first: str,
        rest: str,
        item: bool,  # noqa: FBT001
        group: int = 0,
        keep_empty: bool | list[Element | str] = False,  # noqa: FBT001, FBT002
    ) -> None:
        """Describe the container's prefixes."""
        #: Prefix of the container's first line (``"- "``, ``"1. "``, ``"> "``).
        self.first = first
        #: Prefix of its other lines (the content indent, or ``"> "``).
        self.rest = rest
        #: Whether it is a list item (items of one list are not separated by a blank line).
        self.item = item
        #: Which list the item belongs to (a number unique within one render).
        self.group = group
        #: Whether the item writes its marker when nothing in it is written:
        #: a bool, or the item's children, to be looked at only then (see
        #: :func:`.lists.blank`; most items write something, and are never looked at).
        self.keep_empty = keep_empty


class Context:
    """The containers a block is nested in, outermost first."""

    __slots__ = ("containers", "groups", "has_item", "rest")

    def __init__(self, parent: Context | None, container: Container | None) -> None:
        """The parent's containers plus ``container`` (none at all for the top level)."""
        if parent is None or container is None:
            #: The containers, outermost first.
            self.containers: tuple[Container, ...] = ()
            #: The prefix of every line after a container's first.
            self.rest = ""
            #: Whether any container is a list item.
            self.has_item = False
            #: The lists this context's items belong to.
            self.groups: tuple[int, ...] = ()
            return
        self.containers = (*parent.containers, container)
        self.rest = parent.rest + container.rest
        if container.item:
            self.has_item = True
            self.groups = (*parent.groups, container.group)
        else:
            self.has_item = parent.has_item
            self.groups = parent.groups


@dataclass(slots=True, eq=False)
class Literal:
    """Finished inline markdown (an image, a code span): emitted as is, never escaped."""

    #: The markdown.
    text: str


@dataclass(slots=True, eq=False)
class CodeSpan:
    """Inline code: its collapsed text (two spans in a row merge into one)."""

    #: The code, whitespace collapsed, not empty.
    text: str
    #: Whether it is inside a table cell (``|`` must be escaped).
    in_table: bool = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class HeadingStart:
    """A heading starts; it ends at the next :data:`HEADING_END`."""

    #: 1 to 6.
    level: int


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A ``<pre>``: its text verbatim and the fence info (language)."""

    #: The text, whitespace as in the page.
    text: str
    #: The language name, or ``""``.
    info: str


@dataclass(frozen=True, slots=True)
class TableStart:
    """A pipe table starts; rows and cells follow as :data:`ROW`/:data:`CELL` markers."""

    #: Number of columns.
    width: int
    #: Each column's alignment: ``"left"``, ``"center"``, ``"right"`` or ``""``.
    aligns: tuple[str, ...] = ()
    #: Whether the first row is a header row (a one-column table is a table only then).
    header: bool = False


#: A heading ends.
HEADING_END = Signal("heading end")
#: A table ends.
TABLE_END = Signal("table end")
#: An ``<hr>``.
RULE = Signal("rule")

#: What the walk's ``data`` list holds: the payload of each marker.
Payload = (
    Signal
    | Opener
    | Closer
    | Container
    | Literal
    | CodeSpan
    | HeadingStart
    | CodeBlock
    | TableStart
)
