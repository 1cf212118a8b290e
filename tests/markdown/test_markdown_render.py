"""The renderer's interface: render(), RenderContext, html_fragment_to_markdown()."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser

import crawlextract
from crawlextract import Options, TimeBudgetExceeded
from crawlextract._api import decode_document
from crawlextract._base.deadline import NO_DEADLINE, Deadline
from crawlextract._config import Limits
from crawlextract._html.dom import Element, build
from crawlextract._markdown import RenderContext, html_fragment_to_markdown, render
from output_contract import RENDERER_TAGS


def tree(html: str) -> Element:
    """Helper: the compact tree of an HTML string."""
    root = LexborHTMLParser(html).root
    assert root is not None
    return build(root, Limits(), NO_DEADLINE)[0]


def context(**changes: object) -> RenderContext:
    """Helper: a render context with test defaults."""
    values: dict[str, object] = {
        "base_url": "https://example.com/",
        "include_images": True,
        "include_links": True,
        "max_table_cells": 1000,
        "deadline": NO_DEADLINE,
    }
    values.update(changes)
    return RenderContext(**values)  # type: ignore[arg-type]


def test_render_roots_in_order() -> None:
    """Several roots render in the order given, as separate blocks."""
    dom = tree("<p id=a>first</p><p id=b>second</p>")
    first, second = (e for e in dom.iter() if e.tag == "p")
    assert render([second, first], context()) == "second\n\nfirst"


def test_exclude_skips_subtrees() -> None:
    """Elements whose id() is in exclude are left out with their subtrees."""
    dom = tree("<div><p>keep</p><aside><p>drop</p></aside><p>keep2</p></div>")
    aside = dom.find("aside")
    assert aside is not None
    assert render([dom], context(), exclude={id(aside)}) == "keep\n\nkeep2"


def test_for_document_uses_options() -> None:
    """RenderContext.for_document takes the base URL and options of the page."""
    page_options = Options(include_images=False, limits=Limits(max_table_cells=7))
    document = decode_document(
        '<base href="https://b.example/x/">', "https://a.example/", None, page_options
    )
    made = RenderContext.for_document(document, "readable")
    assert made.base_url == "https://b.example/x/"
    assert made.include_images is False
    assert made.max_table_cells == 7
    assert made.deadline.stage == "readable"
    assert made.text_is_clean  # Document.dom's text holds no control characters


def test_control_characters_dropped_unless_text_is_clean() -> None:
    """A hand-built tree's text is searched for control characters; a clean tree's is not."""
    body = Element("body", {})
    body.children.append("a\x01b")
    assert render([body], context()) == "ab"
    assert render([body], context(text_is_clean=True)) == "a\x01b"


def test_fragment_to_markdown() -> None:
    """An HTML fragment is parsed, built and rendered against the given base."""
    out = html_fragment_to_markdown(
        '<h2>T</h2><p><a href="x">l</a></p>', "https://e.com/d/", Options()
    )
    assert out == "## T\n\n[l](https://e.com/d/x)"


def test_deadline_checked() -> None:
    """A spent time budget stops a long render."""
    dom = tree("<div>" + "<p>x</p>" * 10_000 + "</div>")
    with pytest.raises(TimeBudgetExceeded):
        render([dom], context(deadline=Deadline("markdown", -1.0)))


def test_deterministic() -> None:
    """The same page renders to the same bytes every time."""
    html = "<ul><li>a<b>b</b></li></ul><table><tr><td>1</td><td>2</td></tr></table>" * 50
    outputs = {crawlextract.extract(html).markdown for _ in range(5)}
    assert len(outputs) == 1


def test_stray_markers_in_text_are_harmless() -> None:
    """Marker characters smuggled into a hand-built tree are removed, not interpreted."""
    body = Element("body", {})
    body.children.extend(["a\ud80b\ud800b", "\ud80b", "c\ud802"])
    assert render([body], context()) == "abc"


def test_deep_nesting_no_recursion() -> None:
    """Nesting far past Python's recursion limit renders (the tree is flattened at 200)."""
    html = "<div>" * 5000 + "deep" + "</div>" * 5000 + "<ul>" * 3000 + "<li>x" + "</ul>" * 3000
    out = crawlextract.extract(html).markdown
    assert out.startswith("deep")
    assert sys.getrecursionlimit() < 5000


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_AEB = Path(__file__).resolve().parents[2] / ".." / "shared" / "bench" / "aeb" / "html"


@pytest.mark.slow
@pytest.mark.skipif(not _AEB.is_dir(), reason="benchmark pages not present")
def test_benchmark_pages_safe() -> None:
    """No AEB page's markdown has unsafe targets, live HTML or control characters."""
    import gzip  # noqa: PLC0415

    parser = MarkdownIt("commonmark").enable("table")
    for path in sorted(_AEB.glob("*.html.gz")):
        out = crawlextract.extract(gzip.decompress(path.read_bytes())).markdown
        lowered = out.lower()
        assert "javascript:" not in lowered, path.name
        assert "](data:" not in lowered, path.name
        assert "vbscript:" not in lowered, path.name
        assert not _CONTROL.search(out.replace("\t", "")), path.name
        tokens = parser.parse(out)
        assert not any(t.type == "html_block" for t in tokens), path.name
        assert not any(
            c.type == "html_inline" and c.content not in RENDERER_TAGS
            for t in tokens
            for c in (t.children or [])
        ), path.name
