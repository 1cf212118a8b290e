"""One contract, run against every registered extractor (built-in or plugin).

A new backend is held to this the moment it is registered.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest

import crawlextract
from crawlextract import Metadata
from crawlextract._extract import decode_document
from crawlextract._registry import get_extractor

EXTRACTORS = [
    pytest.param((info.output, info.name), id=f"{info.output}:{info.name}")
    for info in crawlextract.available_extractors()
    if info.installed
]

ARTICLE = """<!doctype html><html lang="en"><head><title>Lanterns of the harbour</title>
<meta name="description" content="How a harbour town keeps its lights.">
<link rel="canonical" href="/lanterns"></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About</a></nav>
<article><h1>Lanterns of the harbour</h1>
<p>Every evening the keepers of the old harbour walk the length of the stone pier, lighting
each lantern by hand as the fishing boats come home through the narrow channel.</p>
<p>The custom is older than the lighthouse itself, and the town council has voted each year
to keep it, even though electric lamps were installed along the quay a generation ago.</p>
<p>Visitors who arrive by the late ferry often say the line of small flames is the first thing
they see of the town, long before the houses or the church tower come into view.</p>
<p>Read the <a href="/history">history of the pier</a>
or see <a href="javascript:alert(1)">this</a>.</p>
</article><footer>Copyright 2026 Harbour Gazette</footer></body></html>"""

BAD_INPUTS: list[Any] = [b"", b"   \n", "", bytes(range(256)) * 8, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
                         b'{"json": [1, 2, 3]}', b"<p>unclosed <b>tags <div><table><tr><td>",
                         "<p>lone \ud800 surrogate</p>", b"\x00\x00<p>nul</p>"]  # fmt: skip
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _run(
    key: tuple[str, str], html: Any, url: str | None = "https://harbour.example/news/1"
) -> Any:
    output, name = key
    extractor = get_extractor(output, name)  # type: ignore[arg-type]
    document = decode_document(html, url, None, crawlextract.Options())
    return extractor.extract(document)


def _text_of(result: Any) -> str:
    if isinstance(result, Metadata):
        return repr(result.to_dict())
    assert isinstance(result, str)
    return result


@pytest.mark.parametrize("key", EXTRACTORS)
def test_identifies_itself(key: tuple[str, str]) -> None:
    """The extractor reports the name and output it is registered under."""
    extractor = get_extractor(*key)  # type: ignore[arg-type]
    assert (extractor.output, extractor.name) == key


@pytest.mark.parametrize("key", EXTRACTORS)
def test_returns_the_output_type(key: tuple[str, str]) -> None:
    """Metadata extractors return Metadata, the others a non-empty str for an article."""
    result = _run(key, ARTICLE)
    if key[0] == "metadata":
        assert isinstance(result, Metadata)
        assert result.title == "Lanterns of the harbour"
        assert result.canonical == "https://harbour.example/lanterns"
    else:
        assert isinstance(result, str)
        assert "stone pier" in result


@pytest.mark.parametrize("key", EXTRACTORS)
def test_deterministic(key: tuple[str, str]) -> None:
    """The same page gives the same output twice."""
    assert _text_of(_run(key, ARTICLE)) == _text_of(_run(key, ARTICLE))


@pytest.mark.parametrize("key", EXTRACTORS)
@pytest.mark.parametrize("html", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_never_raises(key: tuple[str, str], html: Any) -> None:
    """Empty, binary, truncated or surrogate-laden input gives a result, not an exception."""
    text = _text_of(_run(key, html))
    assert not _CONTROL.search(text)


@pytest.mark.parametrize("key", EXTRACTORS)
def test_no_unsafe_link_targets(key: tuple[str, str]) -> None:
    """No output carries a `javascript:` target."""
    assert "javascript:" not in _text_of(_run(key, ARTICLE)).lower()


@pytest.mark.parametrize("key", EXTRACTORS)
def test_thread_safe_on_a_shared_document(key: tuple[str, str]) -> None:
    """Several threads extracting from one shared Document agree with a serial run."""
    output, name = key
    extractor = get_extractor(output, name)  # type: ignore[arg-type]
    document = decode_document(
        ARTICLE, "https://harbour.example/news/1", None, crawlextract.Options()
    )
    expected = _text_of(extractor.extract(document))
    results: list[str] = []

    def work() -> None:
        results.append(_text_of(extractor.extract(document)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4
