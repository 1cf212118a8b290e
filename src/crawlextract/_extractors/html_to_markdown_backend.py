"""html-to-markdown (Rust), a fast whole-page converter."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

import html_to_markdown

if TYPE_CHECKING:
    from crawlextract._document import Document
    from crawlextract._types import OutputKind

# html-to-markdown writes javascript:/vbscript:/data: targets as they are. A
# link or image of the simple form is unwrapped (link text kept, image
# dropped); any unsafe destination left after that is emptied.
_UNSAFE = r"\s*<?[\x00-\x20]*(?:javascript|vbscript|data):"
_UNSAFE_LINK = re.compile(
    rf"(!?)\[([^\[\]]*)\]\({_UNSAFE}[^()\s]*(?:\([^()]*\)[^()\s]*)*\)", re.IGNORECASE
)
_UNSAFE_DESTINATION = re.compile(rf"\]\({_UNSAFE}[^)]*\)", re.IGNORECASE)


def _unwrap(match: re.Match[str]) -> str:
    return "" if match[1] else match[2]


def drop_unsafe_targets(markdown: str) -> str:
    """Remove ``javascript:``, ``vbscript:`` and ``data:`` link and image targets."""
    markdown = _UNSAFE_LINK.sub(_unwrap, markdown)
    return _UNSAFE_DESTINATION.sub("]()", markdown)


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
        return drop_unsafe_targets(text).strip()
