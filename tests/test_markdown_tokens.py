"""Markers and payloads."""

from __future__ import annotations

from crawlextract._markdown import tokens


def test_markers_distinct_single_high_surrogates() -> None:
    """Every marker is one distinct high-surrogate character (never valid page text)."""
    markers = [
        tokens.BLOCK, tokens.BR, tokens.STRONG_OPEN, tokens.STRONG_CLOSE, tokens.EM_OPEN,
        tokens.EM_CLOSE, tokens.DEL_OPEN, tokens.DEL_CLOSE, tokens.LINK_OPEN, tokens.ROW,
        tokens.CELL, tokens.DATA,
    ]  # fmt: skip
    assert len(set(markers)) == len(markers)
    assert all(len(m) == 1 and "\ud800" <= m <= "\udbff" for m in markers)


def test_context_prefixes_accumulate() -> None:
    """A nested context's continuation prefix is its containers' prefixes joined."""
    quote = tokens.Container("> ", "> ", item=False)
    item = tokens.Container("1. ", "   ", item=True, group=3)
    ctx = tokens.Context(tokens.Context(tokens.Context(None, None), quote), item)
    assert ctx.rest == ">    "
    assert ctx.has_item
    assert ctx.groups == (3,)
