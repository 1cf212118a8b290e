"""What the page-detail rules read, collected from a Lexbor tree in one selector walk each.

The standard details read :class:`~crawlextract._metadata.head.HeadFacts`
(:func:`collect_head_facts`), the extended ones
:class:`~crawlextract._metadata.page_facts.PageFacts` (:func:`collect_page_facts`);
the rules themselves live in :mod:`crawlextract._metadata.head` and
:mod:`crawlextract._metadata.details`.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborCSSSelector

from crawlextract._html.decode import clean_fragment
from crawlextract._html.visibility import in_html_namespace
from crawlextract._metadata.head import (
    HeadFacts,
)
from crawlextract._metadata.page_facts import (
    DETECTION_TEXT_CHARS,
    MAX_BYLINE_WORDS,
    MICRODATA_READ,
    URL_ATTRIBUTES,
    CollectionBudget,
    MicrodataProperty,
    PageFacts,
    is_byline_holder,
    is_date_holder,
    is_json_ld_type,
    meta_key,
    microdata_value_attribute,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selectolax.lexbor import LexborHTMLParser, LexborNode


def collect_head_facts(tree: LexborHTMLParser) -> HeadFacts:
    """Collect what the metadata rules read from a Lexbor tree, in one pass.

    The tree may come from bytes whose control characters were not removed
    (see :func:`crawlextract._html.decode.decode_page`), so every string read is.
    """
    facts = HeadFacts()
    metas = facts.metas
    links = facts.links
    root = tree.root
    if root is None:
        return facts
    for node in _head_elements(root):
        tag = node.tag
        if tag == "meta":
            attrs = node.attrs  # a view: no dict of every attribute is built
            metas.append((_clean(attrs.get("name")) or "", _clean(attrs.get("content"))))
        elif tag == "link":
            attrs = node.attrs
            links.append((_clean(attrs.get("rel")) or "", _clean(attrs.get("href"))))
        elif tag == "title":
            if facts.title is None and in_html_namespace(_ancestor_tags(node)):
                facts.title = clean_fragment(node.text(deep=True))
        elif facts.base_href is None:  # <base href>
            facts.base_href = _clean(node.attrs.get("href"))
    facts.language = _clean(root.attrs.get("lang"))
    return facts


# Every element the metadata rules can use, in one selector list so Lexbor
# walks the document once; matches come back in document order. Metas and links
# are narrowed in C to the names and rels the rules read (a superset: the rules
# still match tokens exactly), so a page's stylesheets and social metas never
# become Python objects.
_HEAD_FACTS = (
    'title, meta[name*="description" i], meta[name*="robots" i], '
    'link[rel*="canonical" i], base[href]'
)
# Lexbor's CSS engine costs more to set up than the walk itself, and
# LexborHTMLParser.css() sets one up per document: each thread keeps one
# (an engine holds per-query state, so threads cannot share it).
_ENGINES = threading.local()


def _head_elements(root: LexborNode) -> list[LexborNode]:
    return _engine().find(_HEAD_FACTS, root)


def _clean(value: str | None) -> str | None:
    return None if value is None else clean_fragment(value)


def _ancestor_tags(node: LexborNode) -> Iterator[str]:
    ancestor = node.parent
    while ancestor is not None:
        yield ancestor.tag or ""
        ancestor = ancestor.parent


# Every element the extended page-detail rules read, in one selector list (one
# walk, document order). Only computed when an extended field is first read.
_PAGE_FACTS = (
    'meta[content], script[type*="ld+json" i], [itemprop], [itemscope], '
    'link[rel~="author" i], link[rel~="image_src" i], a[rel~="author" i]'
)
# The elements whose text may be a byline or a date: the rules' last sources,
# so found in a second query only when a rule gets that far (Lexbor walks the
# tree for each selector of a list, and these are half of the query's time).
_SHORT_TEXTS = (
    '[class*="author" i], [class*="byline" i], [id*="author" i], [id*="byline" i], '
    '[class*="date" i], [class*="publish" i], [id*="date" i], [id*="publish" i]'
)


def collect_page_facts(tree: LexborHTMLParser, *, text_sample: bool = False) -> PageFacts:
    """Collect what the extended page-detail rules read from a Lexbor tree, in one query.

    Byline and date elements are found by a second query when the rules first need them.

    With ``text_sample``, also the start of the paragraph text (for language detection).
    """
    facts = PageFacts()
    root = tree.root
    if root is None:
        return facts
    engine = _engine()
    budget = CollectionBudget()
    for node in engine.find(_PAGE_FACTS, root):
        _collect(facts, node, budget)
    if text_sample:
        facts.text_sample = _text_sample(engine, root)
    facts.collect_short_texts = lambda later: _collect_short_texts(later, root)
    return facts


def _collect_short_texts(facts: PageFacts, root: LexborNode) -> None:
    budget = CollectionBudget()
    for node in _engine().find(_SHORT_TEXTS, root):
        _add_short_texts(facts, node, budget)


def _collect(facts: PageFacts, node: LexborNode, budget: CollectionBudget) -> None:
    tag = node.tag
    # One dict of the element's attributes, built in one call: the ``attrs``
    # view answers each lookup with a walk of the attributes, and a missing
    # one with a raised and caught KeyError (most lookups here miss).
    attrs = node.attributes
    # Metas and scripts first: most matches, and neither has text to read.
    if tag == "meta":
        _add_meta(facts, attrs)
        if "itemprop" in attrs:
            _add_microdata(facts, node, attrs, budget)
        return
    if tag == "script":
        if is_json_ld_type(attrs.get("type")):
            facts.json_ld.append(node.text(deep=True))
        return
    if "itemprop" in attrs:
        _add_microdata(facts, node, attrs, budget)
    elif "itemscope" in attrs and _item_scope(node) is None:
        facts.item_types.append(_clean(attrs.get("itemtype")) or "")
    if tag in {"link", "a"}:
        _add_link(facts, node, attrs)


def _add_short_texts(facts: PageFacts, node: LexborNode, budget: CollectionBudget) -> None:
    attrs = node.attrs
    class_, id_ = attrs.get("class"), attrs.get("id")
    if is_byline_holder(class_, id_) and budget.take("bylines"):
        _add_short_text(facts.bylines, node)
    if is_date_holder(class_, id_) and budget.take("date_lines"):
        _add_short_text(facts.date_lines, node)


def _add_link(facts: PageFacts, node: LexborNode, attrs: dict[str, str | None]) -> None:
    rel = (_clean(attrs.get("rel")) or "").lower()
    if not {"author", "image_src"}.intersection(rel.split()):
        return  # matched for its class or id only
    href = _clean(attrs.get("href"))
    if href:
        facts.links.append((rel, href))
    if node.tag == "a" and "author" in rel.split():
        facts.author_links.append(clean_fragment(node.text(deep=True)))


def _engine() -> LexborCSSSelector:
    engine = getattr(_ENGINES, "engine", None)
    if engine is None:
        # The stub lacks "-> None" on __init__.
        engine = _ENGINES.engine = LexborCSSSelector()  # type: ignore[no-untyped-call]
    return engine


def _add_meta(facts: PageFacts, attrs: dict[str, str | None]) -> None:
    content = _clean(attrs.get("content"))
    if content is None:
        return
    key = attrs.get("property") or attrs.get("name")
    if key:
        facts.metas.append((meta_key(clean_fragment(key)), content))
        return
    equiv = attrs.get("http-equiv")
    if equiv:
        facts.metas.append(("http-equiv:" + meta_key(clean_fragment(equiv)), content))


def _add_microdata(
    facts: PageFacts, node: LexborNode, attrs: dict[str, str | None], budget: CollectionBudget
) -> None:
    names = tuple((_clean(attrs.get("itemprop")) or "").split())
    if not any(name.lower() in MICRODATA_READ for name in names) or not budget.take("microdata"):
        return
    is_url = False
    if "itemscope" in attrs:
        name = node.css_first('[itemprop~="name"]')
        value = clean_fragment(name.text(deep=True)) if name is not None else None
    else:
        attribute = microdata_value_attribute(node.tag or "")
        if attribute is None:
            value = clean_fragment(node.text(deep=True))
        else:
            value = _clean(attrs.get(attribute))
            is_url = attribute in URL_ATTRIBUTES
            if value is None and attribute == "datetime":
                value = clean_fragment(node.text(deep=True))
    scope = _item_scope(node)
    if scope is None:
        facts.microdata.append(MicrodataProperty(names, value, None, is_url))
    else:
        scope_type = _clean(scope.attrs.get("itemtype"))
        facts.microdata.append(MicrodataProperty(names, value, scope_type, is_url, scope.mem_id))


def _add_short_text(texts: list[str], node: LexborNode) -> None:
    text = clean_fragment(node.text(deep=True, separator=" "))
    words = text.split()
    if words and len(words) <= MAX_BYLINE_WORDS:
        texts.append(" ".join(words))


def _item_scope(node: LexborNode) -> LexborNode | None:
    ancestor = node.parent
    while ancestor is not None and ancestor.is_element_node:
        if "itemscope" in ancestor.attrs:
            return ancestor
        ancestor = ancestor.parent
    return None


def _text_sample(engine: LexborCSSSelector, root: LexborNode) -> str:
    parts: list[str] = []
    size = 0
    for paragraph in engine.find("p", root):
        text = clean_fragment(paragraph.text(deep=True, separator=" ")).strip()
        if text:
            parts.append(text)
            size += len(text)
            if size >= DETECTION_TEXT_CHARS:
                break
    return " ".join(parts)[:DETECTION_TEXT_CHARS]
