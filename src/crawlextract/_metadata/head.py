"""Page details and the rules that define them (``docs/metadata.md``).

Backends (Lexbor, lxml) only collect :class:`HeadFacts` from their own tree;
:func:`metadata_from_facts` applies the rules, so every backend agrees.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from crawlextract._base.chars import ASCII_WHITESPACE
from crawlextract._base.urls import document_base, is_unsafe_url, resolve

if TYPE_CHECKING:
    from collections.abc import Callable

    from crawlextract._base.headers import Headers

# The HTML standard's "strip and collapse ASCII whitespace": only these five
# characters, so a no-break space inside a title survives.
_ASCII_WHITESPACE_RUN = re.compile(f"[{ASCII_WHITESPACE}]+")


# Marks the fields beyond the standard ones: computed on first read
# (docs/metadata.md, "Details for indexing").
_EXTENDED = MappingProxyType({"extended": True})


@dataclass(frozen=True, slots=True)
class Metadata:
    """The page details.

    ``title``, ``description``, ``canonical``, ``robots`` and ``language`` follow
    the HTML standard. The other fields, read from JSON-LD, OpenGraph, Twitter
    cards, ``<meta>`` and microdata (``docs/metadata.md``), may be computed on
    their first read: reading only the standard ones never pays for them.
    """

    title: str | None = None
    """``document.title``: the first ``<title>`` in the HTML namespace, whitespace stripped and
    collapsed; ``None`` when absent or empty.
    """
    description: str | None = None
    """The first ``<meta name="description">`` content, whitespace collapsed."""
    canonical: str | None = None
    """The first ``<link rel="canonical">`` resolved against the base URL, else the HTTP ``Link``
    canonical; ``None`` when nothing is declared.
    """
    robots: tuple[str, ...] = ()
    """Robots directives (lowercase) from ``<meta name="robots">`` and ``X-Robots-Tag``."""
    language: str | None = None
    """The ``lang`` attribute of ``<html>``."""
    authors: tuple[str, ...] = field(default=(), metadata=_EXTENDED)
    """The authors' names, normalised (no "By ", one name per entry, no URLs or emails)."""
    published: str | None = field(default=None, metadata=_EXTENDED)
    """When the page was first published, ISO 8601 (a date, or a date and time as declared)."""
    modified: str | None = field(default=None, metadata=_EXTENDED)
    """When the page was last modified, ISO 8601."""
    site_name: str | None = field(default=None, metadata=_EXTENDED)
    """The name of the site the page belongs to (``og:site_name``, JSON-LD publisher, ...)."""
    image: str | None = field(default=None, metadata=_EXTENDED)
    """The page's main image, an absolute URL when the page URL or ``<base href>`` is known."""
    declared_language: str | None = field(default=None, metadata=_EXTENDED)
    """The language the page declares anywhere: ``<html lang>``, ``Content-Language``,
    ``og:locale``, JSON-LD ``inLanguage``, ... (``language`` is only ``<html lang>``).
    """
    detected_language: str | None = field(default=None, metadata=_EXTENDED)
    """The language detected from the page text (ISO 639-1); only with the ``[lang]`` extra."""
    keywords: tuple[str, ...] = field(default=(), metadata=_EXTENDED)
    """Keywords and tags (JSON-LD ``keywords``, ``article:tag``, ``<meta name="keywords">``)."""
    categories: tuple[str, ...] = field(default=(), metadata=_EXTENDED)
    """Sections or categories (JSON-LD ``articleSection``, ``article:section``)."""
    page_type: str | None = field(default=None, metadata=_EXTENDED)
    """What the page is, lowercase: ``article``, ``product``, ``video``, ... (JSON-LD
    ``@type``, ``og:type``, microdata ``itemtype``).
    """
    _deferred: DeferredFields | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def deferring(cls, standard: Metadata, compute: Callable[[], Metadata]) -> Metadata:
        """Return ``standard`` with its other fields computed by ``compute`` on their first read.

        ``compute`` runs at most once, whichever thread reads first.
        """
        metadata = cls(
            title=standard.title,
            description=standard.description,
            canonical=standard.canonical,
            robots=standard.robots,
            language=standard.language,
        )
        for name in EXTENDED_FIELD_NAMES:
            object.__delattr__(metadata, name)  # an unset slot: read through __getattr__
        object.__setattr__(metadata, "_deferred", DeferredFields(compute))
        return metadata

    if not TYPE_CHECKING:  # mypy would accept any attribute name otherwise

        def __getattr__(self, name: str) -> Any:
            # Only called for an unset slot: a deferred field read the first time.
            deferred = object.__getattribute__(self, "_deferred")
            if name not in EXTENDED_FIELD_NAMES or deferred is None:
                raise AttributeError(name)
            values = deferred.fields()
            for extended in EXTENDED_FIELD_NAMES:
                object.__setattr__(self, extended, getattr(values, extended))
            object.__setattr__(self, "_deferred", None)  # lets the parse go
            return getattr(values, name)

    def __reduce__(self) -> tuple[type[Metadata], tuple[Any, ...]]:
        """Pickle every field's value (deferred ones are computed first)."""
        return (type(self), tuple(getattr(self, f.name) for f in fields(self) if f.init))

    @property
    def noindex(self) -> bool:
        """Whether the page asks not to be indexed (``noindex`` or ``none``)."""
        return "noindex" in self.robots or "none" in self.robots

    def to_dict(self) -> dict[str, Any]:
        """Return the details as a JSON-serialisable dict (every field; tuples become lists)."""
        return {
            "title": self.title,
            "description": self.description,
            "canonical": self.canonical,
            "robots": list(self.robots),
            "language": self.language,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "site_name": self.site_name,
            "image": self.image,
            "declared_language": self.declared_language,
            "detected_language": self.detected_language,
            "keywords": list(self.keywords),
            "categories": list(self.categories),
            "page_type": self.page_type,
        }


