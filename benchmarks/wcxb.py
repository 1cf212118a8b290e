"""The snippet metric of the wcxb set (modern pages of seven types, 2026).

Each wcxb page lists ``with`` sentences a good extraction must contain and
``without`` sentences (boilerplate) it must not. Over all pages, a ``with``
sentence found in the output (whitespace collapsed, substring match) is a true
positive, a missing one a false negative, and a ``without`` sentence found a
false positive; snippet F1 is the F1 of the pooled counts. The shingle metric
(:func:`aeb.score_page`) scores the set's ``articleBody`` as on AEB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    import aeb


@dataclass(frozen=True)
class SnippetCounts:
    """Snippets found (tp), missing (fn) and boilerplate found (fp), on one page or pooled."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        """Pool two counts."""
        return SnippetCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def f1(self) -> float:
        """F1 of the counts (0 when nothing was found)."""
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def _collapse(text: str) -> str:
    return " ".join(text.split())


def score_snippets(text: str, page: aeb.BenchPage) -> SnippetCounts:
    """Count which of the page's snippets the extracted plain ``text`` holds."""
    haystack = _collapse(text)
    found = sum(1 for snippet in page.with_ if _collapse(snippet) in haystack)
    boilerplate = sum(1 for snippet in page.without if _collapse(snippet) in haystack)
    return SnippetCounts(found, boilerplate, len(page.with_) - found)


def pooled(counts: Iterable[SnippetCounts]) -> SnippetCounts:
    """Sum the counts of many pages (the metric pools, it does not average)."""
    total = SnippetCounts()
    for count in counts:
        total += count
    return total
