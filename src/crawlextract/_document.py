"""The shared parse: one decoded page, one Lexbor tree, one compact tree.

Every extractor receives the same :class:`Document`. The Lexbor tree is built
when the document is made; the compact :class:`~crawlextract._dom.Element` tree
is built on first use and then shared by every output that walks it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from . import _dom
from ._deadline import Deadline
from ._extractors.lexbor_metadata import collect_head_facts
from ._urls import document_base

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from ._decode import Decoded
    from ._headers import Headers
    from ._metadata import HeadFacts
    from ._options import Options


class Document:
    """A page decoded and parsed once, shared by every extractor.

    Extractors read it and never change it: several outputs, and several
    threads, may use one document.
    """

    def __init__(
        self,
        decoded: Decoded,
        url: str | None,
        headers: Headers,
        options: Options,
    ) -> None:
        """Parse the decoded page with Lexbor.

        ``decoded`` may still hold control characters (:func:`decode_page`):
        the parse takes it as it is, and the control check runs once an output
        needs more than the page details (:attr:`html`, :attr:`dom`).
        """
        self._decoded = decoded
        #: The page URL, if known.
        self.url = url
        #: The web name of the encoding used, ``None`` for ``str`` input.
        self.encoding = decoded.encoding
        #: Which decoding step chose the encoding.
        self.encoding_source = decoded.source
        #: The HTTP response headers.
        self.headers = headers
        #: The options of this extraction.
        self.options = options
        self._warnings: list[str] = []
        self._lock = threading.Lock()
        if decoded.truncated:
            self.warn(f"input truncated to {options.limits.max_input_bytes} bytes")
        deadline = self.deadline("parse")
        #: The Lexbor parse of the page (its text may hold control characters
        #: until :attr:`dom` is built; see :attr:`head_facts`).
        self.tree = _parse(decoded)
        deadline.check()
        self._dom: _dom.Element | None = None
        self._head_facts: HeadFacts | None = None
        self._base_url: str | None = None
        self._base_url_known = False

    @property
    def html(self) -> str:
        """The page text, without control characters."""
        return self._clean_decoded().text

    def _clean_decoded(self) -> Decoded:
        decoded = self._decoded
        if decoded.unchecked is not None:
            with self._lock:
                self._decoded = decoded = self._decoded.cleaned()
        return decoded

    @property
    def warnings(self) -> tuple[str, ...]:
        """What was cut or failed so far, in order."""
        return tuple(self._warnings)

    def warn(self, message: str) -> None:
        """Record something the caller should know about this page's outputs."""
        with self._lock:
            if message not in self._warnings:
                self._warnings.append(message)

    def deadline(self, stage: str) -> Deadline:
        """Start the time budget of one stage."""
        return Deadline(stage, self.options.limits.time_budget)

    @property
    def html_node(self) -> LexborNode | None:
        """The ``<html>`` element of the Lexbor tree (``None`` only for an empty tree)."""
        return self.tree.root

    @property
    def head_facts(self) -> HeadFacts:
        """What the metadata rules read (title, metas, links, base, lang), collected once.

        Shared by the ``lexbor`` metadata extractor and :attr:`base_url`, so a
        page whose metadata and markdown are both read walks its tree for them once.
        """
        if self._head_facts is None:
            # Locked: Lexbor's selector engine is not safe to share between threads.
            with self._lock:
                if self._head_facts is None:
                    self._head_facts = collect_head_facts(self.tree)
        return self._head_facts

    @property
    def base_url(self) -> str | None:
        """The URL relative links resolve against: ``<base href>``, else the page URL."""
        if not self._base_url_known:
            self._base_url = document_base(self.url, self.head_facts.base_href)
            self._base_url_known = True
        return self._base_url

    @property
    def dom(self) -> _dom.Element:
        """The compact tree (``#document`` element), built on first use."""
        if self._dom is None:
            with self._lock:
                if self._dom is None:
                    self._dom = self._build_dom()
        return self._dom

    def release(self) -> None:
        """Let the compact tree go now; call only when nothing will read this document again.

        The tree has no reference cycles, so it is freed as soon as nothing
        else holds it (a caller may still hold the root it was given).
        """
        with self._lock:
            self._dom = None

    def _build_dom(self) -> _dom.Element:
        # Called with the lock held. The tree the outputs walk must not carry
        # control characters: when the page had some, parse the cleaned text.
        decoded = self._decoded
        if decoded.unchecked is not None:
            self._decoded = cleaned = decoded.cleaned()
            if cleaned.text is not decoded.text:
                self.tree = _parse(cleaned)
        root = self.html_node
        if root is None:
            return _dom.Element("#document", {})
        limits = self.options.limits
        document, report = _dom.build(root, limits, self.deadline("tree"))
        if report.depth_limited:
            self._warnings.append(f"elements nested deeper than {limits.max_depth} flattened")
        if report.node_limited:
            self._warnings.append(f"document cut after {limits.max_nodes} nodes")
        return document


def _parse(decoded: Decoded) -> LexborHTMLParser:
    return LexborHTMLParser(decoded.utf8 if decoded.utf8 is not None else decoded.text)
