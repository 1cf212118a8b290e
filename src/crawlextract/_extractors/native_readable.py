"""The main content as markdown, chosen on the shared compact tree.

Selection (which subtrees are the article, what to skip inside them) is
:func:`crawlextract._readable.select_content`; this module only renders it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from crawlextract._readable import select_content
from crawlextract._readable.plaintext import render_text

if TYPE_CHECKING:
    from crawlextract._document import Document
    from crawlextract._types import OutputKind


class NativeReadable:
    """Main-content selection by text and link density, hints and structure, on the shared parse."""

    name: ClassVar[str] = "native"
    output: ClassVar[OutputKind] = "readable"

    def extract(self, document: Document) -> str:
        """Select the main content of the page and render it."""
        selection = select_content(document.dom, deadline=document.deadline("readable"))
        # TODO: render with the markdown renderer once it lands; plain text until then.
        return render_text(selection.roots, selection.exclude)
