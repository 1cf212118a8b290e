"""Per-page time of crawlextract's outputs beside the peers, interleaved in one run.

Every system runs on every AEB page; for each page the systems run one after
another in an order rotated by the page index, so machine drift (other jobs on a
shared machine, frequency changes, garbage collection) falls on all of them
alike. A warm-up pass comes first (imports, caches, allocator). With
``--repeat N`` each page is timed N times per system and the fastest is kept.

Reported per system: median, 90th percentile and maximum milliseconds per page,
and the ratio of its median to trafilatura's median in the same run; then the
peak RSS (``VmHWM``) of the whole run and of fresh processes that run only
crawlextract (all four outputs) or only trafilatura, and the two done-when
checks of issue 4 (PASS/FAIL):

- all four outputs together (``to_dict()``): median <= 0.5x trafilatura's median
  (a second row reads ``.metadata`` first, which makes page details parse the
  part before ``<body>`` on their own before the whole page is parsed);
- metadata alone: median <= 2.5x a bare Lexbor parse of the same page.

Usage::

    python benchmarks/speed.py                 # all pages, all systems, docs updated
    python benchmarks/speed.py --repeat 3      # fastest of 3 per page and system
    python benchmarks/speed.py --pages 30 --no-write

A complete run (all pages) replaces the ``## Speed`` section of
``docs/benchmarks.md`` unless ``--no-write`` is given. Exit status 1 if a
done-when check fails.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aeb
import crawlextract

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"

# What a page costs is CPU time: on a machine shared with other jobs, the
# process's own CPU time moves far less than wall time (``--clock wall`` for that).
CLOCKS = {"cpu": time.process_time_ns, "wall": time.perf_counter_ns}
_clock = CLOCKS["cpu"]

# Issue 4's done-when ratios.
ALL_FOUR_VS_TRAFILATURA = 0.5
METADATA_VS_LEXBOR_PARSE = 2.5


@dataclass(frozen=True)
class Input:
    """One page as each system takes it, prepared outside the timer."""

    data: bytes
    text: str
    url: str


@dataclass
class System:
    """A timed system: its name, what it does, and one call per page."""

    name: str
    group: str
    what: str
    run: Callable[[Input], object]
    samples: list[float] = field(default_factory=list)  # ms, one per page
    failures: int = 0


def _failed(page: crawlextract.Page) -> crawlextract.Page:
    # An extractor failure is a page warning, not an exception; count it as one.
    failures = [w for w in page.warnings if "failed" in w]
    if failures:
        raise RuntimeError(failures[0])
    return page


def _crawlextract_systems() -> list[System]:
    extract = crawlextract.extract

    def metadata(page: Input) -> object:
        result = extract(page.data, page.url)
        _ = result.metadata
        return _failed(result)

    def boilerpipe(page: Input) -> object:
        result = extract(page.data, page.url)
        _ = result.boilerpipe_text
        return _failed(result)

    def markdown(page: Input) -> object:
        result = extract(page.data, page.url)
        _ = result.markdown
        return _failed(result)

    def readable(page: Input) -> object:
        result = extract(page.data, page.url)
        _ = result.readable_markdown
        return _failed(result)

    def all_four(page: Input) -> object:
        result = extract(page.data, page.url)
        _ = result.to_dict()
        return _failed(result)

    def all_four_details_first(page: Input) -> object:
        result = extract(page.data, page.url)
        _ = (result.metadata, result.boilerpipe_text, result.markdown, result.readable_markdown)
        return _failed(result)

    def reference(page: Input) -> object:
        result = extract(page.data, page.url, options="reference")
        _ = (result.metadata, result.boilerpipe_text, result.markdown, result.readable_markdown)
        return _failed(result)

    group = "crawlextract"
    return [
        System(
            "metadata",
            group,
            "`extract(bytes, url).metadata` (decode; the part before `<body>` parsed "
            "when it settles the details, else the whole page)",
            metadata,
        ),
        System("boilerpipe_text", group, "`.boilerpipe_text` of a fresh `extract()`", boilerpipe),
        System("markdown", group, "`.markdown` of a fresh `extract()`", markdown),
        System("readable_markdown", group, "`.readable_markdown` of a fresh `extract()`", readable),
        System("all four", group, "one `extract()`, `to_dict()`: all four outputs", all_four),
        System(
            "four, standard details first",
            group,
            "one `extract()`, `.metadata` read first, then the other three (page details "
            "parse the part before `<body>`, then the whole page is parsed); the extended "
            "page details (authors, dates, ...) stay deferred and are not computed, so this "
            "row is not all of `to_dict()`",
            all_four_details_first,
        ),
        System(
            "named packages in a row",
            "pipeline",
            '`extract(options="reference")`, all four read: lxml metadata + boilerpy3 + '
            "markdownify + trafilatura (the packages one after another)",
            reference,
        ),
    ]


def _parser_systems() -> list[System]:
    import lxml.html  # noqa: PLC0415 - peers are imported only when benchmarked
    from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415

    group = "parse"
    return [
        System(
            "Lexbor parse", group, "`LexborHTMLParser(bytes)`", lambda p: LexborHTMLParser(p.data)
        ),
        System(
            "lxml parse",
            group,
            "`lxml.html.document_fromstring(bytes)`",
            lambda p: lxml.html.document_fromstring(p.data),
        ),
    ]


def _peer_systems() -> list[System]:
    import html_to_markdown  # noqa: PLC0415
    import markdownify  # noqa: PLC0415
    import trafilatura  # noqa: PLC0415
    from boilerpy3 import extractors  # noqa: PLC0415
    from readability import Document  # noqa: PLC0415
    from resiliparse.extract.html2text import extract_plain_text  # noqa: PLC0415
    from resiliparse.parse.html import HTMLTree  # noqa: PLC0415

    h2m_options = html_to_markdown.ConversionOptions(extract_metadata=False)
    group = "peer"
    return [
        System(
            "trafilatura",
            group,
            "`trafilatura.extract(include_comments=False)`",
            lambda p: trafilatura.extract(p.text, url=p.url, include_comments=False),
        ),
        System(
            "boilerpy3",
            group,
            "`ArticleExtractor().get_content()`",
            lambda p: extractors.ArticleExtractor().get_content(p.text),
        ),
        System(
            "markdownify",
            group,
            "`markdownify()` of the whole page",
            lambda p: markdownify.markdownify(p.text),
        ),
        System(
            "html-to-markdown",
            group,
            "`convert()` of the whole page, no metadata block",
            lambda p: html_to_markdown.convert(p.text, h2m_options),
        ),
        System(
            "readability-lxml",
            group,
            "`Document().summary(html_partial=True)`",
            lambda p: Document(p.text, url=p.url).summary(html_partial=True),
        ),
        System(
            "resiliparse",
            group,
            "`extract_plain_text(main_content=True)`",
            lambda p: extract_plain_text(HTMLTree.parse(p.text), main_content=True),
        ),
    ]


_KINDS = ("metadata", "boilerpipe", "markdown", "readable")


def run_stages(pages: list[Input], warmup: int) -> list[System]:
    """Where the time of "all four" goes: each stage timed alone on one document per page.

    Per page: decode + guard + Lexbor parse (``decode_document`` and its tree), the compact
    tree build (the first ``document.dom``), then each default extractor on
    that document with the tree already built, in that order.
    """
    from crawlextract._api import decode_document  # noqa: PLC0415 - private, for profiling
    from crawlextract._registry import get_extractor  # noqa: PLC0415

    options = crawlextract.Options()
    extractors = [get_extractor(kind, getattr(options, kind)) for kind in _KINDS]
    rows = [
        System(
            "decode + parse",
            "stage",
            "`decode_document()` and its `tree`: decode, guard, Lexbor",
            _no_run,
        ),
        System("tree build", "stage", "the first `document.dom` (compact tree)", _no_run),
    ] + [
        System(f"{kind} extractor", "stage", f"`{e.name}` on a built tree", _no_run)
        for kind, e in zip(_KINDS, extractors, strict=True)
    ]
    for index, page in enumerate(pages[:warmup] + pages):
        times: list[float] = []
        start = _clock()
        document = decode_document(page.data, page.url, None, options)
        _ = document.tree
        times.append((_clock() - start) / 1e6)
        start = _clock()
        _ = document.dom
        times.append((_clock() - start) / 1e6)
        for row, extractor in zip(rows[2:], extractors, strict=True):
            start = _clock()
            try:
                extractor.extract(document)
            except Exception:  # noqa: BLE001 - counted per stage
                row.failures += index >= warmup
            times.append((_clock() - start) / 1e6)
        if index >= warmup:
            for row, value in zip(rows, times, strict=True):
                row.samples.append(value)
    return rows


def _no_run(_: Input) -> object:
    return None


def profile_by_module(pages: list[Input]) -> list[tuple[float, str]]:
    """Share of "all four"'s CPU time spent in each module's own code (cProfile).

    Time in built-ins and C code (the Lexbor parse, regular expressions) counts
    for the module that called it. Profiling slows Python calls more than C
    calls, so the shares lean towards call-heavy Python code; read them as a map
    of where to look, and the stage table for the times.
    """
    import cProfile  # noqa: PLC0415 - only for this table
    import pstats  # noqa: PLC0415

    all_four = _crawlextract_systems()[4]
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for page in pages:
        _time_once(all_four, page)
    profiler.disable()
    by_module: dict[str, float] = {}
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, own, _, callers) in stats.items():
        if filename == "~":  # a built-in: charge its callers
            for (caller, _, _), timing in callers.items():
                module = _module_name(caller)
                by_module[module] = by_module.get(module, 0.0) + timing[2]
        else:
            module = _module_name(filename)
            by_module[module] = by_module.get(module, 0.0) + own
    total = sum(by_module.values()) or 1.0
    return sorted(((value / total, name) for name, value in by_module.items()), reverse=True)


def _module_name(filename: str) -> str:
    marker = "/crawlextract/"
    if marker in filename:
        return "crawlextract/" + filename.rsplit(marker, 1)[1]
    return Path(filename).name


def stage_table(rows: list[System]) -> str:
    """Render the stage table: median, p90 and share of the summed medians."""
    total = sum(statistics.median(row.samples) for row in rows)
    lines = [
        "| stage | median ms | p90 ms | share of summed medians | failed pages |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        median = statistics.median(row.samples)
        lines.append(
            f"| {row.name} ({row.what}) | {median:.2f} | {_percentile(row.samples, 0.9):.2f} | "
            f"{median / total:.0%} | {row.failures} |"
        )
    return "\n".join(lines)


def _quiet_logs() -> None:
    # boilerpy3 logs warnings on ordinary pages and crawlextract logs each
    # extractor failure with a trace; failures are counted per system instead.
    for name in ("boilerpy3", "crawlextract", "trafilatura", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _time_once(system: System, page: Input) -> float:
    start = _clock()
    try:
        system.run(page)
    except Exception:  # noqa: BLE001 - a peer failing on a page is counted, not fatal
        system.failures += 1
    return (_clock() - start) / 1e6


def run_interleaved(systems: list[System], pages: list[Input], repeat: int, warmup: int) -> None:
    """Time every system on every page, rotating the order per page."""
    for page in pages[:warmup]:
        for system in systems:
            _time_once(system, page)
    for system in systems:
        system.failures = 0
    n = len(systems)
    for index, page in enumerate(pages):
        best = [float("inf")] * n
        for round_ in range(repeat):
            shift = (index + round_) % n
            for position in range(n):
                k = (position + shift) % n
                best[k] = min(best[k], _time_once(systems[k], page))
        for k, system in enumerate(systems):
            system.samples.append(best[k])
        if (index + 1) % 20 == 0:
            print(f"  {index + 1}/{len(pages)} pages", file=sys.stderr, flush=True)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _child_peak_rss(which: str, pages: int | None) -> tuple[float, float]:
    """Peak RSS (MB) of a fresh process running one system over the pages once.

    Returns the peak (``VmHWM``) and the peak above the process's size once the
    pages were loaded (so the inputs held in memory do not count).
    """
    command = [sys.executable, __file__, "--peak-rss-of", which]
    if pages is not None:
        command += ["--pages", str(pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    peak, loaded = (float(x) for x in result.stdout.strip().splitlines()[-1].split())
    return peak, peak - loaded


def _peak_rss_of(which: str, pages: list[Input]) -> tuple[float, float]:
    loaded = aeb.vm_status("VmRSS")
    _quiet_logs()
    # all four outputs, or trafilatura (imports included in the peak)
    system = _crawlextract_systems()[4] if which == "crawlextract" else _peer_systems()[0]
    for page in pages:
        _time_once(system, page)
    return aeb.vm_status("VmHWM"), loaded


def profile(pages: list[Input]) -> int:
    """Print where "all four" spends its time, by function (pyinstrument, twice over the pages)."""
    from pyinstrument import Profiler  # noqa: PLC0415 - dev dependency, only for --profile

    _quiet_logs()
    all_four = _crawlextract_systems()[4]
    for page in pages[:20]:
        _time_once(all_four, page)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(2):
        for page in pages:
            _time_once(all_four, page)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))
    return 0


def table(systems: list[System], reference: System) -> str:
    """Render the timing table (ms per page) with ratios to ``reference``'s median."""
    base = statistics.median(reference.samples)
    lines = [
        "| group | system | median ms | p90 ms | max ms | x trafilatura (median) | failed pages |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for system in systems:
        median = statistics.median(system.samples)
        lines.append(
            f"| {system.group} | {system.name} | {median:.2f} | "
            f"{_percentile(system.samples, 0.9):.2f} | {max(system.samples):.1f} | "
            f"{median / base:.2f} | {system.failures} |"
        )
    return "\n".join(lines)


def checks(by_name: dict[str, System]) -> list[tuple[str, bool, str]]:
    """Evaluate issue 4's two timing done-when conditions."""
    median = {name: statistics.median(s.samples) for name, s in by_name.items()}
    all_four = median["all four"] / median["trafilatura"]
    metadata = median["metadata"] / median["Lexbor parse"]
    # A time measured while an extractor failed is not a result.
    broken = by_name["all four"].failures
    note = f" ({broken} pages had an extractor failure)" if broken else ""
    return [
        (
            f"all four outputs <= {ALL_FOUR_VS_TRAFILATURA}x trafilatura (median)",
            all_four <= ALL_FOUR_VS_TRAFILATURA and not broken,
            f"{all_four:.2f}x{note}",
        ),
        (
            f"metadata alone <= {METADATA_VS_LEXBOR_PARSE}x bare Lexbor parse (median)",
            metadata <= METADATA_VS_LEXBOR_PARSE and not by_name["metadata"].failures,
            f"{metadata:.2f}x",
        ),
    ]


def _versions() -> str:
    names = [
        "crawlextract", "selectolax", "lxml", "trafilatura", "boilerpy3", "markdownify",
        "html-to-markdown", "readability-lxml", "resiliparse",
    ]  # fmt: skip
    return ", ".join(f"{name} {_version(name)}" for name in names)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        cpuinfo = ""
    for line in cpuinfo.splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs (`nproc`), {cpu}, {platform.system()}; load average {load}"


def _commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def report(  # noqa: PLR0913 - one report, every fact it needs
    *,
    systems: list[System],
    by_name: dict[str, System],
    stages: list[System],
    modules: list[tuple[float, str]],
    rss: dict[str, Any],
    args: argparse.Namespace,
    command: str,
    machine_before: str,
) -> str:
    """Render the ``## Speed`` section body."""
    verdicts = "\n".join(
        f"- {'PASS' if ok else 'FAIL'}: {label}: **{value}**"
        for label, ok, value in checks(by_name)
    )
    what = "\n".join(f"- **{s.name}**: {s.what}" for s in systems)
    pages = len(by_name["trafilatura"].samples)
    return (
        f"Milliseconds per page ({'process CPU time' if args.clock == 'cpu' else 'wall time'}) "
        f"over {pages} AEB pages, every system in one process, "
        "interleaved page by page with the order rotated per page, after a warm-up pass "
        f"of {args.warmup} pages; the fastest of {args.repeat} run(s) per page and system. "
        "crawlextract gets the downloaded bytes (decoding included); the peers get text "
        "decoded outside the timer. The machine is shared and noisy: compare rows of one "
        "run, not runs.\n\n"
        f"{table(systems, by_name['trafilatura'])}\n\n"
        f"Done when (issue 4):\n\n{verdicts}\n\n"
        "Where the time of the default pipeline goes (each stage timed alone, same "
        "process, after the run above; one document per page):\n\n"
        f"{stage_table(stages)}\n\n"
        "CPU time of all four outputs by module (cProfile over the pages, the module's own "
        "code plus the built-ins and C code it calls; the top ten):\n\n"
        + "\n".join(f"- {share:.0%} `{name}`" for share, name in modules[:10])
        + "\n\n"
        f"Peak RSS (`VmHWM`): this whole run {rss['run']:.0f} MB. A fresh process that "
        "loads the pages and runs one system over them once: crawlextract's four outputs "
        f"{rss['crawlextract'][0]:.0f} MB, {rss['crawlextract'][1]:.0f} MB of it above the "
        f"loaded pages; trafilatura alone {rss['trafilatura'][0]:.0f} MB, "
        f"{rss['trafilatura'][1]:.0f} MB above the loaded pages (imports included).\n\n"
        f"Systems:\n\n{what}\n\n"
        f"Versions: Python {platform.python_version()}, {_versions()}; commit {_commit()}.\n\n"
        f"Machine: {machine_before} (at start).\n\n"
        f"Measured with:\n\n```\n{command}\n```\n"
    )


def write_section(text: str) -> None:
    """Replace the ``## Speed`` section of docs/benchmarks.md (create the file if absent)."""
    section = "## Speed\n\n" + text.strip() + "\n"
    if not DOCS.exists():
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text(
            "# Benchmarks\n\n## Quality\n\nNot measured yet (`benchmarks/quality.py`).\n\n"
            + section,
            encoding="utf-8",
        )
        return
    current = DOCS.read_text(encoding="utf-8")
    start = current.find("## Speed\n")
    if start < 0:
        DOCS.write_text(current.rstrip() + "\n\n" + section, encoding="utf-8")
        return
    end = current.find("\n## ", start + 1)
    rest = current[end + 1 :] if end >= 0 else ""
    # benchmarks/memory.py owns the "### Memory" part of this section: keep it.
    old_section = current[start : end + 1 if end >= 0 else len(current)]
    memory = old_section.find("### Memory\n")
    if memory >= 0:
        section += "\n" + old_section[memory:].strip() + "\n"
    DOCS.write_text(current[:start] + section + ("\n" + rest if rest else ""), encoding="utf-8")


def load_inputs(limit: int | None) -> list[Input]:
    """Load the AEB pages as bytes, text and URL."""
    return [
        Input(page.html, page.html.decode("utf-8", errors="replace"), page.url)
        for page in aeb.load_pages(limit)
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, help="only the first N pages (sorted by id)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each page N times, keep the fastest"
    )
    parser.add_argument("--warmup", type=int, default=181, help="pages in the untimed warm-up pass")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="cpu",
        help="cpu: the process's CPU time (default; steadier on a shared machine); wall: elapsed",
    )
    parser.add_argument(
        "--profile", action="store_true", help="print a pyinstrument profile of all four outputs"
    )
    parser.add_argument(
        "--peak-rss-of", choices=["crawlextract", "trafilatura"], help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    global _clock  # noqa: PLW0603 - chosen once, before anything is timed
    _clock = CLOCKS[args.clock]
    pages = load_inputs(args.pages)
    if args.profile:
        return profile(pages)
    if args.peak_rss_of:
        peak, loaded = _peak_rss_of(args.peak_rss_of, pages)
        print(f"{peak:.1f} {loaded:.1f}")
        return 0
    command = "python benchmarks/speed.py " + " ".join(argv if argv is not None else sys.argv[1:])
    machine_before = _machine()
    _quiet_logs()
    try:
        systems = _parser_systems() + _crawlextract_systems() + _peer_systems()
    except ImportError as error:
        print(f"speed.py times every peer: pip install 'crawlextract[bench]' ({error})")
        return 2
    by_name = {s.name: s for s in systems}
    print(f"{len(systems)} systems, {len(pages)} pages; {machine_before}", file=sys.stderr)
    run_interleaved(systems, pages, args.repeat, min(args.warmup, len(pages)))
    stages = run_stages(pages, min(args.warmup, len(pages), 20))
    rss: dict[str, Any] = {"run": aeb.vm_status("VmHWM")}
    rss["crawlextract"] = _child_peak_rss("crawlextract", args.pages)
    rss["trafilatura"] = _child_peak_rss("trafilatura", args.pages)
    text = report(
        systems=systems,
        by_name=by_name,
        stages=stages,
        modules=profile_by_module(pages),
        rss=rss,
        args=args,
        command=command.strip(),
        machine_before=machine_before,
    )
    print(text)
    if args.pages is None and not args.no_write:
        write_section(text)
        print(f"wrote the Speed section of {DOCS}", file=sys.stderr)
    return 0 if all(ok for _, ok, _ in checks(by_name)) else 1


if __name__ == "__main__":
    sys.exit(main())
