"""html-to-markdown (Rust), a fast whole-page converter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import html_to_markdown

if TYPE_CHECKING:
    from .._document import Document
    from .._types import OutputKind


class HtmlToMarkdown:
    """The whole page converted by html-to-markdown (it parses the page again)."""

    name: ClassVar[str] = "html-to-markdown"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Convert the page, without the metadata block it adds by default."""
        options = html_to_markdown.ConversionOptions(
            extract_metadata=False,
            base_url=document.base_url,
            skip_images=not document.options.include_images,
        )
        result = html_to_markdown.convert(document.html, options)
        text: str = result.content or ""
        return text.strip()
