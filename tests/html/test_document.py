"""The shared parse: one Lexbor tree, a compact tree and head facts built once, the base URL."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import crawlextract
from crawlextract import Options
from crawlextract import _document as document_module
from crawlextract._api import decode_document

if TYPE_CHECKING:
    import pytest
    from selectolax.lexbor import LexborHTMLParser

    from crawlextract._document import SharedDocument as Document
    from crawlextract._html.decode import Decoded, PendingUTF8


def document_of(html: str, url: str | None = "https://example.org/a/page") -> Document:
    """Parse a page with the default options."""
    return decode_document(html, url, None, Options())


def test_dom_is_built_once() -> None:
    """The compact tree is built on first use and the same object afterwards."""
    document = document_of("<p>x</p>")
    assert document.dom is document.dom
    assert document.dom.tag == "#document"


def test_head_facts_are_collected_once() -> None:
    """Head facts are collected on first use and shared afterwards."""
    document = document_of('<title>T</title><meta name="description" content="d">')
    facts = document.head_facts
    assert facts is document.head_facts
    assert facts.title == "T"
    assert facts.metas == [("description", "d")]


def test_base_url_uses_first_base_href_in_tree_order() -> None:
    """The base URL is the first `<base href>` (even in the body), resolved against the URL."""
    document = document_of('<base target="_top"><p>x</p><base href="/b/"><base href="/c/">')
    assert document.base_url == "https://example.org/b/"


def test_base_url_without_base_is_the_page_url() -> None:
    """Without `<base href>` links resolve against the page URL."""
    assert document_of("<p>x</p>").base_url == "https://example.org/a/page"


def test_head_facts_and_dom_from_many_threads() -> None:
    """Threads reading the tree, the head facts and the base URL at once see one result."""
    document = document_of("<title>T</title>" + "<p>x</p>" * 2000)
    seen: list[tuple[int, int, str | None]] = []

    def read() -> None:
        seen.append((id(document.dom), id(document.head_facts), document.base_url))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 1


def test_empty_page_still_has_a_tree() -> None:
    """An empty page parses to a tree with `<html>`, and no head facts."""
    document = document_of("", None)
    assert document.dom.find("html") is not None
    assert document.head_facts.title is None
    assert document.base_url is None


def test_release_drops_the_tree() -> None:
    """`release()` drops the compact tree; a second call is harmless."""
    document = document_of("<div><p>x</p></div>")
    assert document.dom.find("p") is not None
    document.release()
    assert document._dom is None
    document.release()  # twice is harmless


def test_the_whole_page_is_parsed_once_and_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Page details alone need no whole parse; all four outputs share one."""
    parses: list[object] = []
    real_parse = document_module._parse

    def counting_parse(decoded: Decoded | PendingUTF8) -> LexborHTMLParser:
        parses.append(decoded)
        return real_parse(decoded)

    monkeypatch.setattr(document_module, "_parse", counting_parse)
    html = (
        b"<html lang=en><head><title>T</title><meta name=description content=d></head>"
        b"<body><p>Some text.</p></body></html>"
    )
    page = crawlextract.extract(html, "https://example.org/")
    assert parses == []
    assert page.metadata.title == "T"
    assert parses == []  # the part before <body> settled the details
    page.to_dict()
    assert len(parses) == 1
