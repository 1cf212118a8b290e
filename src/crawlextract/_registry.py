"""The extractor protocol and the registry of named extractors.

Every output (``metadata``, ``boilerpipe``, ``markdown``, ``readable``) has named
extractors. Built-ins are listed in :data:`BUILTINS` and imported only when
first used; third-party packages add their own through the entry-point group
``crawlextract.extractors`` (each entry point loads an extractor object or a
class that makes one with no arguments).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
from dataclasses import dataclass
from typing import Any

from ._base.exceptions import InputTypeError, MissingDependencyError, UnknownExtractorError
from ._base.types import OUTPUT_KINDS, OutputKind
from ._config import Extractor

logger = logging.getLogger("crawlextract")

ENTRY_POINT_GROUP = "crawlextract.extractors"


@dataclass(frozen=True, slots=True)
class ExtractorInfo:
    """What :func:`available_extractors` says about one extractor."""

    #: Which output it makes.
    output: OutputKind
    #: Its registered name.
    name: str
    #: One line on what it is.
    description: str
    #: Whether its dependencies are installed.
    installed: bool
    #: The extra that installs its dependencies (``pip install 'crawlextract[extra]'``).
    extra: str | None
    #: ``builtin``, or the entry point that registered it.
    origin: str


@dataclass(frozen=True, slots=True)
class _Builtin:
    output: OutputKind
    name: str
    target: str  # "module:attribute", relative to crawlextract._extractors
    description: str
    requires: tuple[str, ...] = ()  # importable module names
    extra: str | None = None

    @property
    def installed(self) -> bool:
        return all(importlib.util.find_spec(module) is not None for module in self.requires)

    def load(self) -> Extractor[Any]:
        for module in self.requires:
            if importlib.util.find_spec(module) is None:
                raise MissingDependencyError(self.name, module, self.extra or self.name)
        module_name, attribute = self.target.split(":")
        implementation = importlib.import_module(f"crawlextract._extractors.{module_name}")
        factory = getattr(implementation, attribute)
        return factory()  # type: ignore[no-any-return]


#: The built-in extractors, in the order they are listed.
BUILTINS: tuple[_Builtin, ...] = (
    _Builtin("metadata", "lexbor", "lexbor_metadata:LexborMetadata",
             "Page details from the shared Lexbor (selectolax) parse."),
    _Builtin("metadata", "lxml", "lxml_metadata:LxmlMetadata",
             "Page details from an lxml parse.", ("lxml",), "lxml"),
    _Builtin("boilerpipe", "native", "native_boilerpipe:NativeBoilerpipe",
             "boilerpipe ArticleExtractor semantics on the shared parse."),
    _Builtin("boilerpipe", "boilerpy3", "boilerpy3_backend:Boilerpy3Boilerpipe",
             "boilerpy3's ArticleExtractor (the reference implementation).",
             ("boilerpy3",), "boilerpy3"),
    _Builtin("markdown", "native", "native_markdown:NativeMarkdown",
             "The whole page as markdown, from the shared parse."),
    _Builtin("markdown", "markdownify", "markdownify_backend:MarkdownifyMarkdown",
             "The whole page converted by markdownify.", ("markdownify", "bs4"), "markdownify"),
    _Builtin("markdown", "html-to-markdown", "html_to_markdown_backend:HtmlToMarkdown",
             "The whole page converted by html-to-markdown (Rust).",
             ("html_to_markdown",), "html-to-markdown"),
    _Builtin("readable", "native", "native_readable:NativeReadable",
             "The main content as markdown, from the shared parse."),
    _Builtin("readable", "trafilatura", "trafilatura_backend:TrafilaturaReadable",
             "trafilatura's main-content extraction, as markdown.",
             ("trafilatura",), "trafilatura"),
    _Builtin("readable", "readability", "readability_backend:ReadabilityReadable",
             "readability-lxml's main content, converted to markdown.",
             ("readability", "lxml_html_clean"), "readability"),
)  # fmt: skip


def available_extractors(output: OutputKind | None = None) -> list[ExtractorInfo]:
    """List the registered extractors (all outputs, or one), installed or not."""
    infos = [
        ExtractorInfo(b.output, b.name, b.description, b.installed, b.extra, "builtin")
        for b in BUILTINS
    ]
    infos.extend(
        ExtractorInfo(
            p.output,
            p.name,
            _describe(p),
            installed=True,
            extra=None,
            origin=f"entry point {origin}",
        )
        for origin, p in _plugins()
    )
    return [info for info in infos if output is None or info.output == output]


def get_extractor(output: OutputKind, spec: str | Extractor[Any]) -> Extractor[Any]:
    """Return the extractor for ``output`` named by ``spec``, or ``spec`` itself."""
    if output not in OUTPUT_KINDS:
        raise InputTypeError(f"unknown output {output!r}; outputs: {', '.join(OUTPUT_KINDS)}")
    if not isinstance(spec, str):
        return _checked_object(output, spec)
    return _named(output, spec)


@functools.cache
def _named(output: OutputKind, name: str) -> Extractor[Any]:
    # Extractors are stateless, so one instance per process serves every call;
    # the cache holds at most one entry per registered extractor.
    for builtin in BUILTINS:
        if builtin.output == output and builtin.name == name:
            return builtin.load()
    for _origin, plugin in _plugins():
        if plugin.output == output and plugin.name == name:
            return plugin
    names = [info.name for info in available_extractors(output)]
    raise UnknownExtractorError(output, name, names)


def refresh_extractors() -> None:
    """Forget the extractors loaded so far: plugins are looked up again on next use.

    Plugins (entry points) are read once per process, on first use, and each
    named extractor is made once. Call this after installing or removing a
    plugin in a running process (a notebook), or between tests that register
    entry points.
    """
    _named.cache_clear()
    _plugins.cache_clear()


def _checked_object(output: OutputKind, candidate: object) -> Extractor[Any]:
    if not isinstance(candidate, Extractor):
        raise InputTypeError(
            f"a {output} extractor must be a registered name or an object with "
            f"name, output and extract(document); got {type(candidate).__name__}"
        )
    if candidate.output != output:
        raise InputTypeError(
            f"extractor {candidate.name!r} makes {candidate.output!r}, not {output!r}"
        )
    return candidate


@functools.cache
def _plugins() -> tuple[tuple[str, Extractor[Any]], ...]:
    # Loaded once per process, on first use: importing crawlextract imports no plugin.
    found: list[tuple[str, Extractor[Any]]] = []
    # importlib.metadata costs ~15 ms to import: only a plugin lookup needs it.
    from importlib.metadata import entry_points  # noqa: PLC0415

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry_point.load()
            extractor = loaded() if isinstance(loaded, type) else loaded
        except Exception:  # a broken plugin must not break the library
            logger.exception("could not load extractor entry point %r", entry_point.value)
            continue
        if not isinstance(extractor, Extractor) or extractor.output not in OUTPUT_KINDS:
            logger.warning("entry point %r is not an extractor; ignored", entry_point.value)
            continue
        found.append((entry_point.value, extractor))
    return tuple(found)


def _describe(extractor: Extractor[Any]) -> str:
    doc = (type(extractor).__doc__ or "").strip()
    return doc.splitlines()[0] if doc else type(extractor).__qualname__
