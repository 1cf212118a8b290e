"""Page details from the shared Lexbor parse."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar

from crawlextract._base.exceptions import CrawlextractError
from crawlextract._metadata.details import extended_from_facts
from crawlextract._metadata.head import Metadata, metadata_from_facts
from crawlextract._metadata.language import language_detector
from crawlextract._metadata.lexbor_facts import collect_page_facts

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document

logger = logging.getLogger("crawlextract")


class LexborMetadata:
    """Page details from the shared Lexbor (selectolax) parse; needs no second parse."""

    name: ClassVar[str] = "lexbor"
    output: ClassVar[OutputKind] = "metadata"

    def extract(self, document: Document) -> Metadata:
        """Apply the rules to the head facts of the shared parse.

        The extended fields (authors, dates, ...) need the whole parse: they are
        computed when one of them is first read, so the standard ones stay cheap.
        """
        standard = metadata_from_facts(document.head_facts, document.url, document.headers)
        return Metadata.deferring(standard, lambda: _extended(document, standard.language))


def _extended(document: Document, html_language: str | None) -> Metadata:
    detector = language_detector(LexborMetadata.name, wanted=document.options.detect_language)
    try:
        facts = collect_page_facts(document.tree, text_sample=detector is not None)
        return extended_from_facts(
            facts,
            base_url=document.base_url,
            headers=document.headers,
            html_language=html_language,
            detect_language=detector,
        )
    except CrawlextractError:
        raise
    except Exception as error:  # reported on the page, as for any output
        # A bug in these rules must not cost the caller the page: the fields
        # stay empty and the page says why (and the log has the trace).
        logger.warning("extended page details failed", exc_info=True)
        document.warn(f"metadata: extended page details failed: {error!r}")
        return Metadata()
