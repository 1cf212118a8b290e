"""Page details from an lxml parse (a second parse; for comparison and for lxml users)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import lxml.etree
import lxml.html

from crawlextract._metadata import (
    FOREIGN_ROOTS,
    INTEGRATION_POINTS,
    HeadFacts,
    Metadata,
    metadata_from_facts,
)

if TYPE_CHECKING:
    from crawlextract._document import Document
    from crawlextract._types import OutputKind


class LxmlMetadata:
    """Page details from an lxml (libxml2) parse, with the same rules as ``lexbor``."""

    name: ClassVar[str] = "lxml"
    output: ClassVar[OutputKind] = "metadata"

    def extract(self, document: Document) -> Metadata:
        """Parse the page with lxml, collect the head facts and apply the rules."""
        facts = HeadFacts()
        root = _parse(document.html)
        if root is not None:
            for title in root.iter("title"):
                if _in_html_namespace(title):
                    facts.title = title.text_content()
                    break
            facts.metas = [
                (meta.get("name") or "", meta.get("content"))
                for meta in root.iter("meta")
                if meta.get("name") is not None
            ]
            facts.links = [
                (link.get("rel") or "", link.get("href"))
                for link in root.iter("link")
                if link.get("rel") is not None
            ]
            facts.base_href = next(
                (base.get("href") for base in root.iter("base") if base.get("href") is not None),
                None,
            )
            facts.language = root.get("lang")
        return metadata_from_facts(facts, document.url, document.headers)


def _parse(html: str) -> Any:
    if not html.strip():
        return None
    # Bytes with an explicit encoding: lxml refuses str input that carries an
    # XML encoding declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        return lxml.html.fromstring(html.encode("utf-8"), parser=parser).getroottree().getroot()
    except (lxml.etree.ParserError, ValueError):
        return None


def _in_html_namespace(element: Any) -> bool:
    crossed_integration_point = False
    for ancestor in element.iterancestors():
        tag = str(ancestor.tag).lower()
        if tag in FOREIGN_ROOTS:
            return crossed_integration_point
        if tag in INTEGRATION_POINTS:
            crossed_integration_point = True
    return True
