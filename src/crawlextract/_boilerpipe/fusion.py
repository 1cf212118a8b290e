"""Filters that merge blocks, drop them, or pick the article among them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import MIGHT_BE_CONTENT, TITLE

if TYPE_CHECKING:
    from .model import TextBlock, TextDocument

# Blocks at most this many page blocks apart are fused (boilerpipe's default).
_MAX_GAP = 1


def fuse_neighbours(document: TextDocument) -> None:
    """Merge each content block into the block before it when they are close.

    boilerpipe's BlockProximityFusion without its content-only switch: the
    block before may be boilerplate, and then the merged block (content, since
    one half is) carries that boilerplate text too.
    """
    _fuse(document, content_only=False)


def fuse_content(document: TextDocument) -> None:
    """Merge content blocks that are at most one page block apart."""
    _fuse(document, content_only=True)


def _fuse(document: TextDocument, *, content_only: bool) -> None:
    blocks = document.blocks
    if len(blocks) < 2:
        return
    start = 0
    if content_only:
        start = next((i for i, block in enumerate(blocks) if block.is_content), -1)
        if start < 0:
            return
    kept = blocks[: start + 1]
    previous = blocks[start]
    # The run of blocks to merge into `previous`, merged in one go when it ends;
    # `end` and `content` are what `previous` will have after that merge.
    run: list[TextBlock] = []
    end = previous.offset_end
    content = previous.is_content
    for block in blocks[start + 1 :]:
        close = block.offset_start - end - 1 <= _MAX_GAP
        if block.is_content and close and (content or not content_only):
            run.append(block)
            end = max(end, block.offset_end)
            content = True
            continue
        if run:
            previous.merge(*run)
            run = []
        kept.append(block)
        previous = block
        end = block.offset_end
        content = block.is_content
    if run:
        previous.merge(*run)
    document.blocks = kept


def drop_boilerplate(document: TextDocument) -> None:
    """Keep only the content blocks."""
    document.blocks = [block for block in document.blocks if block.is_content]


def keep_largest(document: TextDocument) -> None:
    """Keep the content block with the most words (the first on a tie) as the article.

    Every other block becomes boilerplate labelled "might be content".
    """
    blocks = document.blocks
    if len(blocks) < 2:
        return
    largest = None
    for block in blocks:
        if block.is_content and (largest is None or block.num_words > largest.num_words):
            largest = block
    for block in blocks:
        if block is largest:
            block.is_content = True
        else:
            block.is_content = False
            block.add_label(MIGHT_BE_CONTENT)


def expand_title_to_content(document: TextDocument) -> None:
    """Make content the "might be content" blocks from the headline down to the article.

    The headline is the last block labelled as the title up to the first
    content block; when that is the content block itself, nothing changes.
    """
    title_at = -1
    content_at = -1
    for index, block in enumerate(document.blocks):
        if TITLE in block.labels:
            title_at = index
        if block.is_content:
            content_at = index
            break
    if title_at < 0 or content_at <= title_at:
        return
    for block in document.blocks[title_at:content_at]:
        if MIGHT_BE_CONTENT in block.labels:
            block.is_content = True
