"""Readable-content quality on the article-extraction benchmark, beside the peers.

Scores crawlextract's ``readable_markdown`` (rendered to text by
:func:`aeb.markdown_to_text`) and ``boilerpipe_text`` on the AEB pages with the
benchmark's own metric, and runs trafilatura, readability-lxml, boilerpy3 and
resiliparse on the same pages in the same run (peers are scored on their plain
text). Every system is also scored on the even- and odd-indexed halves of the
pages: tuning looks at one half, the other half checks that a change generalises.

Usage::

    python benchmarks/quality.py                    # every system, table written to docs
    python benchmarks/quality.py --systems native --worst 10
    python benchmarks/quality.py --check            # quality gate against the pinned floor
    python benchmarks/quality.py --timing           # native selection time on built trees

A complete run (all pages, all systems) replaces the ``## Quality`` section of
``docs/benchmarks.md`` unless ``--no-write`` is given.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.metadata
import io
import json
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aeb
import crawlextract

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
BASELINE = Path(__file__).resolve().parent / "quality_baseline.json"

# (system name, package whose version is reported, what is scored)
SYSTEMS: dict[str, tuple[str, str]] = {
    "native": ("crawlextract", "readable_markdown, rendered to text"),
    "native-boilerpipe": ("crawlextract", "boilerpipe_text"),
    "trafilatura": ("trafilatura", "extract(include_comments=False), text"),
    "readability": ("readability-lxml", "summary(html_partial=True), text"),
    "boilerpy3": ("boilerpy3", "ArticleExtractor"),
    "resiliparse": ("resiliparse", "extract_plain_text(main_content=True)"),
}

Runner = Callable[[aeb.BenchPage], str]


def _native(page: aeb.BenchPage) -> str:
    return aeb.markdown_to_text(crawlextract.extract(page.html, page.url).readable_markdown)


def _native_boilerpipe(page: aeb.BenchPage) -> str:
    return crawlextract.extract(page.html, page.url).boilerpipe_text


def _trafilatura() -> Runner:
    import trafilatura  # noqa: PLC0415 - optional peer, imported only when run

    def run(page: aeb.BenchPage) -> str:
        html = page.html.decode("utf-8", errors="replace")
        return trafilatura.extract(html, url=page.url, include_comments=False) or ""

    return run


def _readability() -> Runner:
    import lxml.html  # noqa: PLC0415
    from readability import Document  # noqa: PLC0415

    def run(page: aeb.BenchPage) -> str:
        html = page.html.decode("utf-8", errors="replace")
        summary = Document(html, url=page.url).summary(html_partial=True)
        if not summary.strip():
            return ""
        return _html_text(lxml.html.fragment_fromstring(summary, create_parent="div"))

    return run


_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def _html_text(root: Any) -> str:
    # The text of the fragment with a line break around every block element, so
    # words of neighbouring blocks are never glued (the metric splits on \w+).
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _boilerpy3() -> Runner:
    from boilerpy3 import extractors  # noqa: PLC0415

    # boilerpy3 logs tracebacks and parser warnings through logging on ordinary pages.
    logging.getLogger("boilerpy3").setLevel(logging.CRITICAL)
    extractor = extractors.ArticleExtractor()

    def run(page: aeb.BenchPage) -> str:
        return extractor.get_content(page.html.decode("utf-8", errors="replace")) or ""

    return run


def _resiliparse() -> Runner:
    from resiliparse.extract.html2text import extract_plain_text  # noqa: PLC0415
    from resiliparse.parse.html import HTMLTree  # noqa: PLC0415

    def run(page: aeb.BenchPage) -> str:
        tree = HTMLTree.parse(page.html.decode("utf-8", errors="replace"))
        return extract_plain_text(tree, main_content=True)

    return run


def _runner(system: str) -> Runner:
    factories: dict[str, Callable[[], Runner]] = {
        "native": lambda: _native,
        "native-boilerpipe": lambda: _native_boilerpipe,
        "trafilatura": _trafilatura,
        "readability": _readability,
        "boilerpy3": _boilerpy3,
        "resiliparse": _resiliparse,
    }
    return factories[system]()


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


class Result:
    """One system's per-page texts, scores and failures."""

    def __init__(self, system: str) -> None:
        """Start empty."""
        self.system = system
        self.scores: list[aeb.PageScore] = []
        self.empty = 0
        self.errors: list[str] = []


