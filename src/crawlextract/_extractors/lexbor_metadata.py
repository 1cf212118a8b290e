"""Page details from the shared Lexbor parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .._metadata import FOREIGN_ROOTS, INTEGRATION_POINTS, HeadFacts, Metadata, metadata_from_facts

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from .._document import Document
    from .._types import OutputKind


class LexborMetadata:
    """Page details from the shared Lexbor (selectolax) parse; needs no second parse."""

    name: ClassVar[str] = "lexbor"
    output: ClassVar[OutputKind] = "metadata"

    def extract(self, document: Document) -> Metadata:
        """Collect the head facts from the Lexbor tree and apply the rules."""
        tree = document.tree
        facts = HeadFacts()
        for title in tree.css("title"):
            if in_html_namespace(title):
                facts.title = title.text(deep=True)
                break
        facts.metas = [
            (node.attributes.get("name") or "", node.attributes.get("content"))
            for node in tree.css("meta[name]")
        ]
        facts.links = [
            (node.attributes.get("rel") or "", node.attributes.get("href"))
            for node in tree.css("link[rel]")
        ]
        base = tree.css_first("base[href]")
        facts.base_href = base.attributes.get("href") if base is not None else None
        root = document.html_node
        facts.language = root.attributes.get("lang") if root is not None else None
        return metadata_from_facts(facts, document.url, document.headers)


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
