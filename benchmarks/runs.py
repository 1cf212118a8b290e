"""Running the scored systems over a benchmark set, and summarising the results.

Shared by ``quality.py`` (the report) and ``quality_gate.py`` (the floors).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aeb
import peers
import wcxb

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

# A page scoring below this F1 found none of the main text: the count
# of failures (an empty output scores 0).
MISS_F1 = 0.05


@dataclass(frozen=True)
class BenchSet:
    """One benchmark set: where it is, which systems it is scored with, what it is."""

    name: str
    directory: Path
    systems: tuple[str, ...]
    snippets: bool
    about: str
    #: The quality gate's fixed sample, taken from the ids in sorted order.
    gate: slice
    gate_about: str

    @property
    def present(self) -> bool:
        """Whether its pages and ground truth are there."""
        return (self.directory / "ground-truth.json").is_file()

    def ids(self) -> list[str]:
        """Every page id, sorted: the order of every report (and of its halves)."""
        return aeb.page_ids(self.directory)

    def gate_ids(self) -> list[str]:
        """The ids of the quality gate's sample."""
        return self.ids()[self.gate]


def bench_sets(bench: Path | None) -> dict[str, BenchSet]:
    """The two sets, under ``bench`` or where :mod:`aeb` finds them."""
    aeb_dir = bench / "aeb" if bench else aeb.AEB_DIR
    wcxb_dir = bench / "wcxb" if bench else aeb.BENCH_DIR / "wcxb"
    return {
        "aeb": BenchSet(
            "aeb",
            aeb_dir,
            tuple(peers.SYSTEMS),
            snippets=False,
            about="article-extraction benchmark (Zyte, MIT): news and blog articles, 2019",
            gate=slice(0, 40),
            gate_about="the first 40 pages by sorted id",
        ),
        "wcxb": BenchSet(
            "wcxb",
            wcxb_dir,
            ("native", "trafilatura", "resiliparse", "readability"),
            snippets=True,
            about=(
                "Web Content Extraction Benchmark (Murrough Foley, Apache-2.0): modern pages "
                "of seven types, 2026; the even-numbered half of its 1,000 pages"
            ),
            # 100 pages, every page type among them (the one blog page too).
            gate=slice(0, None, 5),
            gate_about="every 5th page by sorted id, from the first (100 pages, all types)",
        ),
    }


@dataclass(frozen=True)
class PageResult:
    """What one system made of one page."""

    score: aeb.PageScore
    snippets: wcxb.SnippetCounts
    empty: bool
    error: str | None = None


@dataclass
class SetRun:
    """One set's pages (id, type) and each system's results, in page order."""

    bench_set: BenchSet
    ids: list[str]
    kinds: list[str]
    results: dict[str, list[PageResult]]
    notes: list[str]
    #: sha256 of each page as scored (id, URL, ground truth, HTML): what a pinned floor is for.
    digests: list[str]


def run_set(
    bench_set: BenchSet, ids: Sequence[str], systems: Sequence[str], *, progress: bool = False
) -> SetRun:
    """Run the systems page by page (interleaved, so machine drift hits all alike)."""
    runners, notes = peers.load(list(systems))
    run = SetRun(bench_set, [], [], {name: [] for name in runners}, notes, [])
    for number, page in enumerate(aeb.iter_pages(bench_set.directory, ids), 1):
        run.ids.append(page.id)
        run.kinds.append(page.kind)
        run.digests.append(_digest(page))
        for name, runner in runners.items():
            run.results[name].append(_score(runner, page))
        if progress and number % 50 == 0:
            print(f"  {bench_set.name}: {number}/{len(ids)} pages", file=sys.stderr, flush=True)
    return run


def _digest(page: aeb.BenchPage) -> str:
    truth = [page.id, page.url, page.truth, page.kind, page.with_, page.without]
    digest = hashlib.sha256(json.dumps(truth).encode())
    digest.update(page.html)
    return digest.hexdigest()


def corpus_sha256(digests: Sequence[str]) -> str:
    """One hash of some pages, from their :attr:`SetRun.digests`."""
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def _score(runner: peers.Runner, page: aeb.BenchPage) -> PageResult:
    error = None
    try:
        text = runner(page)
    except Exception as exc:  # noqa: BLE001 - a peer's bug costs that page, not the run
        error = f"{page.id[:16]}: {exc!r}"
        text = ""
    return PageResult(
        aeb.score_page(text, page.truth),
        wcxb.score_snippets(text, page),
        not text.strip(),
        error,
    )


@dataclass(frozen=True)
class Summary:
    """The numbers of one system on some pages of a set."""

    pages: int
    f1: float
    precision: float
    recall: float
    snippet_f1: float
    empty: int
    missed: int
    errors: int

    @classmethod
    def of(cls, results: Sequence[PageResult]) -> Summary:
        """Summarise the results of some pages."""
        f1, precision, recall = aeb.aggregate([result.score for result in results])
        return cls(
            pages=len(results),
            f1=f1,
            precision=precision,
            recall=recall,
            snippet_f1=wcxb.pooled(result.snippets for result in results).f1,
            empty=sum(result.empty for result in results),
            missed=sum(result.score.f1 < MISS_F1 for result in results),
            errors=sum(result.error is not None for result in results),
        )
