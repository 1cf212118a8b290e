"""trafilatura's main-content extraction, as markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import trafilatura

if TYPE_CHECKING:
    from .._document import Document
    from .._types import OutputKind


class TrafilaturaReadable:
    """trafilatura.extract with markdown output and comments left out (it parses again)."""

    name: ClassVar[str] = "trafilatura"
    output: ClassVar[OutputKind] = "readable"

    def extract(self, document: Document) -> str:
        """Run trafilatura; its ``None`` (nothing found) becomes ``""``."""
        if not document.html.strip():
            return ""
        text = trafilatura.extract(
            document.html,
            url=document.url,
            output_format="markdown",
            include_comments=False,
            include_tables=True,
            include_images=document.options.include_images,
            include_links=document.options.include_links,
        )
        return (text or "").strip()
