"""A plugin written as a third party would write it: public names only.

The extractor below imports nothing private. It passes the contract of
``crawlextract.testing``, and ``extract`` uses it like a built-in one.
"""

from __future__ import annotations

import re
from typing import ClassVar

import pytest

import crawlextract
from crawlextract.testing import (
    CONTRACT_CHECKS,
    SAMPLE_ARTICLE,
    SAMPLE_URL,
    ExtractorContractError,
    check_extractor,
    make_document,
)
from crawlextract.typing import Document, Element, OutputKind

_SPACE = re.compile(r"\s+")


class ParagraphText:
    """Readable text as the page's paragraphs, one per line (walks the public compact tree)."""

    name: ClassVar[str] = "paragraphs"
    output: ClassVar[OutputKind] = "readable"

    def extract(self, document: Document) -> str:
        """Join the text of every ``<p>``, whitespace collapsed."""
        found: list[str] = []
        self._collect(document.dom, found)
        return "\n".join(found)

    def _collect(self, element: Element, found: list[str]) -> None:
        for child in element.children:
            if isinstance(child, str):
                continue
            if child.tag == "p":
                text = _SPACE.sub(" ", _text(child)).strip()
                if text and "javascript:" not in text:
                    found.append(text)
            else:
                self._collect(child, found)


def _text(element: Element) -> str:
    return "".join(child if isinstance(child, str) else _text(child) for child in element.children)


class Broken:
    """Breaks the contract on purpose: raises on an empty page."""

    name: ClassVar[str] = "broken"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Return the page text, or fail on a page with none."""
        if not document.html.strip():
            message = "no text"
            raise ValueError(message)
        return document.html


def test_a_third_party_extractor_passes_the_contract() -> None:
    """check_extractor runs every public rule on the plugin without an error."""
    check_extractor(ParagraphText())


@pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda check: check.__name__)
def test_each_rule_can_run_on_its_own(check: object) -> None:
    """A plugin's own test suite can parametrise over the rules, one test each."""
    assert callable(check)
    check(ParagraphText())


def test_a_broken_extractor_is_named_by_the_rule_it_breaks() -> None:
    """A plugin that raises on hostile input fails with the rule's message."""
    with pytest.raises(ExtractorContractError, match="hostile input 0 raised"):
        check_extractor(Broken())


def test_make_document_gives_what_an_extractor_reads() -> None:
    """make_document decodes, resolves the URL, and parses on first use."""
    document = make_document(SAMPLE_ARTICLE.encode(), SAMPLE_URL, {"Content-Type": "text/html"})
    assert document.url == SAMPLE_URL
    assert document.encoding == "utf-8"
    assert document.head_facts.title == "Lanterns of the harbour"
    assert document.dom.tag == "#document"
    assert document.base_url == SAMPLE_URL


def test_the_plugin_works_through_extract() -> None:
    """An extractor object in Options makes that output of extract()."""
    page = crawlextract.extract(
        SAMPLE_ARTICLE, SAMPLE_URL, options=crawlextract.Options(readable=ParagraphText())
    )
    lines = page.readable_markdown.splitlines()
    assert lines[0].startswith("Every evening the keepers of the old harbour")
    assert len(lines) == 4
