"""html-to-markdown (Rust), a fast whole-page converter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import html_to_markdown

from crawlextract._html.sanitize import strip_unsafe_links

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


class HtmlToMarkdown:
    """The whole page converted by html-to-markdown (it parses the page again)."""

    name: ClassVar[str] = "html-to-markdown"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Convert the page, without the metadata block it adds by default or unsafe targets."""
        options = html_to_markdown.ConversionOptions(
            extract_metadata=False,
            base_url=document.base_url,
            skip_images=not document.options.include_images,
        )
        try:
            result = html_to_markdown.convert(document.html, options)
        except html_to_markdown.InvalidInputError as error:
            # It refuses text that looks binary (a PDF saved as .html): no markdown.
            document.warn(f"html-to-markdown refused the page: {error}")
            return ""
        text: str = result.content or ""
        # It writes javascript:/vbscript:/data: targets as they are.
        return strip_unsafe_links(text).strip()
