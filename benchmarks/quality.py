"""Readable-content quality on both benchmark sets, beside the peers, and the quality gate.

Two sets live in ``../shared/bench`` beside the checkout (``--bench DIR`` or
``$CRAWLEXTRACT_BENCH`` to point elsewhere; see their READMEs):

- ``aeb``: the article-extraction benchmark (Zyte, MIT), 181 news and blog pages;
- ``wcxb``: 499 modern pages of seven types (2026, Apache-2.0), with page types and
  ``with``/``without`` snippets.

Every page is scored with the shingle metric of :mod:`aeb` (crawlextract's
``readable_markdown`` rendered to text first, peers on their plain text), and on
wcxb with the pooled snippet metric of :mod:`wcxb`. All systems of a set run
page by page in one run (:mod:`peers`; a peer that is not installed is skipped
with a note). Each set is also scored on its two halves by sorted index: the
even-indexed pages are the *tune* half, the odd-indexed ones the *check* half
that says whether a change generalises.

Usage::

    python benchmarks/quality.py                  # both sets, every system, docs rewritten
    python benchmarks/quality.py --sets wcxb --systems native,trafilatura --worst 30
    python benchmarks/quality.py --pages 60       # the first 60 pages of each set
    python benchmarks/quality.py --check          # quality gate on the gate samples
    python benchmarks/quality.py --check --full   # the same floors' checks on every page
    python benchmarks/quality.py --pin            # re-pin every floor after a deliberate change
    python benchmarks/quality.py --timing         # native selection time on built trees

A complete run (both sets, every page, every system installed) replaces the
``## Quality`` section of ``docs/benchmarks.md`` unless ``--no-write`` is given.
The gate itself is :mod:`quality_gate`.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import aeb
import crawlextract
import peers
import quality_gate
from runs import MISS_F1, SetRun, Summary, bench_sets, run_set

if TYPE_CHECKING:
    from collections.abc import Iterable

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"

WORST = 20


def _cells(values: Iterable[object]) -> str:
    return "| " + " | ".join(str(value) for value in values) + " |"


def _rule(count: int) -> str:
    return "|" + "---|" * count


def summary_table(run: SetRun) -> str:
    """F1/P/R (and snippet F1) on all pages and on each half, empty and missed pages."""
    snippets = run.bench_set.snippets
    header = ["system", "version", "F1", "precision", "recall"]
    header += ["snippet F1"] if snippets else []
    header += ["empty", f"F1 < {MISS_F1}", "F1 tune half", "F1 check half"]
    header += ["snippet F1 tune", "snippet F1 check"] if snippets else []
    header += ["errors"]
    lines = [_cells(header), _rule(len(header))]
    for name, results in run.results.items():
        whole = Summary.of(results)
        tune, check = Summary.of(results[0::2]), Summary.of(results[1::2])
        row: list[object] = [name, peers.SYSTEMS[name].version]
        row += [f"{whole.f1:.4f}", f"{whole.precision:.4f}", f"{whole.recall:.4f}"]
        row += [f"{whole.snippet_f1:.4f}"] if snippets else []
        row += [whole.empty, whole.missed, f"{tune.f1:.4f}", f"{check.f1:.4f}"]
        row += [f"{tune.snippet_f1:.4f}", f"{check.snippet_f1:.4f}"] if snippets else []
        row += [whole.errors]
        lines.append(_cells(row))
    return "\n".join(lines)


def halves_table(run: SetRun) -> str:
    """Each half on its own: what the done-when numbers of a set look like per half."""
    snippets = run.bench_set.snippets
    header = ["system", "half", "pages", "F1", "precision", "recall"]
    header += ["snippet F1"] if snippets else []
    header += ["empty", f"F1 < {MISS_F1}"]
    lines = [_cells(header), _rule(len(header))]
    for name, results in run.results.items():
        for half, part in (("tune (even)", results[0::2]), ("check (odd)", results[1::2])):
            summary = Summary.of(part)
            row: list[object] = [name, half, summary.pages, f"{summary.f1:.4f}"]
            row += [f"{summary.precision:.4f}", f"{summary.recall:.4f}"]
            row += [f"{summary.snippet_f1:.4f}"] if snippets else []
            row += [summary.empty, summary.missed]
            lines.append(_cells(row))
    return "\n".join(lines)


def type_table(run: SetRun) -> str:
    """F1 per page type (most frequent type first), with each type's page count."""
    counts = Counter(run.kinds)
    kinds = sorted(counts, key=lambda kind: (-counts[kind], kind))
    header = ["system", *(f"{kind} ({counts[kind]})" for kind in kinds)]
    lines = [_cells(header), _rule(len(header))]
    for name, results in run.results.items():
        row: list[object] = [name]
        for kind in kinds:
            part = [result for result, of in zip(results, run.kinds, strict=True) if of == kind]
            row.append(f"{Summary.of(part).f1:.3f}")
        lines.append(_cells(row))
    return "\n".join(lines)


