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


# Every element the metadata rules read; see HeadFacts for which of each counts.
_HEAD_FACTS = "title, meta[name], link[rel], base[href]"


class LexborMetadata:
    """Page details from the shared Lexbor (selectolax) parse; needs no second parse."""

    name: ClassVar[str] = "lexbor"
    output: ClassVar[OutputKind] = "metadata"

    def extract(self, document: Document) -> Metadata:
        """Apply the rules to the head facts of the shared parse."""
        return metadata_from_facts(document.head_facts, document.url, document.headers)


def collect_head_facts(tree: LexborHTMLParser) -> HeadFacts:
    """Collect what the metadata rules read from a Lexbor tree, in one pass."""
    facts = HeadFacts()
    metas = facts.metas
    links = facts.links
    # One selector list, so Lexbor walks the document once (four separate
    # queries walked it four times); matches come back in document order.
    for node in tree.css(_HEAD_FACTS):
        tag = node.tag
        if tag == "meta":
            attrs = node.attrs  # a view: no dict of every attribute is built
            metas.append((attrs.get("name") or "", attrs.get("content")))
        elif tag == "link":
            attrs = node.attrs
            links.append((attrs.get("rel") or "", attrs.get("href")))
        elif tag == "title":
            if facts.title is None and in_html_namespace(node):
                facts.title = node.text(deep=True)
        elif facts.base_href is None:  # <base href>
            facts.base_href = node.attrs.get("href")
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
