"""What a caller passes in and plugs in: options, presets and the extractor contract.

A frozen :class:`Options` with named presets says which extractor makes each
output; :class:`Extractor` is what an extractor is, and :class:`Document` is
what it reads. They live together because each names the others, and they sit
below the shared parse (:mod:`crawlextract._document`) and every algorithm, so
both can be typed against them without a loop. Nothing here is read from the
environment or from module globals; two calls with different options never
affect each other.
"""

from __future__ import annotations

import dataclasses

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol, TypeVar, runtime_checkable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ._base.deadline import Deadline
from ._base.exceptions import InputTypeError
from ._base.headers import Headers
from ._base.limits import Limits
from ._base.types import OutputKind
from ._html.dom import Element
from ._metadata.head import HeadFacts

T_co = TypeVar("T_co", covariant=True)


class Document(Protocol):
    """A page decoded once and parsed on first use, shared by every extractor.

    What an extractor receives. Extractors read it and never change it:
    several outputs, and several threads, may use one document. Build one for
    tests with :func:`crawlextract.testing.make_document`.
    """

    @property
    def url(self) -> str | None:
        """The page URL, if known."""
        ...

    @property
    def headers(self) -> Headers:
        """The HTTP response headers."""
        ...

    @property
    def options(self) -> Options:
        """The options of this extraction."""
        ...

    @property
    def html(self) -> str:
        """The page text, without control characters (and defused)."""
        ...

    @property
    def encoding(self) -> str | None:
        """The web name of the encoding used, ``None`` for ``str`` input."""
        ...

    @property
    def tree(self) -> LexborHTMLParser:
        """The Lexbor parse of the whole page, made on first use."""
        ...

    @property
    def html_node(self) -> LexborNode | None:
        """The ``<html>`` element of the Lexbor tree (``None`` only for an empty tree)."""
        ...

    @property
    def dom(self) -> Element:
        """The compact tree (a ``#document`` element), built on first use."""
        ...

    @property
    def head_facts(self) -> HeadFacts:
        """What the page-detail rules read (title, metas, links, base, lang), collected once."""
        ...

    @property
    def base_url(self) -> str | None:
        """The URL relative links resolve against: ``<base href>``, else the page URL."""
        ...

    @property
    def warnings(self) -> tuple[str, ...]:
        """What was cut, replaced or failed so far, in order."""
        ...

    def warn(self, message: str) -> None:
        """Record something the caller should know about this page's outputs."""
        ...

    def deadline(self, stage: str) -> Deadline:
        """Start the time budget of one stage."""
        ...


@runtime_checkable
class Extractor(Protocol[T_co]):
    """Makes one output of a page from the shared :class:`Document`.

    ``metadata`` extractors return :class:`~crawlextract.Metadata`; the others
    return ``str``. An extractor must be safe to call from several threads and
    must not change the document.
    """

    @property
    def name(self) -> str:
        """The name it is registered and chosen by."""
        ...

    @property
    def output(self) -> OutputKind:
        """Which output it makes."""
        ...

    def extract(self, document: Document) -> T_co:
        """Make the output for one page."""
        ...


#: An extractor chosen by its registered name or given as an object.
ExtractorSpec = str | Extractor[Any]


@dataclass(frozen=True, slots=True)
class Options:
    """Which extractor makes each output, and the limits they run under.

    Each extractor is a registered name (see :func:`~crawlextract.available_extractors`)
    or an object that follows the :class:`~crawlextract.Extractor` protocol.
    """

    metadata: ExtractorSpec = "lexbor"
    """Extractor for the page details."""
    boilerpipe: ExtractorSpec = "native"
    """Extractor for ``boilerpipe_text``."""
    markdown: ExtractorSpec = "native"
    """Extractor for ``markdown`` (the whole page)."""
    readable: ExtractorSpec = "native"
    """Extractor for ``readable_markdown`` (the main content)."""
    include_images: bool = True
    """Keep images in the markdown outputs."""
    include_links: bool = True
    """Keep link targets in the markdown outputs (the link text stays either way)."""
    readable_title: bool = False
    """Put the page's headline on top of ``readable_markdown`` as a ``# `` heading: the
    ``<h1>`` of the main content or the last one before it, else the ``<title>``; not added
    when the content already starts with that heading, or is empty. Off by default, as
    the benchmarks' annotated bodies leave the title out. Honoured by the built-in readable
    extractors (``docs/readable.md``, "The headline").
    """
    detect_language: bool = False
    """Detect the language of the page text for ``Metadata.detected_language`` (needs the
    ``[lang]`` extra; off by default because it costs about as much as the other
    extended page details together).
    """
    limits: Limits = field(default_factory=Limits)
    """Size and time budgets."""

    def replace(self, **changes: Any) -> Options:
        """Return a copy with some fields changed."""
        return dataclasses.replace(self, **changes)


#: Named option sets. ``fast`` is the default: the native extractors on one
#: shared parse. ``reference`` uses the original packages (boilerpy3,
#: markdownify, trafilatura, lxml), which is slower but useful for comparison.
#: Read-only: a caller cannot change what a preset name means for every later call.
PRESETS: Mapping[str, Options] = MappingProxyType(
    {
        "fast": Options(),
        "reference": Options(
            metadata="lxml",
            boilerpipe="boilerpy3",
            markdown="markdownify",
            readable="trafilatura",
        ),
    }
)


def resolve_options(options: Options | str | None) -> Options:
    """Turn ``None``, a preset name or an :class:`Options` into an :class:`Options`."""
    if options is None:
        return PRESETS["fast"]
    if isinstance(options, Options):
        return options
    if isinstance(options, str):
        try:
            return PRESETS[options]
        except KeyError:
            names = ", ".join(sorted(PRESETS))
            raise InputTypeError(f"unknown preset {options!r}; presets: {names}") from None
    raise InputTypeError(
        f"options must be an Options, a preset name or None, not {type(options).__name__}"
    )
