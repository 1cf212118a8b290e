"""Text blocks and their features."""

from __future__ import annotations

from crawlextract._boilerpipe.model import TextBlock, TextDocument


def _block(text: str, *, linked: int = 0, offset: int = 0) -> TextBlock:
    return TextBlock(text, len(text.split()), linked, offset, 0)


def test_link_density_is_the_share_of_link_words() -> None:
    """Link density is link words over words, and 0 for a block without words."""
    assert _block("one two three four", linked=1).link_density == 0.25
    assert TextBlock("--", 0, 0, 0, 0).link_density == 0.0


def test_text_density_is_words_per_wrapped_line() -> None:
    """Text density counts the words of the full 80-column lines per line."""
    assert _block("short text").text_density == 2.0
    assert _block(" ".join(["word"] * 40)).text_density == 16.0


def test_merged_block_sums_its_features() -> None:
    """A merged block sums words, link words and wrapped lines, and spans both offsets."""
    first = _block(" ".join(["word"] * 40))
    second = _block("more words here", linked=2, offset=1)
    second.add_label("x")
    second.is_content = True
    first.merge(second)
    assert first.text.endswith("\nmore words here")
    assert (first.num_words, first.num_linked_words) == (43, 2)
    assert first.wrapped_lines() == (32 + 3, 2 + 1)
    assert (first.offset_start, first.offset_end) == (0, 1)
    assert first.is_content
    assert first.labels == {"x"}


def test_merging_merged_blocks_keeps_every_source() -> None:
    """Wrapped lines of a block merged twice still come from all three sources."""
    blocks = [_block(" ".join(["word"] * 40), offset=i) for i in range(3)]
    blocks[1].merge(blocks[2])
    blocks[0].merge(blocks[1])
    assert blocks[0].wrapped_lines() == (96, 6)


def test_content_joins_content_blocks_by_lines() -> None:
    """The document's content is its content blocks' text, one per line."""
    kept, dropped, also = _block("kept"), _block("dropped"), _block("also kept")
    kept.is_content = also.is_content = True
    assert TextDocument(None, [kept, dropped, also]).content() == "kept\nalso kept"
