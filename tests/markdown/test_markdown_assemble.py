"""Assembling lines: blank lines, container prefixes, determinism of layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawlextract._markdown.assemble import assemble
from crawlextract._markdown.tokens import (
    BLOCK,
    BR,
    DATA,
    LEAVE,
    LINK_END,
    LINK_OPEN,
    STRONG_CLOSE,
    STRONG_OPEN,
    Container,
    Opener,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crawlextract._markdown.tokens import Payload


def marked(
    *items: str | Payload, links: Sequence[str] = ()
) -> tuple[str, list[Payload], list[str]]:
    """Helper: text with a marker for every payload, the payloads, and the link targets."""
    text = "".join(item if isinstance(item, str) else DATA for item in items)
    return text, [item for item in items if not isinstance(item, str)], list(links)


def test_blocks_one_blank_line_apart() -> None:
    """Empty blocks between two paragraphs leave one blank line."""
    assert assemble(*marked("a", BLOCK, BLOCK, " ", BLOCK, "b")) == "a\n\nb"


def test_hard_break_inside_paragraph() -> None:
    """A BR marker is a backslash line break; two in a row a paragraph break."""
    assert assemble(*marked("a", BR, "b", BR, BR, "c")) == "a\\\nb\n\nc"


def test_container_prefixes() -> None:
    """A list item's first line carries its marker, later lines its indent."""
    item = Container("- ", "  ", item=True, group=1)
    assert assemble(*marked(item, "a", BR, "b", BLOCK, "c", LEAVE, "d")) == (
        "- a\\\n  b\n\n  c\n\nd"
    )


def test_span_across_block_boundary_applies_to_each_block() -> None:
    """Emphasis around a block boundary is closed and opened again: both blocks are bold."""
    assert assemble(*marked(STRONG_OPEN, "a", BLOCK, "b", STRONG_CLOSE)) == "**a**\n\n**b**"


def test_links_take_their_targets_in_order() -> None:
    """The n-th link end writes the n-th target; a link around blocks links each block."""
    card = Opener("[", "/card")
    text, data, targets = marked(
        LINK_OPEN, "a", LINK_END, " ", card, "b", BLOCK, "c", LINK_END, links=["/a", "/card"]
    )
    assert assemble(text, data, targets) == "[a](/a) [b](/card)\n\n[c](/card)"
