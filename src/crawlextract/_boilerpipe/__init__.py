"""boilerpipe's ArticleExtractor, written for the shared compact tree.

The pipeline has two stages, one module each:

- :mod:`.blocks` walks the compact tree the way boilerpipe's SAX handler sees
  tag and text events, and cuts the page into :class:`~.blocks.TextBlock` objects
  with boilerpipe's shallow text features (words, words in links, wrapped lines).
- :mod:`.article` runs the ArticleExtractor's ordered filter chain over them;
  the filters live in :mod:`.classifiers` (each marks blocks) and :mod:`.fusion`
  (each merges, drops or re-selects blocks).

The reference is boilerpy3 1.0.7; ``docs/boilerpipe.md`` says which of its
behaviours we keep and where we differ.
"""

from __future__ import annotations

from .article import article_text

__all__ = ["article_text"]
