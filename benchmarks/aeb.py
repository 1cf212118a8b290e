"""Shared helpers for the benchmark scripts: the AEB pages, its metric, markdown to text.

The benchmark data lives in ``../shared/bench`` next to a checkout (``aeb/`` and
``wcxb/``, see their READMEs); set ``CRAWLEXTRACT_BENCH`` to point elsewhere, or
``CRAWLEXTRACT_AEB`` for the article-extraction benchmark (Zyte, MIT) alone. The
shingle metric defined here scores both sets (:mod:`wcxb` adds its snippet metric).
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Where the benchmark sets are: ``$CRAWLEXTRACT_BENCH``, else ``../shared/bench``
#: beside the checkout (CI and every clone keep ``shared/`` next to the repository).
BENCH_DIR = Path(
    os.environ.get("CRAWLEXTRACT_BENCH")
    or Path(__file__).resolve().parents[1].parent / "shared" / "bench"
).resolve()
AEB_DIR = Path(os.environ.get("CRAWLEXTRACT_AEB") or BENCH_DIR / "aeb").resolve()

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_MARKDOWN = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class BenchPage:
    """One benchmark page: its id, bytes, URL and annotated main content.

    ``kind`` is the page type where the set annotates one (wcxb); ``with_`` and
    ``without`` are its snippets a good extraction must and must not contain.
    """

    id: str
    html: bytes
    url: str
    truth: str
    kind: str = "article"
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


def page_ids(directory: Path) -> list[str]:
    """The ids of a set's pages (``html/<id>.html.gz``), sorted: the order every report uses."""
    return sorted(path.name.removesuffix(".html.gz") for path in (directory / "html").glob("*.gz"))


def read_html(directory: Path, page_id: str) -> bytes:
    """The saved bytes of one page of a set."""
    return gzip.decompress((directory / "html" / f"{page_id}.html.gz").read_bytes())


def load_truth(directory: Path) -> dict[str, dict[str, Any]]:
    """A set's ``ground-truth.json``: ``{id: {url, articleBody, ...}}``."""
    truth: dict[str, dict[str, Any]] = json.loads(
        (directory / "ground-truth.json").read_text(encoding="utf-8")
    )
    return truth


def iter_pages(directory: Path, ids: Iterable[str]) -> Iterator[BenchPage]:
    """Yield the pages of a set one at a time (wcxb holds 190 MB of HTML: never all at once)."""
    truth = load_truth(directory)
    for page_id in ids:
        entry = truth[page_id]
        yield BenchPage(
            page_id,
            read_html(directory, page_id),
            entry["url"],
            entry["articleBody"],
            entry.get("page_type", "article"),
            tuple(entry.get("with") or ()),
            tuple(entry.get("without") or ()),
        )


def load_pages(limit: int | None = None, directory: Path = AEB_DIR) -> list[BenchPage]:
    """Load the AEB pages in a stable order (sorted by id)."""
    return list(iter_pages(directory, page_ids(directory)[:limit]))


def markdown_to_text(markdown: str) -> str:
    """Render markdown with a CommonMark parser and keep only the text of the result.

    Link URLs, image sources and markup never count as words; each block ends a line.
    """
    lines: list[str] = []
    for token in _MARKDOWN.parse(markdown):
        if token.type == "inline" and token.children:
            parts = []
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            lines.append("".join(parts))
        elif token.type in ("fence", "code_block"):
            lines.append(token.content)
    return "\n".join(lines)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < _SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page, each divided by their sum (the benchmark's weighting)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """TP/(TP+FP), or ``None`` when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """TP/(TP+FN), or ``None`` when the truth is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None

    @property
    def f1(self) -> float:
        """This page's F1: 1 when both sides are empty, 0 when either side is."""
        precision, recall = self.precision, self.recall
        if precision is None and recall is None:
            return 1.0
        if not precision or not recall:
            return 0.0
        return 2 * precision * recall / (precision + recall)


def score_page(prediction: str, truth: str) -> PageScore:
    """Score one page: 4-token shingles as multisets, normalised to sum to 1."""
    predicted = _shingles(prediction)
    expected = _shingles(truth)
    tp = sum((predicted & expected).values())
    fp = sum((predicted - expected).values())
    fn = sum((expected - predicted).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(1.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def aggregate(scores: list[PageScore]) -> tuple[float, float, float]:
    """Return (F1, precision, recall) as the benchmark defines them."""
    precisions = [p for s in scores if (p := s.precision) is not None]
    recalls = [r for s in scores if (r := s.recall) is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def vm_status(field_name: str) -> float:
    """Return a ``/proc/self/status`` memory field in MB (0 where there is no /proc)."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0
