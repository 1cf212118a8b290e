"""The ArticleExtractor's labelling and classifying filters."""

from __future__ import annotations

from crawlextract._boilerpipe.classifiers import (
    classify_by_word_counts,
    drop_after_end_of_text,
    mark_end_of_text,
    mark_title,
    title_candidates,
)
from crawlextract._boilerpipe.model import END_OF_TEXT, TITLE, TextBlock, TextDocument


def _block(text: str, words: int | None = None, linked: int = 0, offset: int = 0) -> TextBlock:
    count = len(text.split()) if words is None else words
    return TextBlock(text, count, linked, offset, 0)


def _document(*blocks: TextBlock, title: str | None = None) -> TextDocument:
    return TextDocument(title, list(blocks))


def test_comment_phrases_mark_the_end_of_text() -> None:
    """Short blocks like "Add your comment" or "42 comments" are labelled end of text."""
    blocks = [_block(t) for t in ("Add your comment", "42 comments so far", "Comments (3)",
                                  "Reader views on this story", "Just a normal line")]  # fmt: skip
    mark_end_of_text(_document(*blocks))
    assert [END_OF_TEXT in b.labels for b in blocks] == [True, True, True, True, False]


def test_long_or_tiny_blocks_never_end_the_text() -> None:
    """A block with 15 words or more, or under 8 characters, is never an end marker."""
    long_block = _block("add your comment " + "word " * 13)
    tiny = _block("comment", 1)
    mark_end_of_text(_document(long_block, tiny))
    assert END_OF_TEXT not in long_block.labels
    assert END_OF_TEXT not in tiny.labels


def test_title_candidates_are_the_title_and_its_longest_parts() -> None:
    """The title and the longest part of each split count as headlines, lowercased."""
    candidates = title_candidates("Storm hits the coast | Daily Gazette")
    assert candidates == {"storm hits the coast | daily gazette", "storm hits the coast"}


def test_title_parts_naming_a_dotcom_site_are_skipped() -> None:
    """A part with ".com" is the site's name, never the headline."""
    assert "example.com news and views" not in title_candidates("Example.com news and views: Hi")


def test_no_title_gives_no_candidates() -> None:
    """A missing or blank title labels nothing."""
    assert title_candidates(None) == set()
    assert title_candidates("   ") == set()


def test_blocks_equal_to_the_title_are_labelled() -> None:
    """Only a block whose whole text is a headline candidate gets the title label."""
    headline, other = _block("STORM hits the coast"), _block("Storm hits the coast today")
    mark_title(_document(headline, other, title="Storm hits the coast - Gazette"))
    assert TITLE in headline.labels
    assert TITLE not in other.labels


def test_long_text_is_content() -> None:
    """A block of more than 16 words without links is content."""
    block = _block("word " * 30)
    classify_by_word_counts(_document(block))
    assert block.is_content


def test_link_dense_block_is_boilerplate() -> None:
    """A block whose words are mostly link text is boilerplate, however long."""
    block = _block("word " * 30, linked=20)
    classify_by_word_counts(_document(block))
    assert not block.is_content


def test_short_block_takes_its_neighbours_into_account() -> None:
    """A short block is content after a block of more than 4 words, or before a long one."""
    lonely = [_block("a b"), _block("c d"), _block("e f")]
    classify_by_word_counts(_document(*lonely))
    assert not lonely[1].is_content
    after_text = [_block("one two three four five"), _block("c d"), _block("e f")]
    classify_by_word_counts(_document(*after_text))
    assert after_text[1].is_content
    before_long = [_block("a"), _block("c d"), _block("word " * 16)]
    classify_by_word_counts(_document(*before_long))
    assert before_long[1].is_content


def test_after_a_link_dense_block_more_is_needed() -> None:
    """After a link-dense block a short block needs a long next block (over 17 words)."""
    blocks = [_block("nav " * 5, linked=5), _block("short text"), _block("word " * 17)]
    classify_by_word_counts(_document(*blocks))
    assert not blocks[1].is_content
    blocks = [_block("nav " * 5, linked=5), _block("short text"), _block("word " * 18)]
    classify_by_word_counts(_document(*blocks))
    assert blocks[1].is_content


def _dense(words: int) -> TextBlock:
    block = _block(" ".join(["word"] * words))
    block.is_content = True
    return block


def test_everything_after_the_end_marker_is_dropped() -> None:
    """Once 60 dense words came before it, an end marker drops itself and what follows."""
    end = _block("Add your comment")
    end.add_label(END_OF_TEXT)
    end.is_content = True
    after = _dense(40)
    drop_after_end_of_text(_document(_dense(70), end, after))
    assert not end.is_content
    assert not after.is_content


def test_an_early_end_marker_is_ignored() -> None:
    """An end marker before 60 dense words of content changes nothing."""
    end = _block("Add your comment")
    end.add_label(END_OF_TEXT)
    after = _dense(40)
    drop_after_end_of_text(_document(_dense(30), end, after))
    assert after.is_content
