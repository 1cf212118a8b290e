"""boilerpipe's ArticleExtractor: segmentation, then an ordered list of filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import classifiers, fusion
from .blocks import segment

if TYPE_CHECKING:
    from collections.abc import Callable

    from crawlextract._base.deadline import Deadline
    from crawlextract._html.dom import Element

    from .model import TextDocument

#: The ArticleExtractor's filters, in the order they run (boilerpy3's chain).
ARTICLE_FILTERS: tuple[tuple[str, Callable[[TextDocument], None]], ...] = (
    ("end of text", classifiers.mark_end_of_text),
    ("title", classifiers.mark_title),
    ("word counts", classifiers.classify_by_word_counts),
    ("after end of text", classifiers.drop_after_end_of_text),
    ("fuse neighbours", fusion.fuse_neighbours),
    ("drop boilerplate", fusion.drop_boilerplate),
    ("fuse content", fusion.fuse_content),
    ("keep largest", fusion.keep_largest),
    ("expand title", fusion.expand_title_to_content),
)


def article_document(dom: Element, deadline: Deadline) -> TextDocument:
    """Segment the page and run the ArticleExtractor filters; return the classified blocks."""
    document = segment(dom, deadline)
    for _name, run in ARTICLE_FILTERS:
        run(document)
    return document


def article_text(dom: Element, deadline: Deadline) -> str:
    """Return the article text of a page: its content blocks, one per line."""
    return article_document(dom, deadline).content().strip()
