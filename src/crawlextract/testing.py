"""Test helpers for code that extends crawlextract, and the extractor contract.

A plugin author runs the same contract the project runs on every built-in
extractor::

    from crawlextract.testing import check_extractor

    def test_my_extractor_meets_the_contract():
        check_extractor(MyExtractor())

or, to see each rule as its own test, parametrise over :data:`CONTRACT_CHECKS`.
:func:`make_document` builds the :class:`~crawlextract.typing.Document` an
extractor receives, from a page as downloaded.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

from ._api import decode_document
from ._base.chars import ASCII_WHITESPACE, controls_except
from ._base.exceptions import ExtractorContractError
from ._base.types import OUTPUT_KINDS, HeadersInput, HTMLInput, URLInput
from ._config import Document, Extractor, Options, resolve_options
from ._metadata.head import Metadata

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CONTRACT_CHECKS",
    "HOSTILE_INPUTS",
    "SAMPLE_ARTICLE",
    "SAMPLE_URL",
    "ExtractorContractError",
    "check_extractor",
    "make_document",
]

#: The URL :data:`SAMPLE_ARTICLE` is extracted as.
SAMPLE_URL = "https://harbour.example/news/1"

#: A small article with navigation, a footer, a relative canonical and one
#: ``javascript:`` link: the page every extractor must handle sensibly.
SAMPLE_ARTICLE = """<!doctype html><html lang="en"><head><title>Lanterns of the harbour</title>
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

#: Inputs a crawler meets and no extractor may raise on: empty, blank, binary,
#: a PDF, JSON, truncated markup, a lone surrogate and NUL bytes.
HOSTILE_INPUTS: tuple[HTMLInput, ...] = (
    b"",
    b"   \n",
    "",
    bytes(range(256)) * 8,
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    b'{"json": [1, 2, 3]}',
    b"<p>unclosed <b>tags <div><table><tr><td>",
    "<p>lone \ud800 surrogate</p>",
    b"\x00\x00<p>nul</p>",
)

# Control characters no output may hold (all but HTML's whitespace): they
# break the JSON, CSV and terminals outputs go to.
_CONTROL = re.compile(f"[{controls_except(ASCII_WHITESPACE)}]")


def make_document(
    html: HTMLInput = "",
    url: URLInput = None,
    headers: HeadersInput = None,
    *,
    options: Options | str | None = None,
) -> Document:
    """Decode a page into the :class:`~crawlextract.typing.Document` extractors receive.

    The arguments mean what they mean for :func:`crawlextract.extract`; the
    document is parsed when the extractor first reads its tree.
    """
    return decode_document(html, url, headers, resolve_options(options))


def check_identity(extractor: Extractor[Any]) -> None:
    """The extractor names an output kind and has a non-empty name."""
    _require(
        extractor.output in OUTPUT_KINDS,
        f"output {extractor.output!r} is not one of {OUTPUT_KINDS}",
    )
    _require(
        isinstance(extractor.name, str) and bool(extractor.name), "name must be a non-empty str"
    )


def check_output_type(extractor: Extractor[Any]) -> None:
    """Page details come back as :class:`~crawlextract.Metadata`, the other outputs as text.

    The details must hold the sample's title and its canonical made absolute;
    the text must hold the article.
    """
    result = extractor.extract(make_document(SAMPLE_ARTICLE, SAMPLE_URL))
    if extractor.output == "metadata":
        _require(
            isinstance(result, Metadata),
            f"metadata output is {type(result).__name__}, not Metadata",
        )
        _require(result.title == "Lanterns of the harbour", f"title is {result.title!r}")
        _require(
            result.canonical == "https://harbour.example/lanterns",
            f"canonical is {result.canonical!r}, not resolved against the page URL",
        )
    else:
        _require(
            isinstance(result, str),
            f"{extractor.output} output is {type(result).__name__}, not str",
        )
        _require("stone pier" in result, "the article's text is missing")


def check_deterministic(extractor: Extractor[Any]) -> None:
    """The same page gives the same output twice."""
    first = _as_text(extractor.extract(make_document(SAMPLE_ARTICLE, SAMPLE_URL)))
    second = _as_text(extractor.extract(make_document(SAMPLE_ARTICLE, SAMPLE_URL)))
    _require(first == second, "two runs on the same page differ")


def check_hostile_inputs(extractor: Extractor[Any]) -> None:
    """Each of :data:`HOSTILE_INPUTS` gives an output free of control characters, never an error."""
    for number, html in enumerate(HOSTILE_INPUTS):
        try:
            text = _as_text(extractor.extract(make_document(html, SAMPLE_URL)))
        except Exception as error:
            raise ExtractorContractError(f"hostile input {number} raised {error!r}") from error
        _require(not _CONTROL.search(text), f"hostile input {number} gave control characters")


def check_no_unsafe_links(extractor: Extractor[Any]) -> None:
    """No output carries the sample's ``javascript:`` target."""
    text = _as_text(extractor.extract(make_document(SAMPLE_ARTICLE, SAMPLE_URL)))
    _require("javascript:" not in text.lower(), "a javascript: target reached the output")


def check_thread_safe(extractor: Extractor[Any]) -> None:
    """Four threads extracting from one shared document agree with a serial run."""
    document = make_document(SAMPLE_ARTICLE, SAMPLE_URL)
    expected = _as_text(extractor.extract(document))
    results: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(_as_text(extractor.extract(document)))
        except Exception as error:  # noqa: BLE001 - any error fails the check, in the caller's thread
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise ExtractorContractError(f"a thread raised {errors[0]!r}") from errors[0]
    _require(results == [expected] * 4, "threads sharing one document disagree")


#: Every rule of the contract, in the order :func:`check_extractor` runs them.
CONTRACT_CHECKS: tuple[Callable[[Extractor[Any]], None], ...] = (
    check_identity,
    check_output_type,
    check_deterministic,
    check_hostile_inputs,
    check_no_unsafe_links,
    check_thread_safe,
)


def check_extractor(extractor: Extractor[Any]) -> None:
    """Run every rule of :data:`CONTRACT_CHECKS` on ``extractor``.

    Raises:
        ExtractorContractError: the first rule broken, named in its message.
    """
    for check in CONTRACT_CHECKS:
        check(extractor)


def _as_text(result: object) -> str:
    if isinstance(result, Metadata):
        return repr(result.to_dict())
    _require(isinstance(result, str), f"output is {type(result).__name__}, not str")
    return str(result)


def _require(condition: bool, message: str) -> None:  # noqa: FBT001 - reads as an assertion
    if not condition:
        raise ExtractorContractError(message)
