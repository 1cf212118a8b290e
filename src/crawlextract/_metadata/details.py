"""The rules of the extended page details: which source wins, per field.

Every field reads its sources in a fixed order and takes the first that gives
a usable value (``docs/metadata.md``, "Details for indexing", has the table).
JSON-LD comes first for what a page says about its main content (authors,
dates, sections), because it names the thing it describes; OpenGraph comes
first for what a page says about how to show it (site name, image).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING, Any

from crawlextract._base.urls import is_unsafe_url, resolve
from crawlextract._html.decode import clean_fragment

from .authors import author_names, byline_names, is_a_name
from .dates import iso_date
from .head import Metadata, collapse_whitespace
from .json_ld import MAIN_ENTITY_TYPES, PAGE_TYPES, JsonLd, json_ld_nodes, types_of
from .language import language_tag
from .page_types import item_type_names, page_type_word

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from crawlextract._base.headers import Headers

    from .page_facts import PageFacts

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Twitter cards have label/data pairs 1 and 2 (a card shows at most two).
_TWITTER_CARD_PAIRS = 2
_WRITTEN_BY = re.compile(r"\s*(?:written|posted)\s+by\s*$|\s*authors?\s*$", re.IGNORECASE)
# Meta keys (``property`` or ``name``, lowercase) per field, best first.
AUTHOR_METAS = (
    "author",
    "article:author",
    "og:article:author",
    "book:author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "byl",
)
PUBLISHED_METAS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dcterms.issued",
    "dc.date.issued",
    "dcterms.date",
    "dc.date",
    "dcterms.created",
    "dc.date.created",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
)
MODIFIED_METAS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
)
SITE_NAME_METAS = ("og:site_name", "application-name", "apple-mobile-web-app-title")
IMAGE_METAS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)
LANGUAGE_METAS = ("http-equiv:content-language",)
LATE_LANGUAGE_METAS = ("language", "dc.language", "dcterms.language")
KEYWORD_METAS = ("article:tag", "og:article:tag", "book:tag", "video:tag")
LATE_KEYWORD_METAS = ("keywords", "news_keywords")
CATEGORY_METAS = ("article:section", "og:article:section")

# Values read per meta key or JSON-LD property: more authors or tags than any
# page lists, and a bound on the work a page that repeats one meta can cause.
_MAX_VALUES = 100
# Keywords kept per page: some pages list hundreds, a crawler indexes a few.
_MAX_KEYWORDS = 50


def extended_from_facts(
    facts: PageFacts,
    *,
    base_url: str | None,
    headers: Headers,
    html_language: str | None,
    detect_language: Callable[[str], str | None] | None = None,
) -> Metadata:
    """Apply the extended page-detail rules to what a backend collected.

    ``html_language`` is the root's ``lang`` (the standard ``language``);
    ``detect_language``, when given, names the language of a text.
    """
    json_ld = json_ld_nodes(facts.json_ld)
    main_nodes = json_ld.main_nodes()
    metas = _MetaIndex(facts.metas)
    site_name = _first_text(
        lambda: metas.values(SITE_NAME_METAS[:1]),
        lambda: _json_ld_site_names(json_ld, main_nodes),
        lambda: metas.in_order(SITE_NAME_METAS[1:]),
    )
    site_names = {
        name.casefold()
        for name in (
            site_name,
            *metas.values(SITE_NAME_METAS),
            *_json_ld_values(json_ld, main_nodes, "publisher"),
        )
        if name
    }
    return _printable(
        Metadata(
            authors=tuple(_authors(json_ld, main_nodes, metas, facts, site_names)),
            published=_first_date(
                lambda: _json_ld_values(json_ld, main_nodes, "datePublished"),
                lambda: metas.in_order(PUBLISHED_METAS),
                lambda: _microdata(facts, "datepublished"),
                lambda: _json_ld_values(json_ld, main_nodes, "dateCreated"),
                lambda: _microdata(facts, "datecreated"),
                lambda: facts.short_texts()[1],
                lambda: facts.short_texts()[0],
            ),
            modified=_first_date(
                lambda: _json_ld_values(json_ld, main_nodes, "dateModified"),
                lambda: metas.in_order(MODIFIED_METAS),
                lambda: _microdata(facts, "datemodified"),
            ),
            site_name=site_name,
            image=_image(json_ld, main_nodes, metas, facts, base_url),
            declared_language=_declared_language(
                json_ld, main_nodes, metas, headers, html_language
            ),
            detected_language=(
                detect_language(facts.text_sample)
                if detect_language is not None and facts.text_sample
                else None
            ),
            keywords=_first_list(
                lambda: _split_lists(_json_ld_values(json_ld, main_nodes, "keywords")),
                lambda: metas.values(KEYWORD_METAS),
                lambda: _split_lists(metas.values(LATE_KEYWORD_METAS)),
                lambda: _split_lists(_microdata(facts, "keywords")),
            ),
            categories=_first_list(
                lambda: _split_lists(_json_ld_values(json_ld, main_nodes, "articleSection")),
                lambda: metas.values(CATEGORY_METAS),
                lambda: _microdata(facts, "articlesection"),
            ),
            page_type=_page_type(main_nodes, metas, facts),
        )
    )


def _printable(fields: Metadata) -> Metadata:
    # JSON-LD strings may hold what no HTML attribute can: control characters
    # and lone surrogates (written as \u escapes). No output holds either.
    def text(value: str | None) -> str | None:
        return _printable_text(value) or None if value is not None else None

    def texts(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(cleaned for value in values if (cleaned := _printable_text(value)))

    return dataclasses.replace(
        fields,
        authors=texts(fields.authors),
        site_name=text(fields.site_name),
        keywords=texts(fields.keywords),
        categories=texts(fields.categories),
        page_type=text(fields.page_type),
    )


def _printable_text(value: str) -> str:
    cleaned = clean_fragment(value)
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        cleaned = _LONE_SURROGATE.sub("\ufffd", cleaned)
    return cleaned.strip()


class _MetaIndex:
    """The metas by key, values in document order."""

    def __init__(self, metas: list[tuple[str, str]]) -> None:
        self._by_key: dict[str, list[str]] = {}
        for key, content in metas:
            values = self._by_key.setdefault(key, [])
            if len(values) < _MAX_VALUES:
                values.append(content)

    def values(self, keys: Iterable[str]) -> list[str]:
        """The values of the first key in ``keys`` that the page has (for list fields)."""
        for key in keys:
            found = self._by_key.get(key)
            if found:
                return found
        return []

    def in_order(self, keys: Iterable[str]) -> list[str]:
        """The values of every key in ``keys``, best key first (the first usable one wins)."""
        return [value for key in keys for value in self._by_key.get(key, ())]


def _json_ld_values(json_ld: JsonLd, nodes: list[dict[str, Any]], name: str) -> list[str]:
    # The property ``name`` of the first node that has it, as strings: a
    # string, a list of them, or objects with a name (a Person, a Thing).
    for node in nodes:
        value = node.get(name)
        if value in (None, "", []):
            continue
        items = _items(value)[:_MAX_VALUES]
        strings = [text for item in items if (text := _text_of(json_ld.resolve(item)))]
        if strings:
            return strings
    return []


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _text_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "contentUrl"):
            found = value.get(key)
            if isinstance(found, str):
                return found
            if isinstance(found, list) and found and isinstance(found[0], str):
                return found[0]
    return None


def _authors(
    json_ld: JsonLd,
    nodes: list[dict[str, Any]],
    metas: _MetaIndex,
    facts: PageFacts,
    site_names: set[str],
) -> list[str]:
    # The first source with a name wins, but a source that names only the site
    # (a publisher put in the author field) yields to a later source with a
    # person, and is kept only when no source has one.
    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: _json_ld_values(json_ld, nodes, "author"),
        lambda: _json_ld_values(json_ld, nodes, "creator"),
        *(functools.partial(metas.values, (key,)) for key in AUTHOR_METAS),
        lambda: _twitter_card_author(metas),
        lambda: _first_item_values(facts, ("author", "creator")),
        lambda: facts.author_links,
        lambda: byline_names(facts.short_texts()[0]),
    )
    only_the_site: list[str] = []
    for source in sources:
        names = [name for name in author_names(source()) if is_a_name(name)]
        if not names:
            continue
        if all(name.casefold() in site_names for name in names):
            only_the_site = only_the_site or names
            continue
        return names
    return only_the_site


def _twitter_card_author(metas: _MetaIndex) -> list[str]:
    # Twitter card label/data pairs ("twitter:label1" "Written by",
    # "twitter:data1" the name), as WordPress SEO plugins write them.
    for number in range(1, _TWITTER_CARD_PAIRS + 1):
        labels = metas.values((f"twitter:label{number}",))
        if labels and _WRITTEN_BY.match(labels[0]):
            return metas.values((f"twitter:data{number}",))[:1]
    return []


def _first_item_values(facts: PageFacts, names: tuple[str, ...]) -> list[str]:
    # The values of the first item that has one of the properties: a forum
    # page's microdata has an author per post, and the page's is the first.
    found = [
        prop
        for prop in facts.microdata
        if prop.value and any(written.lower() in names for written in prop.names)
    ]
    if not found:
        return []
    first = found[0]
    if first.scope_id is None:
        return [first.value or ""]
    return [prop.value or "" for prop in found if prop.scope_id == first.scope_id]


def _microdata(facts: PageFacts, name: str, *, urls: bool | None = None) -> list[str]:
    # Values of one property (case-insensitive), in document order.
    return [
        prop.value
        for prop in facts.microdata
        if prop.value
        and (urls is None or prop.is_url == urls)
        and any(written.lower() == name for written in prop.names)
    ]


# Each source is a function giving its values, called only when every source
# before it gave nothing usable.
def _first_date(*sources: Callable[[], list[str]]) -> str | None:
    for source in sources:
        for value in source():
            date = iso_date(value)
            if date is not None:
                return date
    return None


def _first_text(*sources: Callable[[], list[str]]) -> str | None:
    for source in sources:
        for value in source():
            text = collapse_whitespace(value)
            if text:
                return text
    return None


def _first_list(*sources: Callable[[], list[str]]) -> tuple[str, ...]:
    for source in sources:
        items: dict[str, str] = {}
        for value in source():
            text = collapse_whitespace(value)
            if text:
                items.setdefault(text.casefold(), text)
        if items:
            return tuple(items.values())[:_MAX_KEYWORDS]
    return ()


def _split_lists(values: list[str]) -> list[str]:
    # "a, b, c" as one keywords string is three keywords.
    return [item for value in values for item in value.split(",")]


def _json_ld_site_names(json_ld: JsonLd, nodes: list[dict[str, Any]]) -> list[str]:
    websites = [
        text
        for node in json_ld.of_type(frozenset({"WebSite"}))
        if (text := _text_of(node)) is not None
    ]
    return websites or _json_ld_values(json_ld, nodes, "publisher")


def _image(
    json_ld: JsonLd,
    nodes: list[dict[str, Any]],
    metas: _MetaIndex,
    facts: PageFacts,
    base_url: str | None,
) -> str | None:
    candidates: tuple[Callable[[], list[str]], ...] = (
        lambda: metas.in_order(IMAGE_METAS),
        lambda: _json_ld_values(json_ld, nodes, "image"),
        lambda: _json_ld_values(json_ld, nodes, "thumbnailUrl"),
        lambda: _microdata(facts, "image"),
        lambda: _microdata(facts, "thumbnailurl"),
        lambda: [href for rel, href in facts.links if "image_src" in rel.split()],
    )
    for source in candidates:
        for value in source():
            url = collapse_whitespace(value)
            if url and not is_unsafe_url(url):
                resolved = resolve(url, base_url)
                if resolved:
                    return resolved
    return None


def _declared_language(
    json_ld: JsonLd,
    nodes: list[dict[str, Any]],
    metas: _MetaIndex,
    headers: Headers,
    html_language: str | None,
) -> str | None:
    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: [html_language] if html_language else [],
        lambda: metas.in_order(LANGUAGE_METAS),
        lambda: headers.get_all("content-language"),
        lambda: metas.values(("og:locale",)),
        lambda: _json_ld_values(json_ld, nodes, "inLanguage"),
        lambda: metas.in_order(LATE_LANGUAGE_METAS),
    )
    for source in sources:
        for value in source():
            tag = language_tag(value.split(",")[0])
            if tag is not None:
                return tag
    return None


def _page_type(nodes: list[dict[str, Any]], metas: _MetaIndex, facts: PageFacts) -> str | None:
    main = [node for node in nodes if _is_main(node)]
    pages = [node for node in nodes if not _is_main(node)]
    sources = (
        [name for node in main for name in types_of(node)],
        metas.values(("og:type",)),
        # Only types that describe a page: microdata marks headers, footers
        # and navigation as items too (WPHeader, SiteNavigationElement).
        [
            name
            for item_type in facts.item_types
            for name in item_type_names(item_type)
            if name in MAIN_ENTITY_TYPES or name in PAGE_TYPES
        ],
        [name for node in pages for name in types_of(node)],
    )
    for names in sources:
        for name in names:
            word = page_type_word(name)
            if word:
                return word
    return None


def _is_main(node: dict[str, Any]) -> bool:
    return bool(MAIN_ENTITY_TYPES.intersection(types_of(node)))
