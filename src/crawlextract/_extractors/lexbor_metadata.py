"""Page details from the shared Lexbor parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

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
    """Collect what the metadata rules read from a Lexbor tree."""
    # One tag-name walk per kind: each keeps document order, and unlike a CSS
    # query it needs no selector engine, which Lexbor sets up afresh for every
    # document (that set-up cost more than the walks on small pages).
    facts = HeadFacts()
    for node in tree.tags("title"):
        if in_html_namespace(node):
            facts.title = node.text(deep=True)
            break
    for node in tree.tags("meta"):
        attrs = node.attrs  # a view: no dict of every attribute is built
        if "name" in attrs:
            facts.metas.append((attrs.get("name") or "", attrs.get("content")))
    for node in tree.tags("link"):
        attrs = node.attrs
        if "rel" in attrs:
            facts.links.append((attrs.get("rel") or "", attrs.get("href")))
    for node in tree.tags("base"):
        attrs = node.attrs
        if "href" in attrs:
            facts.base_href = attrs.get("href")
            break
    root = tree.root
    facts.language = root.attrs.get("lang") if root is not None else None
    return facts


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
