"""The whole page as markdown, rendered natively from the shared compact tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from crawlextract._html.dom import Element
from crawlextract._markdown import RenderContext, render

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


class NativeMarkdown:
    """Everything visible in ``<body>`` (navigation included) as CommonMark/GFM."""

    name: ClassVar[str] = "native"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Render ``<body>`` (never ``<head>``: the title is metadata, not page text)."""
        body = _body(document.dom)
        if body is None:
            return ""
        return render([body], RenderContext.for_document(document, "markdown"))


def _body(dom: Element) -> Element | None:
    # The parser puts <body> right under <html>: look there before walking
    # the whole tree (a search in document order walks all of <head> first).
    for html in dom.children:
        if isinstance(html, Element) and html.tag == "html":
            for child in html.children:
                if isinstance(child, Element) and child.tag == "body":
                    return child
    return dom.find("body")
