"""The ArticleExtractor's fusing and selecting filters."""

from __future__ import annotations

from crawlextract._boilerpipe.fusion import (
    drop_boilerplate,
    expand_title_to_content,
    fuse_content,
    fuse_neighbours,
    keep_largest,
)
from crawlextract._boilerpipe.model import MIGHT_BE_CONTENT, TITLE, TextBlock, TextDocument


def _blocks(*specs: tuple[str, bool], offsets: list[int] | None = None) -> list[TextBlock]:
    blocks = []
    for index, (text, content) in enumerate(specs):
        offset = index if offsets is None else offsets[index]
        block = TextBlock(text, len(text.split()), 0, offset, 0)
        block.is_content = content
        blocks.append(block)
    return blocks


def test_content_merges_into_the_block_before_even_boilerplate() -> None:
    """Boilerpipe's first fusion merges a content block into its neighbour whatever that is."""
    blocks = _blocks(("menu", False), ("article text", True), ("more text", True), ("foot", False))
    document = TextDocument(None, blocks)
    fuse_neighbours(document)
    assert [(b.text, b.is_content) for b in document.blocks] == [
        ("menu\narticle text\nmore text", True),
        ("foot", False),
    ]
    assert (document.blocks[0].offset_start, document.blocks[0].offset_end) == (0, 2)


def test_content_fusion_bridges_one_missing_block_only() -> None:
    """Content blocks one page block apart merge; two apart stay separate."""
    blocks = _blocks(("a", True), ("b", True), ("c", True), offsets=[0, 2, 5])
    document = TextDocument(None, blocks)
    fuse_content(document)
    assert [b.text for b in document.blocks] == ["a\nb", "c"]


def test_drop_boilerplate_keeps_content_only() -> None:
    """Only content blocks remain."""
    document = TextDocument(None, _blocks(("x", False), ("y", True)))
    drop_boilerplate(document)
    assert [b.text for b in document.blocks] == ["y"]


def test_largest_block_wins_and_the_rest_might_be_content() -> None:
    """The content block with most words stays; the first wins a tie; others are demoted."""
    blocks = _blocks(("one two", True), ("three four five", True), ("six seven eight", True))
    keep_largest(TextDocument(None, blocks))
    assert [b.is_content for b in blocks] == [False, True, False]
    assert MIGHT_BE_CONTENT in blocks[0].labels
    assert MIGHT_BE_CONTENT in blocks[2].labels


def test_title_expands_down_to_the_article() -> None:
    """Demoted blocks from the headline down to the article become content again."""
    blocks = _blocks(("nav", False), ("Headline", False), ("byline", False), ("body", True))
    blocks[1].add_label(TITLE)
    for block in blocks[:3]:
        block.add_label(MIGHT_BE_CONTENT)
    expand_title_to_content(TextDocument(None, blocks))
    assert [b.is_content for b in blocks] == [False, True, True, True]


def test_title_after_the_article_expands_nothing() -> None:
    """A title label below the first content block changes nothing."""
    blocks = _blocks(("body", True), ("Headline", False))
    blocks[1].add_label(TITLE)
    blocks[1].add_label(MIGHT_BE_CONTENT)
    expand_title_to_content(TextDocument(None, blocks))
    assert not blocks[1].is_content
