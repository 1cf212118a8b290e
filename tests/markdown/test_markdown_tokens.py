"""Markers and payloads."""

from __future__ import annotations

import re

from crawlextract._markdown import tokens


def test_marker_is_one_high_surrogate() -> None:
    """The marker is one high-surrogate character (never valid page text)."""
    assert len(tokens.DATA) == 1
    assert re.fullmatch(tokens.MARKER_CLASS, tokens.DATA)
    assert not re.fullmatch(f"[{tokens.UNUSED_MARKERS}]", tokens.DATA)
    assert re.fullmatch(f"[{tokens.UNUSED_MARKERS}]", "\udbff")


def test_payload_markers_distinct() -> None:
    """Every markup payload is its own object (the assembler tells them apart by identity)."""
    markers = [
        tokens.BLOCK, tokens.BR, tokens.STRONG_OPEN, tokens.STRONG_CLOSE, tokens.EM_OPEN,
        tokens.EM_CLOSE, tokens.DEL_OPEN, tokens.DEL_CLOSE, tokens.LINK_OPEN, tokens.ROW,
        tokens.CELL, tokens.HEADING_END, tokens.TABLE_END, tokens.RULE, tokens.LINK_END,
    ]  # fmt: skip
    assert len({id(marker) for marker in markers}) == len(markers)


def test_context_prefixes_accumulate() -> None:
    """A nested context's continuation prefix is its containers' prefixes joined."""
    quote = tokens.Container("> ", "> ", item=False)
    item = tokens.Container("1. ", "   ", item=True, group=3)
    ctx = tokens.Context(tokens.Context(tokens.Context(None, None), quote), item)
    assert ctx.rest == ">    "
    assert ctx.has_item
    assert ctx.groups == (3,)
