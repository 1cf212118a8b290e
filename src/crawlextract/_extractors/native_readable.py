"""The main content as markdown, chosen on the shared compact tree.

Selection (which subtrees are the article, what to skip inside them) is
:func:`crawlextract._readable.select_content`; rendering is the shared markdown
renderer, told which subtrees to leave out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from crawlextract._extractors.headline import with_headline
from crawlextract._markdown import RenderContext, render
from crawlextract._readable import select_content

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


class NativeReadable:
    """Main content by text and link density, class/tag hints and pruning, on the shared parse."""

    name: ClassVar[str] = "native"
    output: ClassVar[OutputKind] = "readable"

    def extract(self, document: Document) -> str:
        """Select the main content of the page and render it as markdown."""
        selection = select_content(
            document.dom, deadline=document.deadline("readable"), url=document.url
        )
        context = RenderContext.for_document(document, "readable")
        markdown = render(selection.roots, context, selection.exclude)
        if document.options.readable_title:
            return with_headline(markdown, document, context, selection.roots, selection.exclude)
        return markdown
