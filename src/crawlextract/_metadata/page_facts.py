"""What a backend collects from its whole tree for the extended page details.

Backends (Lexbor, lxml) fill :class:`PageFacts` from their own tree;
:func:`crawlextract._metadata.details.extended_from_facts` applies the rules, so the
rules live once (``docs/metadata.md``, "Details for indexing").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

#: Words in an element's text beyond which it is no byline (a bio, a box of links).
MAX_BYLINE_WORDS = 8
#: How much paragraph text language detection reads. Tuned on the 626
#: benchmark pages (both sets) that declare <html lang>: the detected language
#: agrees with it on 585 pages reading 300 characters, 597 reading 600 and 599
#: reading 2,000, while detection time grows with the text (median 0.12 ms for
#: 300, 0.26 ms for 600 on the first 60 AEB pages).
DETECTION_TEXT_CHARS = 600


@dataclass(frozen=True, slots=True)
class MicrodataProperty:
    """One microdata ``itemprop`` element."""

    names: tuple[str, ...]
    """Its property names (``itemprop`` is a space-separated list), as written."""
    value: str | None
    """Its value by the microdata rules (``content``, ``datetime``, ``href``/``src`` or text);
    for an element that is itself an item (``itemscope``), the text of its ``name`` property.
    """
    scope_type: str | None
    """The ``itemtype`` of the item it belongs to (the nearest ``itemscope`` above it)."""
    is_url: bool = False
    """Whether the value came from a URL attribute (``href``, ``src``, ...)."""
    scope_id: int | str | None = None
    """Which item it belongs to: equal for properties of one item, ``None`` for none."""


@dataclass(slots=True)
class PageFacts:
    """The raw material of the extended page details, in document order."""

    metas: list[tuple[str, str]] = field(default_factory=list)
    """``(key, content)`` of each ``<meta>`` with content: the key is its ``property``, else
    its ``name``, lowercased and stripped; ``http-equiv`` metas come as
    ``http-equiv:<value>``.
    """
    json_ld: list[str] = field(default_factory=list)
    """The text of each ``<script type="application/ld+json">``."""
    microdata: list[MicrodataProperty] = field(default_factory=list)
    """Each element with an ``itemprop``."""
    item_types: list[str] = field(default_factory=list)
    """The ``itemtype`` of each top-level ``itemscope`` (one not inside another item)."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """``(rel, href)`` of each ``<link>`` and ``<a>`` whose ``rel`` is ``author`` or
    ``image_src`` (lowercased rel).
    """
    author_links: list[str] = field(default_factory=list)
    """The text of each ``<a rel="author">``."""
    bylines: list[str] = field(default_factory=list)
    """The short texts (at most :data:`MAX_BYLINE_WORDS` words) of elements whose ``class``
    or ``id`` holds ``author`` or ``byline``, in document order.
    """
    date_lines: list[str] = field(default_factory=list)
    """The short texts (at most :data:`MAX_BYLINE_WORDS` words) of elements whose ``class``
    or ``id`` holds ``date`` or ``publish``, in document order.
    """
    text_sample: str = ""
    """The start of the page's paragraph text, for language detection."""
    collect_short_texts: Callable[[PageFacts], None] | None = None
    """When set, fills :attr:`bylines` and :attr:`date_lines` on the first call of
    :meth:`short_texts`: the rules read them last, so most pages never need them.
    """

    def short_texts(self) -> tuple[list[str], list[str]]:
        """:attr:`bylines` and :attr:`date_lines`, collected on the first call if deferred."""
        collect = self.collect_short_texts
        if collect is not None:
            self.collect_short_texts = None
            collect(self)
        return self.bylines, self.date_lines


#: The microdata properties the rules read (lowercase); the others are not collected,
#: so a page's ``articleBody`` text is never copied.
MICRODATA_READ = frozenset(
    {
        "author",
        "creator",
        "publisher",
        "datepublished",
        "datecreated",
        "datemodified",
        "image",
        "thumbnailurl",
        "keywords",
        "articlesection",
        "inlanguage",
    }
)
# The microdata specification's "property value" per element: which attribute
# holds it (elements not listed take their text).
_VALUE_ATTRIBUTES = {
    "meta": "content",
    "audio": "src",
    "embed": "src",
    "iframe": "src",
    "img": "src",
    "source": "src",
    "track": "src",
    "video": "src",
    "a": "href",
    "area": "href",
    "link": "href",
    "object": "data",
    "data": "value",
    "meter": "value",
    "time": "datetime",
}
#: The value attributes that hold URLs.
URL_ATTRIBUTES = frozenset({"src", "href", "data"})


def microdata_value_attribute(tag: str) -> str | None:
    """The attribute that holds an element's microdata value, ``None`` for its text."""
    return _VALUE_ATTRIBUTES.get(tag.lower())


def is_json_ld_type(script_type: str | None) -> bool:
    """Whether a ``<script type>`` marks JSON-LD (``application/ld+json``, any case)."""
    return script_type is not None and script_type.strip().lower().split(";")[0].strip() == (
        "application/ld+json"
    )


def meta_key(key: str) -> str:
    """A meta's ``property``/``name`` as the rules match it: stripped, lowercase."""
    return key.strip().lower()


def is_byline_holder(class_: str | None, id_: str | None) -> bool:
    """Whether an element's ``class`` or ``id`` says it holds a byline (``author``, ``byline``).

    Not in a comment (``comment-author``, a comment form's name field): a reader's name.
    """
    words = " ".join(value.lower() for value in (class_, id_) if value)
    return ("author" in words or "byline" in words) and "comment" not in words


def is_date_holder(class_: str | None, id_: str | None) -> bool:
    """Whether an element's ``class`` or ``id`` says it holds a publication date."""
    for value in (class_, id_):
        if value:
            lowered = value.lower()
            if ("date" in lowered or "publish" in lowered) and "update" not in lowered:
                return True
    return False


# Elements whose text is read, per kind, before the rest are skipped. The rules
# take the first usable one, and reading an element's text costs its whole
# subtree: without a bound, thousands of nested candidates would cost time
# quadratic in the page. A real page has a handful of each.
MAX_TEXT_CANDIDATES = 40
MAX_MICRODATA_PROPERTIES = 200


@dataclass(slots=True)
class CollectionBudget:
    """How many more candidates of each kind a collector may read on one page."""

    bylines: int = MAX_TEXT_CANDIDATES
    date_lines: int = MAX_TEXT_CANDIDATES
    microdata: int = MAX_MICRODATA_PROPERTIES

    def take(self, kind: str) -> bool:
        """Use one candidate of ``kind``; ``False`` when none are left."""
        left: int = getattr(self, kind)
        if left <= 0:
            return False
        setattr(self, kind, left - 1)
        return True
