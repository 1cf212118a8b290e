"""The page's text through its stages, for the one parse every output shares.

A downloaded page goes through up to three changes before the whole-page
parse that the markdown and readable outputs walk:

1. **decoding settled**: bytes parsed as UTF-8 at once are checked, and
   decoded again down the WHATWG order when they are not UTF-8 after all
   (:meth:`PageText.resolved`);
2. **control characters removed** (:meth:`PageText.final`);
3. **hostile markup defused** before the first whole-page parse, since the
   parser is quadratic on some of it, and raw-text elements left open inside
   ``<noscript>`` closed, which would hide the rest of the page
   (:meth:`PageText.guard`).

Each step runs only when an output needs it, at most once. :attr:`PageText.current`
is the text to parse now; :attr:`PageText.generation` changes whenever it does,
so a parse of an older text is known to be stale. Page details always read the
page as downloaded (:attr:`PageText.downloaded`), whatever ran first. Not
thread-safe on its own: :class:`~crawlextract._document.SharedDocument` calls
it with its lock held.
"""

from __future__ import annotations

import dataclasses

from crawlextract._base.deadline import Deadline

from .decode import Decoded, PendingUTF8
from .guard import GuardReport, needs_scan, scan
from .noscript import close_raw_text, needs_closing


class PageText:
    """One page's text, each stage computed once, with the warnings they gave."""

    def __init__(self, decoded: Decoded | PendingUTF8, max_depth: int, warnings: list[str]) -> None:
        """Hold the page as decoded so far (bytes pending the UTF-8 check, or text).

        What decoding and the guard cut or replace is appended to ``warnings``,
        the page's one ordered list.
        """
        #: The text (or UTF-8 bytes) to parse now.
        self.current: Decoded | PendingUTF8 = decoded
        #: The page as downloaded: what page details read.
        self.downloaded: Decoded | PendingUTF8 = decoded
        #: Whether :attr:`current` is still the page as downloaded.
        self.is_downloaded = True
        #: Whether the guard rewrote the markup (then the rewritten page is all there is).
        self.rewritten = False
        #: Changes whenever :attr:`current` does: a parse of an older one is stale.
        self.generation = 0
        #: Changes when decoding turns out not to be UTF-8: facts read earlier are stale.
        self.downloaded_generation = 0
        self.warnings = warnings
        if isinstance(decoded, Decoded):
            warnings.extend(decoded.warnings())
        self._max_depth = max_depth
        self._guarded = False

    def resolved(self) -> Decoded:
        """The page with its decoding settled (control characters may remain)."""
        current = self.current
        if not isinstance(current, PendingUTF8):
            return current
        self.current = resolved = current.resolved()
        self.warnings.extend(resolved.warnings())
        if resolved.utf8 is not current.utf8:
            # Not UTF-8 after all: this text is the page as downloaded.
            self.downloaded = resolved
            self.generation += 1
            self.downloaded_generation += 1
        elif self.downloaded is current:
            self.downloaded = resolved
        return resolved

    def final(self) -> Decoded:
        """The page without control characters (and defused, once :meth:`guard` has run)."""
        decoded = self.resolved()
        if decoded.unchecked is None:
            return decoded
        self.current = cleaned = decoded.cleaned()
        if cleaned.text is not decoded.text:
            self.generation += 1
            self.is_downloaded = False
        return cleaned

    def guard(self, deadline: Deadline) -> GuardReport:
        """Rewrite hostile markup before the first whole-page parse (once); say what changed.

        Ordinary pages are left as they are, and cheaply: the check reads the
        UTF-8 bytes when there are any (a regex reads bytes faster than text).
        """
        if self._guarded:
            return GuardReport()
        self._guarded = True
        current = self.current
        markup = current.utf8 if current.utf8 is not None else self.resolved().text
        deep = needs_scan(markup)
        unclosed = needs_closing(markup)
        if not deep and not unclosed:
            return GuardReport()
        final = self.final()  # the rewrites work on the final text
        text = final.text
        if unclosed:
            text, _ = close_raw_text(text)
        report = GuardReport()
        if deep:
            text, report = scan(text, self._max_depth, deadline)
        if text is not final.text:
            self.current = dataclasses.replace(final, text=text, utf8=None)
            self.generation += 1
            self.is_downloaded = False
            self.rewritten = True
        for message in report.warnings(self._max_depth):
            if message not in self.warnings:
                self.warnings.append(message)
        return report
