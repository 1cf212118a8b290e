"""Page details from an lxml parse (a second parse; for comparison and for lxml users).

It collects the same facts as the ``lexbor`` backend from its own tree and
applies the same rules (:mod:`crawlextract._metadata.head`, :mod:`crawlextract._metadata.details`).
Its extended fields are computed with the standard ones, as its tree is not kept.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

import lxml.etree
import lxml.html

from crawlextract._base.urls import document_base
from crawlextract._html.visibility import in_html_namespace

# The collection rules both backends share, read through their module.
from crawlextract._metadata import page_facts as facts_rules
from crawlextract._metadata.details import extended_from_facts
from crawlextract._metadata.head import (
    EXTENDED_FIELD_NAMES,
    HeadFacts,
    Metadata,
    metadata_from_facts,
)
from crawlextract._metadata.language import language_detector

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


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
                if in_html_namespace(str(ancestor.tag) for ancestor in title.iterancestors()):
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
        standard = metadata_from_facts(facts, document.url, document.headers)
        # This backend parses on its own, so its tree is read now, not kept.
        detector = language_detector(self.name, wanted=document.options.detect_language)
        page_facts = (
            collect_page_facts(root, text_sample=detector is not None)
            if root is not None
            else facts_rules.PageFacts()
        )
        extended = extended_from_facts(
            page_facts,
            base_url=document_base(document.url, facts.base_href),
            headers=document.headers,
            html_language=standard.language,
            detect_language=detector,
        )
        return dataclasses.replace(
            standard, **{name: getattr(extended, name) for name in EXTENDED_FIELD_NAMES}
        )


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


def collect_page_facts(root: Any, *, text_sample: bool = False) -> facts_rules.PageFacts:
    """Collect what the extended page-detail rules read from an lxml tree (document order)."""
    facts = facts_rules.PageFacts()
    budget = facts_rules.CollectionBudget()
    for element in root.iter(lxml.etree.Element):
        _collect(facts, element, budget)
    if text_sample:
        texts = (" ".join(" ".join(p.itertext()).split()) for p in root.iter("p"))
        facts.text_sample = " ".join(text for text in texts if text)[
            : facts_rules.DETECTION_TEXT_CHARS
        ]
    return facts


def _collect(
    facts: facts_rules.PageFacts, element: Any, budget: facts_rules.CollectionBudget
) -> None:
    # The same order of checks as the Lexbor collector, so both agree.
    attrs = element.attrib
    tag = str(element.tag).lower()
    if tag == "meta":
        _add_meta(facts, attrs)
        if "itemprop" in attrs:
            _add_microdata(facts, element, budget)
        return
    if tag == "script":
        if facts_rules.is_json_ld_type(attrs.get("type")):
            facts.json_ld.append(element.text_content())
        return
    if "itemprop" in attrs:
        _add_microdata(facts, element, budget)
    elif "itemscope" in attrs and _item_scope(element) is None:
        facts.item_types.append(attrs.get("itemtype") or "")
    if facts_rules.is_byline_holder(attrs.get("class"), attrs.get("id")) and budget.take("bylines"):
        _add_short_text(facts.bylines, element)
    if facts_rules.is_date_holder(attrs.get("class"), attrs.get("id")) and budget.take(
        "date_lines"
    ):
        _add_short_text(facts.date_lines, element)
    if tag in {"link", "a"}:
        _add_link(facts, element, tag)


def _add_meta(facts: facts_rules.PageFacts, attrs: Any) -> None:
    content = attrs.get("content")
    if content is None:
        return
    key = attrs.get("property") or attrs.get("name")
    if key:
        facts.metas.append((facts_rules.meta_key(key), content))
    elif attrs.get("http-equiv"):
        facts.metas.append(("http-equiv:" + facts_rules.meta_key(attrs.get("http-equiv")), content))


def _add_link(facts: facts_rules.PageFacts, element: Any, tag: str) -> None:
    rel = (element.get("rel") or "").lower()
    if not {"author", "image_src"}.intersection(rel.split()):
        return
    href = element.get("href")
    if href:
        facts.links.append((rel, href))
    if tag == "a" and "author" in rel.split():
        facts.author_links.append(element.text_content())


def _add_microdata(
    facts: facts_rules.PageFacts, element: Any, budget: facts_rules.CollectionBudget
) -> None:
    names = tuple((element.get("itemprop") or "").split())
    if not any(name.lower() in facts_rules.MICRODATA_READ for name in names) or not budget.take(
        "microdata"
    ):
        return
    is_url = False
    if element.get("itemscope") is not None:
        found = element.xpath('.//*[contains(concat(" ", @itemprop, " "), " name ")]')
        value = found[0].text_content() if found else None
    else:
        attribute = facts_rules.microdata_value_attribute(str(element.tag))
        if attribute is None:
            value = element.text_content()
        else:
            value = element.get(attribute)
            is_url = attribute in facts_rules.URL_ATTRIBUTES
            if value is None and attribute == "datetime":
                value = element.text_content()
    scope = _item_scope(element)
    facts.microdata.append(
        facts_rules.MicrodataProperty(
            names,
            value,
            scope.get("itemtype") if scope is not None else None,
            is_url,
            # An lxml element object may be made anew on each access: its path is stable.
            scope.getroottree().getpath(scope) if scope is not None else None,
        )
    )


def _item_scope(element: Any) -> Any:
    for ancestor in element.iterancestors():
        if ancestor.get("itemscope") is not None:
            return ancestor
    return None


def _add_short_text(texts: list[str], element: Any) -> None:
    words = " ".join(element.itertext()).split()  # as Lexbor's text(separator=" ")
    if words and len(words) <= facts_rules.MAX_BYLINE_WORDS:
        texts.append(" ".join(words))
