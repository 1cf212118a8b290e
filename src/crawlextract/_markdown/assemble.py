"""From escaped text with markers to markdown lines.

The joined page text, already cleaned and escaped, is split on the marker
character; one pass over the pieces and the markers' payloads keeps the current
block's inline parts, pairs emphasis and link markers, and writes finished
blocks as lines with their container prefixes (list indents, ``> ``).

Emphasis that CommonMark would not read back (a closer after punctuation
followed by a letter, say) is dropped rather than written as stray asterisks;
spaces just inside a span move outside it; a span with nothing in it vanishes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .escape import (
    LINE_START_CHARS,
    code_span,
    escape_heading_end,
    escape_line_start,
    longest_backtick_run,
)
from .lists import blank
from .tokens import (
    BLOCK,
    BR,
    CELL,
    DATA,
    HEADING_END,
    LEAVE,
    LINK_END,
    ROW,
    RULE,
    TABLE_END,
    Closer,
    CodeBlock,
    CodeSpan,
    Container,
    Context,
    HeadingStart,
    Literal,
    Opener,
    Payload,
    Signal,
    TableStart,
)

if TYPE_CHECKING:
    from collections.abc import Callable

_SPACES = re.compile("  +")
_EDGE_SPACES = " \n\xa0"
# What a line never ends with: spaces and no-break spaces show nothing there.
_LINE_END = " \n\xa0"
# The renderer's own <br> at either end of a heading or cell (page text's
# "<br>" is escaped as "\<br>" and stays).
_EDGE_BREAKS = re.compile(r"^(?:<br> ?)+|(?: ?(?<!\\)<br>)+$")
# Adjacent code spans are merged into one (their fences would fuse). Each merge
# re-renders the span, so an unbounded run of spans is quadratic; past this
# many characters the next span starts afresh after a space. Real merged spans
# (keyboard shortcuts, split identifiers) stay far below it.
_MAX_MERGED_CODE = 256
_EMPTY_CONTEXT = Context(None, None)
# Every line inside a container repeats the prefixes of all its ancestors, so
# output grows with nesting depth times line count. Real pages nest quotes and
# content lists a handful of levels deep (the AEB pages: at most 5); past eight,
# deeper containers keep the eighth level's prefix, which keeps the output
# linear in the input (a 150-deep quote around a 200,000-line <pre> otherwise
# writes 300 characters of prefix per line).
MAX_CONTAINER_DEPTH = 8
# A link around blocks links the text of each block, writing its target once
# per block. A card holds a handful (image, heading, teaser, byline); a link
# wrapped around a whole page section by broken markup would otherwise repeat
# a possibly long target for every paragraph. Past this many blocks the rest
# stay plain text.
MAX_LINKED_BLOCKS = 16


def _punct(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


def _flanks(before: str, first: str, last: str, after: str) -> bool:
    """Whether ``*``/``~`` runs around ``first..last`` open and close (CommonMark flanking).

    Spaces were moved outside already, so only punctuation next to a letter can fail.
    """
    if _punct(first) and not (before.isspace() or _punct(before)):
        return False
    return not (_punct(last) and not (after.isspace() or _punct(after)))


def _strip_parts(inner: str) -> tuple[str, str, str]:
    # A no-break space moves outside too: CommonMark's flanking rules count it
    # as whitespace, so ``**\xa0x**`` would not be bold.
    core = inner.strip(_EDGE_SPACES)
    if not core:
        return inner, "", ""
    lead = inner[: len(inner) - len(inner.lstrip(_EDGE_SPACES))]
    trail = inner[len(inner.rstrip(_EDGE_SPACES)) :]
    return lead, core, trail


def _filled_columns(
    rows: list[list[str]], width: int, aligns: tuple[str, ...]
) -> tuple[list[list[str]], int, list[str]]:
    """Drop the columns that are empty in every row (a huge colspan's padding carries nothing)."""
    column_aligns = list(aligns[:width]) + [""] * (width - len(aligns))
    filled = [False] * width
    for cells in rows:
        for index, cell in enumerate(cells[:width]):
            if cell:
                filled[index] = True
    keep = [index for index in range(width) if filled[index]]
    if len(keep) == width:
        return rows, width, column_aligns
    return (
        [[cells[i] if i < len(cells) else "" for i in keep] for cells in rows],
        len(keep),
        [column_aligns[i] for i in keep],
    )


# The delimiter row's cell for each alignment.
_DELIMITERS = {"": "---", "left": ":---", "center": ":---:", "right": "---:"}


def _shared_prefix(before: tuple[Container, ...], after: tuple[Container, ...]) -> str:
    """The line prefix of the containers two blocks share (the same objects, outermost first)."""
    prefix = []
    for one, other in zip(before, after, strict=False):
        if one is not other:
            break
        prefix.append(one.rest)
    return "".join(prefix).rstrip()


class _Assembler:
    __slots__ = (
        "carries",
        "cells",
        "code",
        "ctx",
        "ctx_stack",
        "heading",
        "heading_ctx",
        "in_cell",
        "opens",
        "out",
        "pieces",
        "prev_containers",
        "prev_groups",
        "prev_rest",
        "rows",
        "table_aligns",
        "table_header",
        "table_width",
        "used",
    )

    def __init__(self) -> None:
        self.out: list[str] = []
        self.pieces: list[str] = []
        # Open emphasis/link markers of the current block: (markup, index in
        # pieces, a link's target when it may span blocks).
        self.opens: list[tuple[str, int, str | None]] = []
        # How many blocks each link around blocks has linked, by id() of its target.
        self.carries: dict[int, int] = {}
        self.ctx = _EMPTY_CONTEXT
        # The contexts around the current one, innermost last.
        self.ctx_stack: list[Context] = []
        self.used: set[int] = set()
        self.prev_groups: tuple[int, ...] = ()
        self.prev_containers: tuple[Container, ...] = ()
        self.prev_rest = ""
        self.heading = 0
        self.heading_ctx = _EMPTY_CONTEXT
        self.table_width = 0
        self.table_aligns: tuple[str, ...] = ()
        self.table_header = False
        self.rows: list[list[str]] = []
        self.cells: list[str] | None = None
        self.in_cell = False
        # The last code span written: (its markdown, its text).
        self.code: tuple[str | None, str] = (None, "")

    # -- inline ---------------------------------------------------------------

    def code_span(self, span: CodeSpan) -> None:
        # Two spans in a row would merge their backtick fences into one run
        # that closes nothing; write them as one span instead.
        pieces = self.pieces
        written, previous = self.code
        text = span.text
        if pieces and pieces[-1] is written:  # the very object: nothing came between
            if len(previous) + len(text) <= _MAX_MERGED_CODE:
                text = previous + text
                pieces.pop()
            else:
                pieces.append(" ")
        markdown = code_span(text, in_table=span.in_table)
        self.code = (markdown, text)
        pieces.append(markdown)

    def close_emphasis(self, markup: str, following: str) -> None:
        opens = self.opens
        if not opens or opens[-1][0] != markup:
            return  # its opener was cut off (a table cell)
        index = opens.pop()[1]
        pieces = self.pieces
        inner = "".join(pieces[index + 1 :])
        del pieces[index:]
        lead, core, trail = _strip_parts(inner)
        if not core:
            if lead:
                pieces.append(lead)
            return
        if markup[0] == "<":  # an inline HTML span (<sup>): no flanking rules
            pieces.append(f"{lead}{markup}{core}</{markup[1:]}{trail}")
            return
        before = lead[-1] if lead else pieces[-1][-1] if pieces else " "
        after = trail[0] if trail else following[0] if following else " "
        # A span nested right inside (``<em><strong>x</strong></em>``) makes one
        # delimiter run with this one: flanking looks past it, at the text.
        char = markup[0]
        inner_core = core.strip(char) or core
        if _flanks(before, inner_core[0], inner_core[-1], after):
            pieces.append(f"{lead}{markup}{core}{markup}{trail}")
        else:
            pieces.append(inner)

    def close_link(self, url: str) -> bool:
        """Close the open link; return whether it was written (it had text)."""
        opens = self.opens
        if not opens or opens[-1][0] != "[":
            return False
        index = opens.pop()[1]
        pieces = self.pieces
        inner = pieces[-1] if index + 2 == len(pieces) else "".join(pieces[index + 1 :])
        del pieces[index:]
        if inner and inner[0] not in " \n" and inner[-1] not in " \n":
            pieces.append(f"[{inner}]({url})")  # the common case: nothing to move
            return True
        lead, core, trail = _strip_parts(inner)
        if core:
            pieces.append(f"{lead}[{core}]({url}){trail}")
            return True
        if lead:
            pieces.append(lead)
        return False

    def close_open(self) -> list[tuple[str, str | None]]:
        """Close the spans open at the block's end; return them to reopen, outermost first.

        Emphasis or a link around blocks (``<a><div>..</div><h4>..</h4></a>``)
        then applies to the text of each block: markdown spans cannot cross blocks.
        """
        opens = self.opens
        pieces = self.pieces
        carried: list[tuple[str, str | None]] = []
        while opens:
            markup, index, target = opens[-1]
            if markup != "[":
                self.close_emphasis(markup, "")
            elif target is not None:
                if self.close_link(target):
                    carries = self.carries
                    count = carries.get(id(target), 0) + 1
                    carries[id(target)] = count
                    if count >= MAX_LINKED_BLOCKS:
                        continue  # the rest of its blocks stay plain text
            else:  # a link that holds only text never spans blocks
                pieces[index] = ""
                opens.pop()
                continue
            carried.append((markup, target))
        carried.reverse()
        return carried

    def reopen(self, carried: list[tuple[str, str | None]]) -> None:
        """Open spans again at the start of the next block."""
        pieces = self.pieces
        opens = self.opens
        for markup, target in carried:
            opens.append((markup, len(pieces), target))
            pieces.append(markup)

    def take_inline(self) -> str:
        """The current inline content on one line (headings, table cells)."""
        pieces = self.pieces
        carried = self.close_open() if self.opens else None
        # A no-break space ending a line shows nothing; one starting it indents.
        text = "".join(pieces).replace("\n", " ").lstrip(" ").rstrip(_LINE_END)
        pieces.clear()
        if carried:
            self.reopen(carried)
        if "  " in text:
            text = _SPACES.sub(" ", text)
        if "<br>" in text:
            # A break at either end shows nothing.
            text = _EDGE_BREAKS.sub("", text)
        return text

    def line_break(self) -> None:
        pieces = self.pieces
        if self.in_cell or self.heading:
            # A table row and a heading are one line: the break is inline HTML.
            pieces.append("<br>")
            return
        while pieces and pieces[-1] == " ":
            pieces.pop()
        if not pieces:
            return
        if pieces[-1] == "\n":  # a second <br> in a row ends the paragraph
            pieces.pop()
            self.flush()
        else:
            pieces.append("\n")

    # -- blocks ---------------------------------------------------------------

    def flush(self) -> None:
        """End the current paragraph; spans still open continue in the next block."""
        opens = self.opens
        if opens:
            if len(self.pieces) == len(opens):
                return  # only the markers of open spans: nothing to write yet
            carried = self.close_open()
            self.paragraph()
            self.reopen(carried)
        elif self.pieces:
            self.paragraph()

    def paragraph(self) -> None:
        """Write the current paragraph (no span may be open: see :meth:`flush`)."""
        pieces = self.pieces
        if not pieces:
            return
        text = (pieces[0] if len(pieces) == 1 else "".join(pieces)).lstrip(" \n").rstrip(_LINE_END)
        pieces.clear()
        if not text:
            return  # nothing, or only no-break spaces (a spacer paragraph)
        if "  " in text:
            text = _SPACES.sub(" ", text)
        if "\n" not in text:
            if text[0] in LINE_START_CHARS:
                text = escape_line_start(text)
            self.emit([text])
            return
        lines = [line.lstrip(" ").rstrip(_LINE_END) for line in text.split("\n")]
        lines = [
            escape_line_start(line) if line[0] in LINE_START_CHARS else line
            for line in lines
            if line
        ]
        last = len(lines) - 1
        self.emit([line + "\\" if i < last else line for i, line in enumerate(lines)])

    def emit(self, lines: list[str], ctx: Context | None = None) -> None:
        """Write a block's lines with the prefixes of its containers."""
        if ctx is None:
            ctx = self.ctx
        rest = ctx.rest
        out = self.out
        if not rest and not self.prev_rest:
            # The common case: a top-level block after a top-level block.
            if out:
                out.append("")
            out.extend(lines)
            self.prev_groups = ()
            self.prev_containers = ()
            return
        first = rest
        # A new item follows without a blank line when the previous block was in
        # an item of the same list, or in the item this one is nested in.
        tight = False
        if ctx.has_item:
            containers = ctx.containers
            if len(containers) == 1:
                # An item of a top-level list (most item blocks): the loop of
                # _item_prefix for one container, which is the item.
                item = containers[0]
                if id(item) not in self.used:
                    self.used.add(id(item))
                    first = item.first
                    tight = item.group in self.prev_groups
            else:
                first, tight = self._item_prefix(containers)
        if out and not tight:
            # The blank line between two blocks keeps the prefixes of the
            # containers both are in; a new quote or list after another one
            # starts outside it (``> a`` and ``> b`` with a blank line between
            # are two quotes).
            out.append(_shared_prefix(self.prev_containers, ctx.containers))
        out.append(first + lines[0])
        if len(lines) > 1:
            bare = rest.rstrip()
            out.extend(rest + line if line else bare for line in lines[1:])
        self.prev_groups = ctx.groups
        self.prev_containers = ctx.containers
        self.prev_rest = rest

    def _item_prefix(self, containers: tuple[Container, ...]) -> tuple[str, bool]:
        """The first line's prefix, and whether the block follows without a blank line."""
        used = self.used
        prefixes = []
        outer = self.prev_containers
        tight = False
        for depth, container in enumerate(containers):
            if container.item and id(container) not in used:
                used.add(id(container))
                prefixes.append(container.first)
                tight = (
                    tight
                    or container.group in self.prev_groups
                    or (
                        depth == len(outer) > 0
                        and all(a is b for a, b in zip(outer, containers, strict=False))
                    )
                )
            else:
                prefixes.append(container.rest)
        return "".join(prefixes), tight

    def start_heading(self, level: int) -> None:
        self.flush()
        self.heading = level
        self.heading_ctx = self.ctx

    def end_heading(self) -> None:
        text = self.take_inline()
        if text:
            self.emit([f"{'#' * self.heading} {escape_heading_end(text)}"], self.heading_ctx)
        self.heading = 0

    def code_block(self, block: CodeBlock) -> None:
        self.flush()
        text = block.text
        text = text.removesuffix("\n")
        fence = "`" * max(3, longest_backtick_run(text) + 1)
        self.emit([fence + block.info, *text.split("\n"), fence])

    def rule(self) -> None:
        self.flush()
        # "- ---" is one thematic break, not an item holding one: inside a list
        # item the rule is written with underscores, which no bullet uses.
        self.emit(["___" if self.ctx.has_item else "---"])

    def leave(self) -> None:
        """The innermost container ends; an empty item may still write its marker."""
        ctx = self.ctx
        parent = self.ctx_stack.pop() if self.ctx_stack else _EMPTY_CONTEXT
        if ctx is not parent and ctx.containers:
            container = ctx.containers[-1]
            keep = container.keep_empty
            # keep is True, False, or the item's children (an empty list is falsy).
            if (
                keep is not False
                and id(container) not in self.used
                and (keep is True or blank(keep))
            ):
                self.emit([""])
                self.out[-1] = self.out[-1].rstrip()
        self.ctx = parent

    def structure(self, payload: Payload) -> None:
        """The rarer payloads: line breaks, headings, code blocks, tables and rules."""
        if type(payload) is Signal:
            _SIGNAL_WORK[payload](self)
        elif type(payload) is HeadingStart:
            self.start_heading(payload.level)
        elif type(payload) is CodeBlock:
            self.code_block(payload)
        elif type(payload) is TableStart:
            self.start_table(payload)

    # -- tables ---------------------------------------------------------------

    def start_table(self, start: TableStart) -> None:
        self.flush()
        self.table_width = start.width
        self.table_aligns = start.aligns
        self.table_header = start.header
        self.rows = []
        self.cells = None
        self.in_cell = True

    def cell(self) -> None:
        if self.cells is None:
            self.cells = []
        else:
            self.cells.append(self.take_inline())

    def row(self) -> None:
        if self.cells is not None:
            self.cells.append(self.take_inline())
            self.rows.append(self.cells)
        self.cells = None

    def end_table(self) -> None:
        self.row()
        self.in_cell = False
        rows = self.rows
        self.rows = []
        rows, width, aligns = _filled_columns(rows, self.table_width, self.table_aligns)
        if width == 0 or (width == 1 and not self.table_header):
            for cells in rows:
                text = cells[0] if cells else ""
                if text:
                    self.emit([escape_line_start(text) if text[0] in LINE_START_CHARS else text])
            return
        lines = []
        for cells in rows:
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            lines.append("| " + " | ".join(cells[:width]) + " |")
            if len(lines) == 1:
                lines.append("| " + " | ".join(_DELIMITERS[a] for a in aligns) + " |")
        self.emit(lines)


# What the signals that assemble() leaves to _Assembler.structure do.
_SIGNAL_WORK: dict[Signal, Callable[[_Assembler], None]] = {
    BR: _Assembler.line_break,
    CELL: _Assembler.cell,
    ROW: _Assembler.row,
    HEADING_END: _Assembler.end_heading,
    TABLE_END: _Assembler.end_table,
    RULE: _Assembler.rule,
}


def assemble(  # noqa: C901, PLR0912, PLR0915
    text: str, data: list[Payload], link_targets: list[str]
) -> str:
    """Build the markdown from cleaned, escaped text with markers, their payloads, link targets."""
    # One loop over every marker of the page: kept flat because it is hot.
    # The most common payloads first; classes are told apart with type()
    # rather than isinstance(): cheaper, and none is subclassed.
    # A run of block boundaries needs no merging first: after a boundary the
    # paragraph is empty, so the next ones and the spaces between them add
    # nothing, and in a heading or cell the extra spaces collapse like any others.
    texts = iter(text.split(DATA))
    targets = iter(link_targets)
    a = _Assembler()
    pieces = a.pieces
    opens = a.opens
    ctx_stack = a.ctx_stack
    first = next(texts)
    if first:
        pieces.append(first)
    # Copies of ``a.heading or a.in_cell`` and ``a.in_cell``, read for every
    # marker: refreshed after the few payloads that change them.
    inline = in_cell = False
    for payload, following in zip(data, texts, strict=True):
        if payload is BLOCK:
            if inline:
                pieces.append(" ")
            elif pieces:
                if opens:
                    a.flush()
                else:
                    a.paragraph()  # the common case, one call fewer
        elif payload is LINK_END:
            a.close_link(next(targets))
        elif payload is LEAVE:
            if pieces and not a.heading:
                a.flush()
            a.leave()
        elif type(payload) is Opener:
            markup = payload.markup
            if markup == "[" and pieces and pieces[-1][-1:] == "!":
                # "!" right before a link would make it an image.
                pieces[-1] = pieces[-1][:-1] + "\\!"
            opens.append((markup, len(pieces), payload.target))
            pieces.append(markup)
        elif type(payload) is Container:
            # A list item or quote starts: the blocks before it are not in it.
            if pieces and not a.heading:
                a.flush()
            ctx = a.ctx
            ctx_stack.append(ctx)
            if len(ctx.containers) < MAX_CONTAINER_DEPTH:
                a.ctx = Context(ctx, payload)
        elif type(payload) is Closer:
            a.close_emphasis(payload.markup, following)
        elif type(payload) is Literal:
            pieces.append(payload.text)
        elif type(payload) is CodeSpan:
            a.code_span(payload)
        else:
            a.structure(payload)
            inline = bool(a.heading or a.in_cell)
            in_cell = a.in_cell
        if following and (pieces or following != " "):
            if in_cell and "|" in following:
                pieces.append(following.replace("|", "\\|"))
            else:
                pieces.append(following)
    a.flush()
    return "\n".join(a.out)
