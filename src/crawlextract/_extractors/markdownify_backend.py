"""markdownify, the reference converter for the whole-page ``markdown``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import markdownify

if TYPE_CHECKING:
    from .._document import Document
    from .._types import OutputKind


class MarkdownifyMarkdown:
    """The whole page converted by markdownify (BeautifulSoup; it parses the page again)."""

    name: ClassVar[str] = "markdownify"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Convert the page body with ATX headings and ``-`` bullets."""
        text: str = markdownify.markdownify(
            document.html,
            heading_style=markdownify.ATX,
            bullets="-",
            strip=["script", "style", "noscript", "title"],
        )
        return text.strip()
