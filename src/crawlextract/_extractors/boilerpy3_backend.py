"""boilerpy3's ArticleExtractor, the reference for ``boilerpipe_text``."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, ClassVar

from boilerpy3 import extractors

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


class _DropBelowError(logging.Filter):
    # boilerpy3 logs "nested A elements" warnings on ordinary pages and a
    # traceback for every failure; the failures reach the caller through
    # Page.warnings instead, so only real errors pass this filter.
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


_FILTER = _DropBelowError()
# What Python's html.parser takes for the start of a start tag.
_START_TAG = re.compile(r"<[a-zA-Z]")


class Boilerpy3Boilerpipe:
    """boilerpy3's ArticleExtractor on the decoded page (it parses the page again)."""

    name: ClassVar[str] = "boilerpy3"
    output: ClassVar[OutputKind] = "boilerpipe"

    def __init__(self) -> None:
        """Quiet boilerpy3's warning logs (added once, on first use)."""
        logger = logging.getLogger("boilerpy3")
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)

    def extract(self, document: Document) -> str:
        """Run boilerpy3's ArticleExtractor; a boilerpy3 failure is a page warning."""
        if _START_TAG.search(document.html) is None:
            # boilerpy3 raises AttributeError on input without a start tag (its
            # parser reads a tag's name before it has seen one); there is no
            # article in such input, and its answer would be empty.
            return ""
        extractor = extractors.ArticleExtractor(raise_on_failure=True)
        text: str = extractor.get_content(document.html)
        return text.strip()
