"""The shared parse: one decoded page, one Lexbor tree, one compact tree.

Every extractor receives the same :class:`SharedDocument` (it meets the
:class:`~crawlextract._config.Document` protocol). The Lexbor tree and the
compact :class:`~crawlextract._html.dom.Element` tree are built on first use and
then shared by every output that reads them; page details alone usually need
neither (:mod:`crawlextract._metadata.head_only`).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from ._base.deadline import Deadline
from ._base.urls import document_base
from ._html import dom as _dom
from ._html.decode import Decoded, PendingUTF8
from ._html.page_text import PageText
from ._metadata.head_only import head_facts_before_body
from ._metadata.lexbor_facts import collect_head_facts

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from ._base.headers import Headers
    from ._config import Options
    from ._metadata.head import HeadFacts


class SharedDocument:
    """A page decoded and parsed once, shared by every extractor.

    Extractors read it and never change it: several outputs, and several
    threads, may use one document.
    """

    def __init__(
        self,
        decoded: Decoded | PendingUTF8,
        url: str | None,
        headers: Headers,
        options: Options,
    ) -> None:
        """Hold the decoded page; it is parsed when something first needs the tree.

        ``decoded`` may be bytes not yet checked to be UTF-8, or text that still
        holds control characters (:func:`~crawlextract._html.decode.decode_page`):
        the parse takes it as it is, and the checks run once something needs
        more than ASCII page details (:attr:`html`, :attr:`dom`,
        :attr:`encoding`, non-ASCII :attr:`head_facts`), parsing again in the
        rare case that changes the text. Page details always read the page as
        downloaded, whatever was read first.
        """
        #: The page URL, if known.
        self.url = url
        #: The HTTP response headers.
        self.headers = headers
        #: The options of this extraction.
        self.options = options
        self._lock = threading.Lock()
        # One ordered list: decoding's warnings, the guard's, the tree's, the outputs'.
        self._warnings: list[str] = []
        if decoded.truncated:
            self._warnings.append(f"input truncated to {options.limits.max_input_bytes} bytes")
        self._text = PageText(decoded, options.limits.max_depth, self._warnings)
        # The caches, each made on first use; a tree or facts made from an
        # older text (see PageText.generation) are made again.
        self._tree: LexborHTMLParser | None = None
        self._tree_generation = 0
        self._dom: _dom.Element | None = None
        self._head_facts: HeadFacts | None = None
        self._head_facts_generation = 0
        self._base_url: str | None = None
        self._base_url_known = False

    @property
    def tree(self) -> LexborHTMLParser:
        """The Lexbor parse of the whole page, made on first use.

        Its text may hold control characters until :attr:`dom` is built (see
        :attr:`head_facts`).

        Raises:
            TimeBudgetExceeded: the parse ran past ``Limits.time_budget``.
        """
        tree = self._tree
        if tree is None or self._tree_generation != self._text.generation:
            with self._lock:
                tree = self._parsed()
        return tree

    @property
    def html(self) -> str:
        """The page text, without control characters (and defused, see :attr:`tree`)."""
        with self._lock:
            self._text.guard(self.deadline("parse"))
            return self._text.final().text

    @property
    def encoding(self) -> str | None:
        """The web name of the encoding used, ``None`` for ``str`` input."""
        with self._lock:
            return self._text.resolved().encoding

    def _parsed(self) -> LexborHTMLParser:
        # With the lock held: the whole-page parse of the current text, made once
        # per text (the guard runs first: the parser is quadratic on some markup).
        text = self._text
        tree = self._tree
        if tree is None or self._tree_generation != text.generation:
            text.guard(self.deadline("parse"))
            deadline = self.deadline("parse")
            tree = self._tree = _parse(text.current)
            self._tree_generation = text.generation
            deadline.check()
        return tree

    @property
    def warnings(self) -> tuple[str, ...]:
        """What was cut, replaced or failed so far, in order.

        The decoding is settled first (a linear check of bytes that may be
        UTF-8, never a parse), so what decoding changed is always in; what the
        parse and the outputs changed is in once they have run.
        """
        with self._lock:
            self._text.resolved()
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

        Read from the part of the page before ``<body>`` when that provably
        gives what the whole parse would (:mod:`crawlextract._metadata.head_only`), so
        page details alone seldom parse the whole page. Shared by the
        ``lexbor`` metadata extractor and :attr:`base_url`.
        """
        facts = self._head_facts
        if facts is None or self._head_facts_generation != self._text.downloaded_generation:
            with self._lock:
                facts = self._head_facts
                if facts is None or self._head_facts_generation != self._text.downloaded_generation:
                    facts = self._head_facts = self._collect_head_facts()
                    self._head_facts_generation = self._text.downloaded_generation
        return facts

    def _collect_head_facts(self) -> HeadFacts:
        # With the lock held.
        decoded = self._text.current
        facts = self._facts_as_parsed()
        # Non-ASCII details depend on the encoding: settle it, and read them
        # again if the page turns out not to be UTF-8.
        if (
            isinstance(decoded, PendingUTF8)
            and not facts.is_ascii()
            and self._text.resolved().utf8 is not decoded.utf8
        ):
            facts = self._facts_as_parsed()
        return facts

    def _facts_as_parsed(self) -> HeadFacts:
        # With the lock held: from the page as downloaded, so reading other
        # outputs first changes nothing. The whole parse serves when it is of
        # that page; else the part before <body> when that settles them; else
        # a parse of the page as downloaded (safe unless the guard rewrote it,
        # and then the rewritten page is all there is).
        text = self._text
        if (
            self._tree is not None
            and self._tree_generation == text.generation
            and text.is_downloaded
        ):
            return collect_head_facts(self._tree)
        downloaded = text.downloaded
        if downloaded.utf8 is not None:
            deadline = self.deadline("parse")
            facts = head_facts_before_body(downloaded.utf8)
            deadline.check()
            if facts is not None:
                return facts
        if text.is_downloaded or text.rewritten:
            return collect_head_facts(self._parsed())
        return collect_head_facts(_parse(downloaded))

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
        # Called with the lock held. The tree the outputs walk must come from
        # the final text, without control characters.
        self._text.guard(self.deadline("parse"))
        self._text.final()
        root = self._parsed().root
        if root is None:
            return _dom.Element("#document", {})
        limits = self.options.limits
        document, report = _dom.build(root, limits, self.deadline("tree"))
        if report.depth_limited:
            self._warnings.append(f"elements nested deeper than {limits.max_depth} flattened")
        if report.node_limited:
            self._warnings.append(f"document cut after {limits.max_nodes} nodes")
        return document


def _parse(decoded: Decoded | PendingUTF8) -> LexborHTMLParser:
    if decoded.utf8 is not None:
        return LexborHTMLParser(decoded.utf8)
    assert isinstance(decoded, Decoded)  # noqa: S101 - pending bytes always have utf8
    return LexborHTMLParser(decoded.text)
