"""The markdownify and html-to-markdown backends of the whole-page markdown."""

from __future__ import annotations

import pytest

import crawlextract
from crawlextract import Options

PAGE = (
    "<html><head><title>PAGE TITLE</title><meta name=description content=DESC>"
    '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    "<style>.x{color:red}</style></head><body><noscript>NOSCRIPT</noscript>"
    '<h1>Head</h1><p>text <a href="/rel">link</a> <a href="javascript:alert(1)">js</a> '
    '<a href=" VBScript:x">vb</a> <img src="data:image/png;base64,AA" alt="d"></p>'
    "<script>var leaked = 1;</script></body></html>"
)


@pytest.fixture(params=["markdownify", "html-to-markdown"])
def backend_output(request: pytest.FixtureRequest) -> str:
    """The test page converted by one backend."""
    pytest.importorskip("markdownify" if request.param == "markdownify" else "html_to_markdown")
    page = crawlextract.extract(
        PAGE, url="https://example.com/a/", options=Options(markdown=request.param)
    )
    return page.markdown


def test_no_head_or_script_text(backend_output: str) -> None:
    """Title, JSON-LD, styles, scripts and noscript text never leak into the markdown."""
    for leaked in ("PAGE TITLE", "NewsArticle", "color:red", "leaked", "NOSCRIPT", "DESC"):
        assert leaked not in backend_output


def test_content_and_absolute_links(backend_output: str) -> None:
    """The heading and text survive and relative links become absolute."""
    assert backend_output.startswith("# Head")
    assert "[link](https://example.com/rel)" in backend_output


def test_no_unsafe_targets(backend_output: str) -> None:
    """javascript:, vbscript: and data: targets are dropped, link text kept."""
    lowered = backend_output.lower()
    assert "javascript:" not in lowered
    assert "vbscript:" not in lowered
    assert "data:" not in lowered
    assert "js" in backend_output
    assert "vb" in backend_output


def test_html_to_markdown_has_no_metadata_block() -> None:
    """html-to-markdown's metadata header is turned off."""
    pytest.importorskip("html_to_markdown")
    out = crawlextract.extract(PAGE, options=Options(markdown="html-to-markdown")).markdown
    assert not out.startswith("---")


def test_html_to_markdown_refusal_is_a_warning() -> None:
    """Input html-to-markdown refuses as binary gives empty markdown and a page warning."""
    pytest.importorskip("html_to_markdown")
    page = crawlextract.extract(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", options=Options(markdown="html-to-markdown")
    )
    assert page.markdown == ""
    assert any("html-to-markdown" in warning for warning in page.warnings)