def worst_table(run: SetRun, system: str = "native", count: int = WORST) -> str:
    """The ``count`` lowest-F1 pages of ``system``, with every other system's F1 there."""
    results = run.results[system]
    others = [name for name in run.results if name != system]
    header = ["index", "id", "type", "F1", "P", "R", *others]
    lines = [_cells(header), _rule(len(header))]
    # Among equal scores (many pages score 0), the pages where a peer does best
    # come first: those are the losses another system shows can be avoided.
    ranked = sorted(
        range(len(results)),
        key=lambda index: (
            round(results[index].score.f1, 3),
            -max((run.results[other][index].score.f1 for other in others), default=0.0),
            index,
        ),
    )
    for index in ranked[:count]:
        score = results[index].score
        row: list[object] = [index, run.ids[index][:16], run.kinds[index], f"{score.f1:.3f}"]
        row += [f"{score.precision or 0.0:.3f}", f"{score.recall or 0.0:.3f}"]
        row += [f"{run.results[other][index].score.f1:.3f}" for other in others]
        lines.append(_cells(row))
    return "\n".join(lines)


def timing(pages: list[aeb.BenchPage]) -> str:
    """Median/p90/max ms of the native main-content selection on already-built trees."""
    from crawlextract._readable import select_content  # noqa: PLC0415

    documents = [crawlextract.extract(page.html, page.url)._document for page in pages]  # noqa: SLF001
    trees = [document.dom for document in documents if document is not None]
    # All trees stay alive here, which a worker never has: without this the
    # cyclic collector walks all of them during the timed calls (p90 x4).
    gc.collect()
    gc.freeze()
    times: list[float] = []
    for _round in range(3):
        for tree in trees:
            start = time.perf_counter()
            select_content(tree)
            times.append(time.perf_counter() - start)
    gc.unfreeze()
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


def _set_report(run: SetRun) -> str:
    bench_set = run.bench_set
    parts = [
        f"### {bench_set.name}: {len(run.ids)} pages\n\n{bench_set.about}.\n",
        f"{summary_table(run)}\n\nEach half alone:\n\n{halves_table(run)}\n",
    ]
    if len(set(run.kinds)) > 1:
        parts.append(f"F1 per page type (pages of the type in brackets):\n\n{type_table(run)}\n")
    parts.append(
        f"The native extractor's {WORST} lowest-F1 pages, with the other systems' F1 on "
        f"the same page (index in sorted order: even = tune half):\n\n{worst_table(run)}\n"
    )
    return "\n".join(parts)


def _report(
    set_runs: list[SetRun], command: str, seconds: tuple[float, float], selection: str
) -> str:
    wall_seconds, cpu_seconds = seconds
    names = dict.fromkeys(name for run in set_runs for name in run.results)
    systems = "\n".join(f"- **{name}**: {peers.SYSTEMS[name].what}" for name in names)
    versions = ", ".join(
        f"{peers.SYSTEMS[name].package} {peers.SYSTEMS[name].version}"
        for name in dict.fromkeys(n for n in names if n != "native-boilerpipe")
    )
    return (
        "Both sets in `../shared/bench` (see their READMEs), every page scored with the "
        "article-extraction benchmark's metric: 4-token shingle precision and recall "
        "averaged over pages, F1 of the two means (`benchmarks/aeb.py`). Markdown is "
        "rendered to text with a CommonMark parser before scoring; peers are scored on "
        "their plain text (no markup to strip), so the comparison favours them if anything. "
        "On wcxb, *snippet F1* pools over all pages the `with` sentences found (true "
        "positives), missed (false negatives) and the `without` sentences found (false "
        "positives) (`benchmarks/wcxb.py`). *Empty*: pages with no text at all; "
        f"*F1 < {MISS_F1}*: pages where none of the main text was found. The halves are "
        "the even-indexed (*tune*) and odd-indexed (*check*) pages in sorted order: "
        "tuning looks at one, the other checks that a change generalises.\n\n"
        + "\n".join(_set_report(run) for run in set_runs)
        + f"\nSystems:\n\n{systems}\n\n"
        f"Versions: Python {platform.python_version()}, {versions}.\n\n"
        f"Measured with (the whole run took {wall_seconds / 60:.1f} minutes of wall-clock time, "
        f"{cpu_seconds / 60:.1f} of process CPU time):\n\n"
        f"```\n{command}\n```\n\n"
        f"Selection speed on aeb: {selection} (rendering is timed by `benchmarks/speed.py`).\n\n"
        "**Quality gate.** `tests/readable/test_readable_quality_gate.py` runs "
        "`python benchmarks/quality.py --check`: the native readable output on a fixed sample "
        "of each set (aeb: the first 40 pages by sorted id; wcxb: every 5th page by sorted id, "
        "from the first, 100 pages with every page type) must reach the floors pinned in "
        "`benchmarks/quality_baseline.json`: F1 (and snippet F1) at least the pinned value "
        f"less {quality_gate.MARGIN}, at most as many empty pages and pages below F1 "
        f"{MISS_F1}, on exactly the pages pinned (a sha256 of ids, ground truth and HTML). "
        "`--check --full` checks the floors of every page. After a deliberate change of the "
        "numbers, one command re-pins all floors from a run over every page:\n\n"
        "```\npython benchmarks/quality.py --pin\n```\n"
    )


