"""The ArticleExtractor pipeline end to end, pinned against boilerpy3."""

from __future__ import annotations

import logging

import pytest
from boilerpy3 import extractors

import crawlextract
from crawlextract._api import decode_document
from crawlextract._base.deadline import NO_DEADLINE
from crawlextract._boilerpipe import article_text
from crawlextract._boilerpipe.article import ARTICLE_FILTERS, article_document

logging.getLogger("boilerpy3").setLevel(logging.ERROR)

# 49 words: content even right after a menu (more than 40 words).
_PARAGRAPH = (
    "Every evening the keepers of the old harbour walk the length of the stone pier, lighting "
    "each lantern by hand as the fishing boats come home through the narrow channel, and the "
    "custom is older than the lighthouse itself, so the town council votes each year to keep it."
)
_STANDFIRST = (
    "How a small town on the northern coast keeps a custom that is older than its "
    "lighthouse, one lantern at a time."
)
_NAV = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
# A short line, then a dateline: the dateline is content because a long block
# follows, and boilerpipe's first fusion pulls the short line in with it.
_LEAD = "<p>Share</p><p>Published on 2 May 2026</p>"
_LEAD_TEXT = "Share\nPublished on 2 May 2026"
_ARTICLE = f"<p>{_PARAGRAPH}</p><p>{_PARAGRAPH}</p>"
_ARTICLE_TEXT = f"{_PARAGRAPH}\n{_PARAGRAPH}"


def _native(html: str) -> str:
    return article_text(decode_document(html, None, None, crawlextract.Options()).dom, NO_DEADLINE)


def _reference(html: str) -> str:
    return str(extractors.ArticleExtractor().get_content(html)).strip()


def _page(body: str, title: str = "Lanterns of the harbour | Gazette") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def test_article_is_kept_and_navigation_dropped() -> None:
    """Long paragraphs are the article, the menu is not; the line just before joins them."""
    html = _page(_NAV + _LEAD + _ARTICLE)
    assert _native(html) == f"{_LEAD_TEXT}\n{_ARTICLE_TEXT}"
    assert _native(html) == _reference(html)


def test_block_before_the_article_is_pulled_in() -> None:
    """Boilerpipe's first fusion merges the article into the block before it, menu or not."""
    html = _page(_NAV + _ARTICLE)
    assert _native(html) == f"Home News Sport\n{_ARTICLE_TEXT}"
    assert _native(html) == _reference(html)


def _with_headline(headline: str) -> str:
    top = f"<p>Skip</p><h1>{headline}</h1><p>{_STANDFIRST}</p>"
    return _page(_NAV + top + _NAV + _NAV + _LEAD + _ARTICLE)


def test_headline_matching_the_title_is_kept() -> None:
    """A headline equal to the title's main part brings its lines down to the article back."""
    html = _with_headline("Lanterns of the harbour")
    expected = f"Skip\nLanterns of the harbour\n{_STANDFIRST}\n{_LEAD_TEXT}\n{_ARTICLE_TEXT}"
    assert _native(html) == expected
    assert _native(html) == _reference(html)


def test_headline_not_matching_the_title_is_dropped() -> None:
    """The same lines under a heading that is not the title lose to the larger article."""
    html = _with_headline("Something else entirely")
    assert _native(html) == f"{_LEAD_TEXT}\n{_ARTICLE_TEXT}"
    assert _native(html) == _reference(html)


def test_short_teaser_after_the_article_is_dropped() -> None:
    """A short teaser separated from the article by menus is left out."""
    teaser = "<p>Read next: the ferry timetable changes</p>"
    html = _page(_ARTICLE + _NAV + _NAV + teaser + _NAV)
    assert _native(html) == _ARTICLE_TEXT
    assert _native(html) == _reference(html)


def test_comments_after_the_end_marker_are_dropped() -> None:
    """After "Add your comment" nothing more is article text."""
    comments = f"<p>Add your comment</p><p>{_PARAGRAPH} Said a reader.</p>"
    html = _page(_ARTICLE + comments)
    assert _native(html) == _ARTICLE_TEXT
    assert _native(html) == _reference(html)


def test_largest_of_two_texts_wins() -> None:
    """Of two texts far apart only the one with more words is kept."""
    small = "<p>A shorter piece of text that still has well over sixteen words in it, here.</p>"
    html = _page(small + _NAV + _NAV + _LEAD + f"<p>{_PARAGRAPH}</p>")
    assert _native(html) == f"{_LEAD_TEXT}\n{_PARAGRAPH}"
    assert _native(html) == _reference(html)


def test_the_filters_run_in_boilerpy3_order() -> None:
    """The chain is boilerpy3's ArticleExtractor chain, in its order."""
    assert [name for name, _ in ARTICLE_FILTERS] == [
        "end of text", "title", "word counts", "after end of text", "fuse neighbours",
        "drop boilerplate", "fuse content", "keep largest", "expand title",
    ]  # fmt: skip


def test_document_keeps_the_classified_blocks() -> None:
    """article_document returns the blocks with their content flags, for inspection."""
    html = _page(_NAV + _LEAD + _ARTICLE)
    document = article_document(decode_document(html, None, None, crawlextract.Options()).dom,
                                NO_DEADLINE)  # fmt: skip
    assert document.title == "Lanterns of the harbour | Gazette"
    assert [b.text for b in document.blocks if b.is_content] == [f"{_LEAD_TEXT}\n{_ARTICLE_TEXT}"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("plain text, no tags at all", ""),  # six words: too few to be an article
        ("<p>", ""),
        ("<<<>>>&&&", ""),  # no words at all
        (_PARAGRAPH, _PARAGRAPH),  # long text without a single tag is the article
    ],
    ids=["empty", "blank", "short-text", "lone-tag", "symbols", "long-text"],
)
def test_pages_without_an_article_give_empty_or_text(html: str, expected: str) -> None:
    """Degenerate pages give "", or their bare text when it is long enough; never an error."""
    assert _native(html) == expected
