"""Native boilerpipe against boilerpy3 on every AEB page: parity, quality and time.

Parity is the benchmark's shingle metric with boilerpy3's output as the truth.
Native time is measured from an already-built compact tree (the tree is shared
by every output, so its cost is not boilerpipe's); boilerpy3's time includes its
own parse, which is what a caller of boilerpy3 pays. Pages are timed
interleaved, so machine drift hits both alike.

Usage::

    python benchmarks/boilerpipe_parity.py [--limit N] [--repeat R] [--worst K] [--page ID]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

import crawlextract
from aeb import BenchPage, PageScore, aggregate, load_pages, score_page
from crawlextract._api import decode_document
from crawlextract._extractors.boilerpy3_backend import Boilerpy3Boilerpipe
from crawlextract._extractors.native_boilerpipe import NativeBoilerpipe


@dataclass(frozen=True)
class PageResult:
    """Both outputs of one page, their scores and the best time of each."""

    page: BenchPage
    native: str
    reference: str
    parity: PageScore
    native_seconds: float
    reference_seconds: float

    @property
    def parity_f1(self) -> float:
        """Per-page F1 of native against boilerpy3 (1.0 when both are empty)."""
        return self.parity.f1


def _best_time(run: object, repeat: int) -> tuple[str, float]:
    best = float("inf")
    text = ""
    for _ in range(repeat):
        started = time.perf_counter()
        text = run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return text, best


def measure(pages: list[BenchPage], repeat: int) -> list[PageResult]:
    """Run both extractors on every page, interleaved."""
    native = NativeBoilerpipe()
    reference = Boilerpy3Boilerpipe()
    options = crawlextract.Options()
    results = []
    for page in pages:
        document = decode_document(page.html, page.url, None, options)
        _ = document.dom  # built once, shared by every output: not boilerpipe's cost
        ref_text, ref_seconds = _best_time(lambda d=document: reference.extract(d), repeat)
        nat_text, nat_seconds = _best_time(lambda d=document: native.extract(d), repeat)
        results.append(
            PageResult(page, nat_text, ref_text, score_page(nat_text, ref_text),
                       nat_seconds, ref_seconds)
        )  # fmt: skip
    return results


def report(results: list[PageResult], worst: int) -> None:
    """Print parity, AEB quality and timing."""
    f1, precision, recall = aggregate([r.parity for r in results])
    mean_f1 = statistics.fmean(r.parity_f1 for r in results)
    print(f"pages: {len(results)}")
    print(f"parity vs boilerpy3: mean per-page F1 {mean_f1:.4f}; "
          f"benchmark-style F1 {f1:.4f} (P {precision:.4f}, R {recall:.4f})")  # fmt: skip
    exact = sum(1 for r in results if r.native == r.reference)
    print(f"identical output: {exact}/{len(results)} pages")
    for name, pick in (("native", lambda r: r.native), ("boilerpy3", lambda r: r.reference)):
        scores = [score_page(pick(r), r.page.truth) for r in results]
        q_f1, q_p, q_r = aggregate(scores)
        print(f"AEB ground truth, {name:9}: F1 {q_f1:.4f} (P {q_p:.4f}, R {q_r:.4f})")
    native_ms = statistics.median(r.native_seconds for r in results) * 1000
    reference_ms = statistics.median(r.reference_seconds for r in results) * 1000
    print(f"median ms/page: native {native_ms:.3f} (from a built tree), "
          f"boilerpy3 {reference_ms:.2f} (incl. its parse); "
          f"ratio {reference_ms / native_ms:.1f}x")  # fmt: skip
    print(f"\nworst {worst} pages by parity F1 (chars and ms: native / boilerpy3):")
    for r in sorted(results, key=lambda r: r.parity_f1)[:worst]:
        print(f"  {r.page.id[:16]}  F1 {r.parity_f1:.3f}  "
              f"chars {len(r.native):6} / {len(r.reference):6}  "
              f"ms {r.native_seconds * 1000:.2f} / {r.reference_seconds * 1000:.1f}")  # fmt: skip


def main() -> None:
    """Parse the arguments, measure and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the best counts")
    parser.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    parser.add_argument("--page", action="append", help="only this page id (repeatable)")
    args = parser.parse_args()
    pages = load_pages(args.limit)
    if args.page:
        pages = [page for page in pages if page.id in args.page]
    report(measure(pages, args.repeat), args.worst)


if __name__ == "__main__":
    main()
