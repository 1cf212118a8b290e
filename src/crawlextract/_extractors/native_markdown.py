"""Native markdown extractor (placeholder until it lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .._document import Document
    from .._types import OutputKind


class NativeMarkdown:
    """Native markdown extractor on the shared parse."""

    name: ClassVar[str] = "native"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Not written yet."""
        raise NotImplementedError
