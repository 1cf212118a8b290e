"""Native boilerpipe: the ArticleExtractor on the shared compact tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from crawlextract._boilerpipe import article_text

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


class NativeBoilerpipe:
    """boilerpipe's ArticleExtractor on the shared compact tree (no second parse)."""

    name: ClassVar[str] = "native"
    output: ClassVar[OutputKind] = "boilerpipe"

    def extract(self, document: Document) -> str:
        """Return the article text, one block per line, as boilerpy3 would."""
        return article_text(document.dom, document.deadline("boilerpipe"))
