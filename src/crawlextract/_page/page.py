"""The result of one extraction: page details and three text outputs, each lazy."""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from crawlextract._base.exceptions import CrawlextractError

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from crawlextract._base.types import OutputKind
from crawlextract._config import Extractor
from crawlextract._document import SharedDocument as Document
from crawlextract._metadata.head import Metadata

from .filters import CanonicalStatus, PageFilters

logger = logging.getLogger("crawlextract")


class Page:
    """One extracted page. Each output is computed on first access, then kept.

    A page may be read from several threads; each output is computed once.
    """

    def __init__(self, document: Document, extractors: dict[OutputKind, Extractor[Any]]) -> None:
        """Wrap a parsed document and the extractors chosen for it."""
        self._document: Document | None = document
        self._extractors = extractors
        self._results: dict[OutputKind, Any] = {}
        self._lock = threading.RLock()
        #: The page URL given to :func:`~crawlextract.extract`.
        self.url = document.url
        self._warnings: tuple[str, ...] = ()
        self._encoding: str | None = None

    @property
    def encoding(self) -> str | None:
        """The web name of the encoding the bytes were decoded with (``None`` for ``str``)."""
        document = self._document
        return document.encoding if document is not None else self._encoding

    def __repr__(self) -> str:
        """Show the URL and title."""
        return f"<Page url={self.url!r} title={self.metadata.title!r}>"

    @property
    def metadata(self) -> Metadata:
        """The page details: title, description, canonical URL, robots, language, and more.

        The details for indexing (authors, dates, site name, image, ...) are
        computed on their first read.
        """
        value: Metadata = self._output("metadata")
        return value

    @property
    def boilerpipe_text(self) -> str:
        """The article text with boilerpipe's ArticleExtractor semantics."""
        value: str = self._output("boilerpipe")
        return value

    @property
    def markdown(self) -> str:
        """The whole visible page as markdown, navigation included."""
        value: str = self._output("markdown")
        return value

    @property
    def readable_markdown(self) -> str:
        """Only the main content, as markdown."""
        value: str = self._output("readable")
        return value

    @property
    def filters(self) -> PageFilters:
        """The page filters: canonical status and robots ``noindex``."""
        metadata = self.metadata
        return PageFilters(_canonical_status(self.url, metadata.canonical), metadata.noindex)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What was truncated, replaced, simplified or failed, in order.

        What decoding did (input cut at ``Limits.max_input_bytes``, invalid
        UTF-8 bytes replaced) is here before any output is read; what the
        whole-page parse, the tree and each output did is here once they have
        run (``docs/security.md`` lists which warning comes with which output).
        """
        document = self._document
        return document.warnings if document is not None else self._warnings

    def to_dict(self) -> dict[str, Any]:
        """Compute every output and return all of it as a JSON-serialisable dict."""
        # The outputs that parse the whole page first: page details then read
        # that parse instead of parsing the part before <body> on their own.
        boilerpipe_text = self.boilerpipe_text
        markdown = self.markdown
        readable_markdown = self.readable_markdown
        return {
            "url": self.url,
            "encoding": self.encoding,
            "metadata": self.metadata.to_dict(),
            "filters": self.filters.to_dict(),
            "boilerpipe_text": boilerpipe_text,
            "markdown": markdown,
            "readable_markdown": readable_markdown,
            "warnings": list(self.warnings),
        }

    def _repr_html_(self) -> str:
        """Show the page in a notebook: details, filters, rendered readable markdown."""
        from .views import page_html  # noqa: PLC0415 - only notebooks need it

        return page_html(self)

    def _repr_markdown_(self) -> str:
        """Show the page in a notebook as markdown."""
        from .views import page_markdown  # noqa: PLC0415 - only notebooks need it

        return page_markdown(self)

    def _output(self, kind: OutputKind) -> Any:
        try:
            return self._results[kind]
        except KeyError:
            pass
        with self._lock:
            if kind not in self._results:
                self._results[kind] = self._compute(kind)
                if len(self._results) == len(self._extractors):
                    self._release_document()
            return self._results[kind]

    def _compute(self, kind: OutputKind) -> Any:
        document = self._document
        assert document is not None  # released only once every output is kept  # noqa: S101
        extractor = self._extractors[kind]
        try:
            value = extractor.extract(document)
        except CrawlextractError:
            raise
        except Exception as error:  # reported on the page, see below
            # A backend bug must not lose the other outputs of the page: the
            # output is empty and the page says why (and the log has the trace).
            logger.warning("%s extractor %r failed", kind, extractor.name, exc_info=True)
            document.warn(f"{kind}: extractor {extractor.name!r} failed: {error!r}")
            return Metadata() if kind == "metadata" else ""
        expected = Metadata if kind == "metadata" else str
        if not isinstance(value, expected):
            document.warn(
                f"{kind}: extractor {extractor.name!r} returned {type(value).__name__}, "
                f"not {expected.__name__}"
            )
            return Metadata() if kind == "metadata" else ""
        return value

    def _release_document(self) -> None:
        # Every output is kept: the parse is no longer needed, so let it go.
        document = self._document
        if document is not None:
            self._warnings = document.warnings
            self._encoding = document.encoding
            self._document = None
            document.release()


def _canonical_status(url: str | None, canonical: str | None) -> CanonicalStatus:
    if canonical is None:
        return "not set"
    if url is None:
        return "unknown"
    return "self" if _comparable(url) == _comparable(canonical) else "other"


def _comparable(url: str) -> str:
    # Scheme and host are case-insensitive and a fragment never names another
    # page; everything else must match exactly.
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
