"""readability-lxml's main content, converted to markdown by the native renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from readability import Document as ReadabilityDocument

from crawlextract._extractors.headline import with_headline
from crawlextract._markdown import RenderContext, html_fragment_to_markdown

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


class ReadabilityReadable:
    """readability-lxml's ``summary(html_partial=True)`` rendered as markdown."""

    name: ClassVar[str] = "readability"
    output: ClassVar[OutputKind] = "readable"

    def extract(self, document: Document) -> str:
        """Run readability, then render its HTML with the native markdown renderer."""
        if not document.html.strip():
            return ""
        # html_partial=True: summary() of the full document returned an empty
        # <body> on pages where the partial form found the article.
        summary = ReadabilityDocument(document.html, url=document.url).summary(html_partial=True)
        markdown = html_fragment_to_markdown(summary, document.base_url, document.options)
        if document.options.readable_title:
            context = RenderContext.for_document(document, "readable")
            return with_headline(markdown, document, context)
        return markdown