def _print_run(run: SetRun, worst: int) -> None:
    print(f"\n{run.bench_set.name}: {len(run.ids)} pages")
    for note in run.notes:
        print(f"  note: {note}")
    print(summary_table(run))
    print(halves_table(run))
    if len(set(run.kinds)) > 1:
        print(type_table(run))
    for name, results in run.results.items():
        for error in [result.error for result in results if result.error][:5]:
            print(f"  {name} error: {error}")
    if worst and "native" in run.results:
        print(f"native's {worst} lowest-F1 pages:")
        print(worst_table(run, count=worst))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bench",
        type=Path,
        help="directory holding aeb/ and wcxb/ (default: $CRAWLEXTRACT_BENCH, else "
        "../shared/bench beside the checkout)",
    )
    parser.add_argument("--sets", default="aeb,wcxb", help="comma-separated: aeb, wcxb")
    parser.add_argument("--pages", type=int, help="only the first N pages of each set (sorted)")
    parser.add_argument(
        "--systems",
        help=f"comma-separated subset of: {', '.join(peers.SYSTEMS)} (default: each set's own)",
    )
    parser.add_argument("--worst", type=int, default=WORST, help="print native's N worst pages")
    parser.add_argument("--check", action="store_true", help="quality gate (native only)")
    parser.add_argument("--full", action="store_true", help="with --check: every page")
    parser.add_argument("--pin", action="store_true", help="re-pin every floor of the gate")
    parser.add_argument("--timing", action="store_true", help="time the native selection")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args(argv)
    args.set_names = [name.strip() for name in args.sets.split(",") if name.strip()]
    unknown = [name for name in args.set_names if name not in ("aeb", "wcxb")]
    if args.systems:
        args.system_names = [name.strip() for name in args.systems.split(",") if name.strip()]
        unknown += [name for name in args.system_names if name not in peers.SYSTEMS]
    else:
        args.system_names = None
    if unknown:
        parser.error(f"unknown sets or systems: {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, the gate or the pinning."""
    args = _arguments(argv)
    every = bench_sets(args.bench)
    chosen = [every[name] for name in args.set_names]
    present = [bench_set for bench_set in chosen if bench_set.present]
    for bench_set in chosen:
        if not bench_set.present:
            print(f"note: {bench_set.name} skipped: no benchmark data in {bench_set.directory}")
    if not present:
        return 2
    if args.check:
        return quality_gate.check(present, full=args.full)
    if args.pin:
        quality_gate.pin(present)
        return 0
    if args.timing:
        print(timing(aeb.load_pages(args.pages, every["aeb"].directory)))
        return 0
    started, cpu_started = time.perf_counter(), time.process_time()
    set_runs = []
    for bench_set in present:
        systems = args.system_names or bench_set.systems
        set_runs.append(run_set(bench_set, bench_set.ids()[: args.pages], systems, progress=True))
        _print_run(set_runs[-1], args.worst)
    seconds = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"\nscored in {seconds[0]:.0f} s ({seconds[1]:.0f} s of CPU time)")
    complete = (
        args.pages is None
        and args.system_names is None
        and len(set_runs) == len(every)
        and not any(run.notes for run in set_runs)
    )
    if complete and not args.no_write:
        selection = timing(aeb.load_pages(None, every["aeb"].directory))
        command = " ".join(["python benchmarks/quality.py", *sys.argv[1:]])
        write_docs(_report(set_runs, command, seconds, selection))
        print(f"wrote the quality section of {DOCS.relative_to(ROOT)}")
    elif not args.no_write:
        print(
            f"{DOCS.relative_to(ROOT)} left as it was: only a run of every page of both sets "
            "with every system installed rewrites it"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