#: The names of the fields computed on first read, in declaration order.
EXTENDED_FIELD_NAMES: tuple[str, ...] = tuple(
    f.name for f in fields(Metadata) if f.metadata.get("extended")
)


class DeferredFields:
    """Computes the extended fields once, for whichever thread asks first."""

    __slots__ = ("_compute", "_lock", "_value")

    def __init__(self, compute: Callable[[], Metadata]) -> None:
        """Hold ``compute`` until the first call of :meth:`fields`."""
        self._compute: Callable[[], Metadata] | None = compute
        self._lock = threading.Lock()
        self._value: Metadata | None = None

    def fields(self) -> Metadata:
        """Return the fields, computing them on the first call."""
        with self._lock:
            if self._value is None:
                compute = self._compute
                assert compute is not None  # noqa: S101 - cleared only once a value is kept
                self._value = compute()
                self._compute = None  # lets the parse go
            return self._value


@dataclass(slots=True)
class HeadFacts:
    """What a backend collects from its tree, before any rule is applied."""

    title: str | None = None
    """Text of the first ``<title>`` in the HTML namespace (``None``: there is none)."""
    metas: list[tuple[str, str | None]] = field(default_factory=list)
    """``(name, content)`` of each ``<meta>`` with a ``name``, in document order.

    A backend may leave out metas the rules cannot use: only those whose name
    contains ``description`` or ``robots`` (any case) are ever read.
    """
    links: list[tuple[str, str | None]] = field(default_factory=list)
    """``(rel, href)`` of each ``<link>`` with a ``rel``, in document order.

    A backend may leave out links whose ``rel`` does not contain ``canonical``
    (any case): the rules read no other.
    """
    base_href: str | None = None
    """``href`` of the first ``<base>`` that has one."""
    language: str | None = None
    """``lang`` of the root element."""

    def is_ascii(self) -> bool:
        """Whether every string collected is ASCII (so any ASCII-based encoding reads it alike)."""
        strings = [self.title, self.base_href, self.language]
        for pair in (*self.metas, *self.links):
            strings.extend(pair)
        return all(value is None or value.isascii() for value in strings)


def collapse_whitespace(text: str | None) -> str | None:
    """Strip and collapse ASCII whitespace; ``None`` for ``None`` or empty."""
    if text is None:
        return None
    collapsed = _ASCII_WHITESPACE_RUN.sub(" ", text).strip(ASCII_WHITESPACE)
    return collapsed or None


def metadata_from_facts(facts: HeadFacts, url: str | None, headers: Headers) -> Metadata:
    """Apply the metadata rules to what a backend collected."""
    return Metadata(
        title=collapse_whitespace(facts.title),
        description=_first_meta(facts.metas, "description"),
        canonical=_canonical(facts, url, headers),
        robots=_robots(facts.metas, headers),
        language=collapse_whitespace(facts.language),
    )


def _first_meta(metas: list[tuple[str, str | None]], wanted: str) -> str | None:
    for name, content in metas:
        if _is_named(name, wanted):
            return collapse_whitespace(content)
    return None


def _canonical(facts: HeadFacts, url: str | None, headers: Headers) -> str | None:
    base = document_base(url, facts.base_href)
    for rel, href in facts.links:
        if href is not None and _declares_canonical(rel, href):
            resolved = resolve(href, base)
            if resolved:
                return resolved
    from_header = headers.link_canonical()
    if from_header and from_header.strip(ASCII_WHITESPACE):
        return resolve(from_header, url)
    return None


def _declares_canonical(rel: str, href: str) -> bool:
    # A <link> without a target, or with one that may never be emitted,
    # declares nothing: the next canonical link counts.
    return (
        "canonical" in rel.lower().split()
        and bool(href.strip(ASCII_WHITESPACE))
        and not is_unsafe_url(href)
    )


@dataclass(frozen=True, slots=True)
class StillOpen:
    """Which elements later in a document could still change its page details.

    Every ``<meta name="robots">`` counts, so robots metas are always open.
    """

    title: bool
    """No ``<title>`` yet: a later one would be the first."""
    description: bool
    """No ``<meta name="description">`` yet."""
    canonical: bool
    """No ``<link rel="canonical">`` with a usable target yet."""
    base: bool
    """No ``<base href>`` yet."""
    language: bool
    """The root has no ``lang``: a later ``<html lang>`` tag would add it."""


def still_open(facts: HeadFacts) -> StillOpen:
    """Say which later elements could change the page details of ``facts``."""
    return StillOpen(
        title=facts.title is None,
        description=not any(_is_named(name, "description") for name, _ in facts.metas),
        canonical=not any(
            href is not None and _declares_canonical(rel, href) for rel, href in facts.links
        ),
        base=facts.base_href is None,
        language=facts.language is None,
    )


def _is_named(name: str, wanted: str) -> bool:
    return name.strip(ASCII_WHITESPACE).lower() == wanted


def _robots(metas: list[tuple[str, str | None]], headers: Headers) -> tuple[str, ...]:
    directives: list[str] = []
    for name, content in metas:
        if content and _is_named(name, "robots"):
            directives.extend(_directives(content))
    for value in headers.get_all("x-robots-tag"):
        # "googlebot: noindex" applies to one crawler only; keep the unscoped ones.
        if ":" in value.split(",", 1)[0]:
            continue
        directives.extend(_directives(value))
    return tuple(dict.fromkeys(directives))


def _directives(content: str) -> list[str]:
    return [token.strip().lower() for token in content.split(",") if token.strip()]
