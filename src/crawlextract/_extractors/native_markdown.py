"""The whole page as markdown, rendered natively from the shared compact tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from crawlextract._markdown import RenderContext, render

if TYPE_CHECKING:
    from crawlextract._document import Document
    from crawlextract._types import OutputKind


class NativeMarkdown:
    """Everything visible in ``<body>`` (navigation included) as CommonMark/GFM."""

    name: ClassVar[str] = "native"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Render ``<body>`` (never ``<head>``: the title is metadata, not page text)."""
        dom = document.dom
        body = dom.find("body")
        if body is None:
            return ""
        return render([body], RenderContext.for_document(document, "markdown"))
