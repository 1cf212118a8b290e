"""Types for code that extends crawlextract: extractors, their inputs and outputs.

A third-party extractor is typed against these names only::

    from crawlextract.typing import Document, OutputKind

    class WordCount:
        name = "words"
        output: OutputKind = "markdown"

        def extract(self, document: Document) -> str:
            return str(len(document.html.split()))

:func:`crawlextract.testing.check_extractor` runs the project's own contract
checks on such an extractor.
"""

from __future__ import annotations

from ._base.publish import publish
from ._base.types import (
    OUTPUT_KINDS,
    HeaderItems,
    HeadersInput,
    HeaderText,
    HeaderValue,
    HTMLInput,
    OutputKind,
    URLInput,
)
from ._config import Document, Extractor, ExtractorSpec
from ._html.dom import Element

__all__ = [
    "OUTPUT_KINDS",
    "Document",
    "Element",
    "Extractor",
    "ExtractorSpec",
    "HTMLInput",
    "HeaderItems",
    "HeaderText",
    "HeaderValue",
    "HeadersInput",
    "OutputKind",
    "URLInput",
]

publish(__name__, Document, Element)
