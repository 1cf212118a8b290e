"""No output repeats a paragraph more often than the page itself shows it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import crawlextract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(path.parent for path in FIXTURES.glob("*/page.html"))
_SPACE = re.compile(r"\s+")
# Paragraphs long enough that a repeat is not a coincidence, and free of the
# characters that escaping or markup would change between page and markdown.
_MIN_CHARS = 60
_MARKUP = re.compile(r"[\\*_`\[\]<>!#|&]")
# A paragraph is a one-line block that is not a list item (those carry markers
# the page text does not have).
_LIST_ITEM = re.compile(r"\s*(?:[-+*]|\d+[.)])\s")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@pytest.mark.parametrize("folder", PAGES, ids=[path.name for path in PAGES])
def test_paragraphs_not_duplicated(folder: Path) -> None:
    """Each plain paragraph of both markdown outputs occurs at most as often as in the page text."""
    info = json.loads((folder / "page.json").read_text(encoding="utf-8"))
    html = (folder / "page.html").read_bytes()
    page = crawlextract.extract(html, url=info.get("url"), headers=info.get("headers") or None)
    body = LexborHTMLParser(html).body
    page_text = _collapse(body.text(separator=" ")) if body is not None else ""
    for output in (page.markdown, page.readable_markdown):
        paragraphs = Counter(
            _collapse(block) for block in output.split("\n\n")
            if len(block) >= _MIN_CHARS and "\n" not in block and not _MARKUP.search(block)
            and not _LIST_ITEM.match(block)
        )  # fmt: skip
        for paragraph, count in paragraphs.items():
            if count > 1:
                assert count <= page_text.count(paragraph), paragraph[:80]
