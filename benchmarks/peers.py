"""The systems ``quality.py`` scores: crawlextract's outputs and the peers, each page to text.

Every system is a function from a :class:`aeb.BenchPage` to the plain text that
is scored. Peers are optional: :func:`load` skips one that is not installed and
says so, so a partial environment still gets a report.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aeb
import crawlextract

Runner = Callable[[aeb.BenchPage], str]


@dataclass(frozen=True)
class System:
    """One scored system: the package whose version is reported and what is scored."""

    name: str
    package: str
    what: str
    factory: Callable[[], Runner]

    @property
    def version(self) -> str:
        """The installed version of the package (``not installed`` if it is missing)."""
        try:
            return importlib.metadata.version(self.package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"


def _native() -> Runner:
    def run(page: aeb.BenchPage) -> str:
        return aeb.markdown_to_text(crawlextract.extract(page.html, page.url).readable_markdown)

    return run


def _native_boilerpipe() -> Runner:
    def run(page: aeb.BenchPage) -> str:
        return crawlextract.extract(page.html, page.url).boilerpipe_text

    return run


def _trafilatura() -> Runner:
    import trafilatura  # noqa: PLC0415 - optional peer, imported only when run

    def run(page: aeb.BenchPage) -> str:
        html = page.html.decode("utf-8", errors="replace")
        text = trafilatura.extract(html, url=page.url, include_comments=False, include_tables=True)
        return text or ""

    return run


def _readability() -> Runner:
    import lxml.html  # noqa: PLC0415
    from readability import Document  # noqa: PLC0415

    def run(page: aeb.BenchPage) -> str:
        html = page.html.decode("utf-8", errors="replace")
        summary = Document(html, url=page.url).summary(html_partial=True)
        if not summary.strip():
            return ""
        return _html_text(lxml.html.fragment_fromstring(summary, create_parent="div"))

    return run


_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def _html_text(root: Any) -> str:
    # The text of the fragment with a line break around every block element, so
    # words of neighbouring blocks are never glued (the metric splits on \w+).
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _boilerpy3() -> Runner:
    from boilerpy3 import extractors  # noqa: PLC0415

    # boilerpy3 logs tracebacks and parser warnings through logging on ordinary pages.
    logging.getLogger("boilerpy3").setLevel(logging.CRITICAL)
    extractor = extractors.ArticleExtractor()

    def run(page: aeb.BenchPage) -> str:
        return extractor.get_content(page.html.decode("utf-8", errors="replace")) or ""

    return run


def _resiliparse() -> Runner:
    from resiliparse.extract.html2text import extract_plain_text  # noqa: PLC0415
    from resiliparse.parse.html import HTMLTree  # noqa: PLC0415

    def run(page: aeb.BenchPage) -> str:
        tree = HTMLTree.parse(page.html.decode("utf-8", errors="replace"))
        return extract_plain_text(tree, main_content=True)

    return run


#: Every system, in report order.
SYSTEMS: dict[str, System] = {
    system.name: system
    for system in (
        System("native", "crawlextract", "readable_markdown, rendered to text", _native),
        System("native-boilerpipe", "crawlextract", "boilerpipe_text", _native_boilerpipe),
        System(
            "trafilatura",
            "trafilatura",
            "extract(include_comments=False, include_tables=True), text",
            _trafilatura,
        ),
        System("readability", "readability-lxml", "summary(html_partial=True), text", _readability),
        System("boilerpy3", "boilerpy3", "ArticleExtractor", _boilerpy3),
        System("resiliparse", "resiliparse", "extract_plain_text(main_content=True)", _resiliparse),
    )
}


def load(names: list[str]) -> tuple[dict[str, Runner], list[str]]:
    """Runners for the named systems, and a note for each one that is not installed."""
    runners: dict[str, Runner] = {}
    notes: list[str] = []
    for name in names:
        system = SYSTEMS[name]
        try:
            runners[name] = system.factory()
        except ImportError as error:
            notes.append(f"{name} skipped: {system.package} is not installed ({error})")
    return runners, notes
