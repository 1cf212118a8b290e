"""Assembling lines: blank lines, container prefixes, determinism of layout."""

from __future__ import annotations

from crawlextract._markdown.assemble import assemble
from crawlextract._markdown.tokens import (
    BLOCK,
    BR,
    DATA,
    STRONG_CLOSE,
    STRONG_OPEN,
    Container,
    Context,
)


def test_blocks_one_blank_line_apart() -> None:
    """Empty blocks between two paragraphs leave one blank line."""
    assert assemble(f"a{BLOCK}{BLOCK} {BLOCK}b", []) == "a\n\nb"


def test_hard_break_inside_paragraph() -> None:
    """A BR marker is a backslash line break; two in a row a paragraph break."""
    assert assemble(f"a{BR}b{BR}{BR}c", []) == "a\\\nb\n\nc"


def test_container_prefixes() -> None:
    """A list item's first line carries its marker, later lines its indent."""
    item = Container("- ", "  ", item=True, group=1)
    ctx = Context(Context(None, None), item)
    assert assemble(f"{DATA}a{BR}b{BLOCK}c", [ctx]) == "- a\\\n  b\n\n  c"


def test_unclosed_marker_dropped() -> None:
    """An emphasis opener cut off by a block boundary writes nothing."""
    assert assemble(f"{STRONG_OPEN}a{BLOCK}b{STRONG_CLOSE}", []) == "a\n\nb"


def test_unknown_marker_ignored() -> None:
    """A marker character with no meaning is dropped."""
    assert assemble("a\udbffb", []) == "ab"
