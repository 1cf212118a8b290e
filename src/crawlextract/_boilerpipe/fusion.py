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
    # Only content blocks are ever merged, and they are few: the loops visit
    # them alone, and the boilerplate between them is kept in slices.
    content_at = [index for index, block in enumerate(blocks) if block.is_content]
    if not content_at:
        return
    runs = _runs(blocks, content_at, content_only=content_only)
    if not runs:
        return
    kept: list[TextBlock] = []
    after = 0
    for into, run in runs:
        into.merge(*[blocks[index] for index in run])
        kept += blocks[after : run[0]]
        after = run[-1] + 1
    kept += blocks[after:]
    document.blocks = kept


def _runs(
    blocks: list[TextBlock], content_at: list[int], *, content_only: bool
) -> list[tuple[TextBlock, list[int]]]:
    """Return each block that others merge into, with the indices of those, in page order."""
    start = content_at[0] if content_only else 0
    runs: list[tuple[TextBlock, list[int]]] = []
    # The block the next one may merge into, and what it will span and be
    # once its run is merged.
    previous = blocks[start]
    end = previous.offset_end
    content = previous.is_content
    run: list[int] = []
    last = start  # the last block looked at
    for index in content_at:
        if index <= start:
            continue
        if index > last + 1:
            # Boilerplate came between: each such block was kept in turn.
            if run:
                runs.append((previous, run))
                run = []
            previous = blocks[index - 1]
            end = previous.offset_end
            content = False
        block = blocks[index]
        if block.offset_start - end - 1 <= _MAX_GAP and (content or not content_only):
            run.append(index)
            if block.offset_end > end:  # noqa: PLR1730 (a call per block costs more)
                end = block.offset_end
        else:
            if run:
                runs.append((previous, run))
                run = []
            previous = block
            end = block.offset_end
        content = True
        last = index
    if run:
        runs.append((previous, run))
    return runs


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
