"""Page details from the shared Lexbor parse."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, ClassVar

from selectolax.lexbor import LexborCSSSelector

from crawlextract._decode import clean_fragment
from crawlextract._metadata import (
    FOREIGN_ROOTS,
    INTEGRATION_POINTS,
    HeadFacts,
    Metadata,
    metadata_from_facts,
)

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

    from crawlextract._document import Document
    from crawlextract._types import OutputKind


class LexborMetadata:
    """Page details from the shared Lexbor (selectolax) parse; needs no second parse."""

    name: ClassVar[str] = "lexbor"
    output: ClassVar[OutputKind] = "metadata"

    def extract(self, document: Document) -> Metadata:
        """Apply the rules to the head facts of the shared parse."""
        return metadata_from_facts(document.head_facts, document.url, document.headers)


def collect_head_facts(tree: LexborHTMLParser) -> HeadFacts:
    """Collect what the metadata rules read from a Lexbor tree, in one pass.

    The tree may come from bytes whose control characters were not removed
    (see :func:`crawlextract._decode.decode_page`), so every string read is.
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
            if facts.title is None and in_html_namespace(node):
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
    engine = getattr(_ENGINES, "engine", None)
    if engine is None:
        # The stub lacks "-> None" on __init__.
        engine = _ENGINES.engine = LexborCSSSelector()  # type: ignore[no-untyped-call]
    return engine.find(_HEAD_FACTS, root)


def _clean(value: str | None) -> str | None:
    return None if value is None else clean_fragment(value)


def in_html_namespace(node: LexborNode) -> bool:
    """Whether an element is in the HTML namespace (not inside ``<svg>``/``<math>``).

    Lexbor does not expose namespaces, so this follows the parser's rules: the
    nearest ``svg``/``math`` ancestor makes an element foreign unless an HTML
    integration point (``foreignObject``, ``desc``, ``title``) lies between them.
    """
    crossed_integration_point = False
    ancestor = node.parent
    while ancestor is not None:
        tag = (ancestor.tag or "").lower()
        if tag in FOREIGN_ROOTS:
            return crossed_integration_point
        if tag in INTEGRATION_POINTS:
            crossed_integration_point = True
        ancestor = ancestor.parent
    return True