def run_systems(pages: list[aeb.BenchPage], systems: list[str]) -> dict[str, Result]:
    """Run every system page by page (interleaved, so drift hits all alike)."""
    runners = {system: _runner(system) for system in systems}
    results = {system: Result(system) for system in systems}
    for page in pages:
        for system, run in runners.items():
            result = results[system]
            try:
                text = run(page)
            except Exception as error:  # noqa: BLE001 - a peer's bug costs that page, not the run
                result.errors.append(f"{page.id[:12]}: {error!r}")
                text = ""
            if not text.strip():
                result.empty += 1
            result.scores.append(aeb.score_page(text, page.truth))
    return results


def _page_f1(score: aeb.PageScore) -> float:
    precision = score.precision or 0.0
    recall = score.recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def table(results: dict[str, Result]) -> str:
    """The markdown table: F1/P/R on all pages, F1 on each half, empty pages, errors."""
    lines = [
        (
            "| system | version | F1 | precision | recall | F1 even half | F1 odd half "
            "| pages empty | errors |"
        ),
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for system, result in results.items():
        f1, precision, recall = aeb.aggregate(result.scores)
        even = aeb.aggregate(result.scores[0::2])[0]
        odd = aeb.aggregate(result.scores[1::2])[0]
        package, _what = SYSTEMS[system]
        lines.append(
            f"| {system} | {_version(package)} | {f1:.4f} | {precision:.4f} | {recall:.4f} "
            f"| {even:.4f} | {odd:.4f} | {result.empty} | {len(result.errors)} |"
        )
    return "\n".join(lines)


def worst(pages: list[aeb.BenchPage], results: dict[str, Result], count: int) -> str:
    """The ``count`` lowest-F1 pages of each system, with precision and recall."""
    out = io.StringIO()
    for system, result in results.items():
        out.write(f"\nworst {count} pages for {system} (index id F1 P R):\n")
        ranked = sorted(range(len(pages)), key=lambda i: _page_f1(result.scores[i]))
        for index in ranked[:count]:
            score = result.scores[index]
            out.write(
                f"  {index:3d} {pages[index].id[:16]} {_page_f1(score):.3f} "
                f"{score.precision or 0.0:.3f} {score.recall or 0.0:.3f}\n"
            )
    return out.getvalue()


def _truth_sha256() -> str:
    return hashlib.sha256((aeb.AEB_DIR / "ground-truth.json").read_bytes()).hexdigest()


def check(pages: list[aeb.BenchPage]) -> int:
    """Fail (exit 1) if the native F1 on these pages is below the pinned floor."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    if baseline["ground_truth_sha256"] != _truth_sha256():
        print("quality gate: the ground truth changed; re-pin the floor with --pin")
        return 1
    floor = baseline["floors"].get(str(len(pages)))
    if floor is None:
        print(
            f"quality gate: no floor pinned for {len(pages)} pages; "
            f"pinned: {sorted(baseline['floors'], key=int)}"
        )
        return 1
    result = run_systems(pages, ["native"])["native"]
    f1, precision, recall = aeb.aggregate(result.scores)
    print(
        f"native on {len(pages)} pages: F1 {f1:.4f} P {precision:.4f} R {recall:.4f} "
        f"(floor F1 {floor['f1']:.4f}), {result.empty} empty"
    )
    if f1 < floor["f1"] or result.empty > floor["empty"]:
        print("quality gate: FAILED")
        return 1
    print("quality gate: passed")
    return 0


def pin(pages: list[aeb.BenchPage]) -> None:
    """Record the native F1 on these pages as their floor (less a rounding margin)."""
    result = run_systems(pages, ["native"])["native"]
    f1 = aeb.aggregate(result.scores)[0]
    baseline = (
        json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {"floors": {}}
    )
    baseline["ground_truth_sha256"] = _truth_sha256()
    # The extractor is deterministic; the margin only absorbs float rounding
    # and tiny differences between library versions of the parser.
    baseline["floors"][str(len(pages))] = {"f1": round(f1 - 0.0005, 4), "empty": result.empty}
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"pinned floor for {len(pages)} pages: F1 {f1:.4f}")


def timing(pages: list[aeb.BenchPage]) -> str:
    """Median/p90/max ms of the native main-content selection on already-built trees."""
    from crawlextract._readable import select_content  # noqa: PLC0415

    documents = [crawlextract.extract(page.html, page.url)._document for page in pages]  # noqa: SLF001
    trees = [document.dom for document in documents if document is not None]
    # All 181 trees stay alive here, which a worker never has: without this the
    # cyclic collector walks all of them during the timed calls (p90 x4).
    gc.collect()
    gc.freeze()
    times: list[float] = []
    for _round in range(3):
        for tree in trees:
            start = time.perf_counter()
            select_content(tree)
            times.append(time.perf_counter() - start)
    times.sort()
    median = statistics.median(times) * 1000
    p90 = times[int(len(times) * 0.9)] * 1000
    # Other jobs on the machine preempt calls for whole scheduler slices
    # (~10 ms), which lands in p90 and max: say how busy it was.
    load = os.getloadavg()[0]
    return (
        f"native selection on built trees ({len(trees)} pages x 3): "
        f"median {median:.2f} ms, p90 {p90:.2f} ms, max {times[-1] * 1000:.2f} ms "
        f"(load average {load:.1f} on {os.cpu_count()} cores)"
    )


def write_docs(text: str) -> None:
    """Replace the ``## Quality`` section of docs/benchmarks.md (create the file if absent)."""
    section = "## Quality\n\n" + text.strip() + "\n"
    if not DOCS.exists():
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text("# Benchmarks\n\n" + section, encoding="utf-8")
        return
    current = DOCS.read_text(encoding="utf-8")
    start = current.find("## Quality\n")
    if start < 0:
        DOCS.write_text(current.rstrip() + "\n\n" + section, encoding="utf-8")
        return
    end = current.find("\n## ", start + 1)
    rest = current[end + 1 :] if end >= 0 else ""
    DOCS.write_text(current[:start] + section + ("\n" + rest if rest else ""), encoding="utf-8")


def _report(pages: list[aeb.BenchPage], results: dict[str, Result], command: str) -> str:
    systems = "\n".join(f"- **{name}**: {SYSTEMS[name][1]}" for name in results)
    return (
        f"Article-extraction benchmark (Zyte, MIT): {len(pages)} pages, 4-token shingle "
        "precision/recall averaged over pages (see `benchmarks/aeb.py`). Markdown is rendered "
        "to text with a CommonMark parser before scoring. The halves are the even- and "
        "odd-indexed pages (sorted by id): tuning looks at one, the other checks it.\n\n"
        f"{table(results)}\n\n{systems}\n\n"
        "Peers are scored on their plain text (no markup to strip), so the comparison "
        "favours them if anything.\n\n"
        f"Python {platform.python_version()}, measured with:\n\n```\n{command}\n```\n\n"
        f"Selection speed: {timing(pages)} (rendering is timed by `benchmarks/speed.py`).\n\n"
        "The native extractor's ten lowest-F1 pages, to aim work at:\n\n"
        f"```{worst(pages, {'native': results['native']}, 10)}```\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, help="only the first N pages (sorted by id)")
    parser.add_argument(
        "--systems",
        default=",".join(SYSTEMS),
        help=f"comma-separated subset of: {', '.join(SYSTEMS)}",
    )
    parser.add_argument("--worst", type=int, default=0, help="show the N worst pages per system")
    parser.add_argument("--check", action="store_true", help="quality gate (native only)")
    parser.add_argument("--pin", action="store_true", help="pin the native floor for these pages")
    parser.add_argument("--timing", action="store_true", help="time the native selection")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args(argv)
    pages = aeb.load_pages(args.pages)
    if args.check:
        return check(pages)
    if args.pin:
        pin(pages)
        return 0
    if args.timing:
        print(timing(pages))
        return 0
    systems = [name.strip() for name in args.systems.split(",") if name.strip()]
    unknown = [name for name in systems if name not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems: {', '.join(unknown)}")
    results = run_systems(pages, systems)
    print(table(results))
    for result in results.values():
        for error in result.errors[:5]:
            print(f"  {result.system} error: {error}")
    if args.worst:
        print(worst(pages, results, args.worst))
    complete = args.pages is None and set(systems) == set(SYSTEMS)
    if complete and not args.no_write:
        command = "python " + " ".join(["benchmarks/quality.py", *sys.argv[1:]])
        write_docs(_report(pages, results, command))
        print(f"wrote the quality section of {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
