"""``crawlextract batch PATH_OR_GLOB... -o OUT.jsonl``: many saved pages to JSONL on all cores.

Folders are searched recursively for ``*.html``, ``*.htm`` and their ``.gz``
forms; globs (``'crawl/**/*.html'``) are expanded; files are taken as given.
``--manifest`` lists pages with their URLs and headers; pages found otherwise
take them from files beside them (``_batch_sources``).

Each page is one JSON line: ``path``, then ``Page.to_dict()``, then ``error``
and ``error_type`` (null unless the page failed or timed out, in which case the
outputs are null). Rows go to ``OUT.partial``, renamed to ``OUT`` when every
page is written, so a run that was stopped never leaves a complete-looking
file. A progress bar is drawn on a terminal (when tqdm is installed), a
progress line every ``--progress-every`` seconds otherwise, and a summary line
ends every run, stopped ones included.

Exit status: 0 when every page has its row (page errors are rows), 2 for a
usage error, 1 when the batch could not run, 128 + the signal number after
SIGINT or SIGTERM, and 141 (as if killed by SIGPIPE) when the reader of
standard output went away.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import itertools
import os
import sys
import time
import zlib
from collections.abc import Generator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, TypeVar

from crawlextract._apps.batch import PageInput, PageResult, extract_many
from crawlextract._apps.batch_sources import PageSource, read_manifest, with_sources
from crawlextract._apps.columnar import JsonlWriter
from crawlextract._base.exceptions import CrawlextractError, InputValueError, WorkerStartError
from crawlextract._config import PRESETS

from .page import EXIT_FAILURE, CommandParser, UsageError, run_command
from .stop import StopSignals, stop_signal, stop_status

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Iterator, Sequence

T = TypeVar("T")

#: File names ``batch`` picks up inside a folder.
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")

#: Seconds between progress lines when stderr is not a terminal: often enough
#: for a log to show a run is alive, rarely enough that a day-long run writes
#: a few thousand lines.
PROGRESS_EVERY = 30.0

#: Exit status when the reader of standard output went away: what a shell
#: reports for a process killed by SIGPIPE (128 + 13), as ``yes | head`` does.
EXIT_BROKEN_PIPE = 128 + 13

#: Suffix of the file rows are written to until the run is complete.
PARTIAL_SUFFIX = ".partial"

#: The keys of a page's row that come from ``Page.to_dict()``; null on error rows.
_PAGE_KEYS = (
    "url",
    "encoding",
    "metadata",
    "filters",
    "boilerpipe_text",
    "markdown",
    "readable_markdown",
    "warnings",
)


def expand_paths(patterns: Iterable[str], suffixes: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Expand folders (recursively, by ``suffixes``), globs and files.

    Returns:
        The files, sorted within each pattern and without repeats, and the
        patterns that matched nothing.
    """
    found: dict[str, None] = {}  # ordered set
    unmatched = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            matches = sorted(
                str(candidate)
                for candidate in path.rglob("*")
                if candidate.name.lower().endswith(suffixes) and candidate.is_file()
            )
        elif path.is_file():
            matches = [pattern]
        else:
            expanded = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207 - patterns are strings
            matches = [
                match
                for name in expanded
                for match in (expand_paths([name], suffixes)[0] if Path(name).is_dir() else [name])
            ]
        if not matches:
            unmatched.append(pattern)
        found.update(dict.fromkeys(matches))
    return list(found), unmatched


def progress(
    iterable: Iterable[Any], *, total: int | None, unit: str, stream: TextIO
) -> Iterable[Any]:
    """Wrap ``iterable`` in a tqdm bar on a terminal; return it unchanged otherwise."""
    if not stream.isatty():
        return iterable
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional, for the bar only
    except ImportError:
        return iterable
    bar: Iterable[Any] = tqdm(iterable, total=total, unit=unit, file=stream, dynamic_ncols=True)
    return bar


def started(iterator: Iterator[T]) -> Iterator[T]:
    """Take the first item now, and give it back first.

    Workers start on the first item. Taking it before a progress bar or
    pyarrow exists lets them start while this process is single-threaded,
    which is when ``extract_many`` may fork them (fast) instead of using a
    fork server.
    """
    try:
        first = next(iterator)
    except StopIteration:
        return iter(())
    return itertools.chain([first], iterator)


class ProgressLines:
    """One progress line to a log every ``every`` seconds: pages, rate, errors, time left."""

    def __init__(self, stream: TextIO, *, total: int | None, every: float, label: str) -> None:
        """Write to ``stream``; ``every`` of 0 writes nothing."""
        self._stream = stream
        self._total = total
        self._every = every
        self._label = label
        self._start = self._last = time.monotonic()

    def update(self, done: int, errors: int) -> None:
        """Write a line if ``every`` seconds have passed since the last one."""
        now = time.monotonic()
        if self._every <= 0 or now - self._last < self._every:
            return
        self._last = now
        elapsed = max(now - self._start, 1e-9)
        rate = done / elapsed
        line = f"{done} pages"
        if self._total:
            line = f"{done}/{self._total} pages ({100 * done // self._total}%)"
        line += f", {errors} errors, {rate:.1f} pages/s"
        if self._total and rate > 0:
            line += f", about {(self._total - done) / rate:.0f} s left"
        self._stream.write(f"{self._label}: {line}\n")
        self._stream.flush()


class PartialOutput:
    """Rows go to ``OUT.partial``; :meth:`commit` renames it to ``OUT`` (``-``: standard output).

    An older ``OUT`` is removed once the partial file is open, as opening
    ``OUT`` itself would have emptied it: from then on ``OUT`` is either
    absent or this run's complete output, never a stale or partial one.
    """

    def __init__(self, name: str) -> None:
        """Open the partial file for writing.

        Raises:
            UsageError: it cannot be created (no such folder, no permission),
                or ``name`` is a folder.
        """
        self.name = name
        self.partial = None if name == "-" else name + PARTIAL_SUFFIX
        self.stream: IO[str]
        if self.partial is None:
            self.stream = sys.stdout
            return
        if Path(name).is_dir():
            raise UsageError(f"cannot write {name}: Is a directory")
        try:
            # A lone surrogate (from a broken page) cannot be encoded as UTF-8;
            # backslashreplace writes it as the JSON escape \\udcxx, which keeps
            # the line valid JSON and the file valid UTF-8.
            self.stream = Path(self.partial).open(  # noqa: SIM115 - closed by close()
                "w", encoding="utf-8", errors="backslashreplace"
            )
            Path(name).unlink(missing_ok=True)
        except OSError as error:
            raise UsageError(f"cannot write {name}: {error.strerror}") from None

    def close(self) -> None:
        """Flush, and close the file (standard output stays open)."""
        if self.partial is None:
            self.stream.flush()
        else:
            self.stream.close()

    def commit(self) -> None:
        """Give the finished file its name.

        Raises:
            OSError: the rename failed (the rows stay in the partial file).
        """
        if self.partial is not None:
            Path(self.partial).replace(self.name)


class _Tally:
    """What a run has written, for progress lines and the summary."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.rows = self.errors = self.timeouts = 0

    def add(self, row: dict[str, Any], result: PageResult) -> None:
        self.rows += 1
        if row["error"] is not None:
            self.errors += 1
            self.timeouts += bool(result.error is not None and result.error.timed_out)

    def counts(self) -> str:
        return f"{self.errors} errors ({self.timeouts} timed out)"


def _read_pages(sources: list[PageSource]) -> Iterator[PageInput]:
    for source in sources:
        data, error = _read(source.path)
        # On an error the worker gets an empty page; the row reports the error instead.
        yield PageInput(data, source.url, source.headers, key=(source.path, source.error or error))


def _read(path: str) -> tuple[bytes, str | None]:
    try:
        data = Path(path).read_bytes()
        if path.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        return b"", f"{type(error).__name__}: {error}"
    return data, None


def batch_row(result: PageResult) -> dict[str, Any]:
    """Turn one result of ``extract_many`` over files into its JSONL row."""
    path, read_error = result.key
    row: dict[str, Any] = {"path": path}
    page = result.page if read_error is None else None
    for key in _PAGE_KEYS:
        row[key] = None if page is None else page[key]
    if page is None:
        row["url"] = result.url  # as given, so a failed row still says which page it was
    if read_error is not None:
        row["error"], row["error_type"] = read_error, read_error.split(":", 1)[0]
    elif result.error is not None:
        row["error"], row["error_type"] = str(result.error), result.error.type
    else:
        row["error"] = row["error_type"] = None
    return row


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="crawlextract batch",
        description="Extract many saved pages on all cores into one JSONL file.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH_OR_GLOB",
        help="files, folders (searched for *.html[.gz]) or quoted globs",
    )
    parser.add_argument(
        "--manifest",
        metavar="FILE",
        help="JSONL or CSV of path,url[,headers]: the pages, with their URLs and headers",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="where to write the rows ('-' for standard output)",
    )
    add_worker_arguments(parser)
    parser.add_argument(
        "--progress-every",
        type=float,
        default=PROGRESS_EVERY,
        metavar="S",
        help="when stderr is not a terminal, a progress line every S seconds"
        f" (default: {PROGRESS_EVERY:g}; 0: none)",
    )
    return parser  # fmt: skip


def add_worker_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--workers``, ``--timeout`` and ``--preset``, shared by ``batch`` and ``warc``."""
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: one per core)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="wall-clock seconds one page may take (default: no limit)",
    )
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="fast",
        help="which extractors to use (default: fast)",
    )


def main(argv: Sequence[str]) -> int:
    """Run ``crawlextract batch``; return the exit status."""
    return run_command(_parser, argv, _run)


def _run(args: argparse.Namespace) -> int:
    sources = _sources(args)
    try:
        # Checks its arguments now; the workers start with the first page.
        results = extract_many(
            _read_pages(sources), workers=args.workers, options=args.preset, timeout=args.timeout
        )
    except InputValueError as error:
        raise UsageError(str(error)) from None
    output = PartialOutput(args.output)
    tally = _Tally(len(sources))
    status, ending = EXIT_FAILURE, "; stopped by an unexpected error"
    signals = StopSignals()
    try:
        with signals.installed():
            status, ending = _extract_into(results, output, tally, signals, args.progress_every)
    except KeyboardInterrupt as stop:
        status = stop_status(stop)
        ending = f"; stopped by {stop_signal(stop).name}"
    finally:
        with contextlib.suppress(BrokenPipeError):
            output.close()
        if status == 0:
            try:
                output.commit()
            except OSError as error:
                status, ending = EXIT_FAILURE, f"; cannot rename to {args.output}: {error.strerror}"
        if status != 0 and output.partial is not None:
            ending += f"; the rows so far are in {output.partial}"
        if status == EXIT_BROKEN_PIPE:
            _silence_stdout()
        _say(f"{tally.rows} of {tally.total} pages written, {tally.counts()}{ending}")
    return status


def _sources(args: argparse.Namespace) -> list[PageSource]:
    """The pages the arguments name, with their URLs and headers.

    Raises:
        UsageError: no pages, or a bad manifest.
    """
    if not args.inputs and args.manifest is None:
        raise UsageError("give pages (files, folders or globs) or --manifest FILE")
    try:
        known = read_manifest(args.manifest) if args.manifest is not None else []
    except CrawlextractError as error:
        raise UsageError(str(error)) from None
    paths, unmatched = expand_paths(args.inputs, PAGE_SUFFIXES)
    for pattern in unmatched:
        _say(f"nothing matches {pattern!r}")
    sources = with_sources(paths, known)
    if not sources:
        raise UsageError("no pages to extract")
    return sources


def _extract_into(
    results: Iterator[PageResult],
    output: PartialOutput,
    tally: _Tally,
    signals: StopSignals,
    progress_every: float,
) -> tuple[int, str]:
    """Write every page's row; return the exit status and how the summary ends."""
    writer = JsonlWriter(output.stream)
    lines = ProgressLines(
        sys.stderr, total=tally.total, every=progress_every, label="crawlextract batch"
    )
    try:
        bar = progress(started(results), total=tally.total, unit="page", stream=sys.stderr)
        for result in bar:
            row = batch_row(result)
            with signals.held():  # a row and its count, or neither
                writer.write(row)
                tally.add(row, result)
            if not sys.stderr.isatty():
                lines.update(tally.rows, tally.errors)
        output.stream.flush()
    except BrokenPipeError:
        return EXIT_BROKEN_PIPE, "; stopped: standard output was closed"
    except WorkerStartError as error:
        return EXIT_FAILURE, f"; stopped: {error}"
    finally:
        if isinstance(results, Generator):
            results.close()  # stops the workers, abandoning pages in flight
    return 0, f" -> {output.name}"


def _silence_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not
    # report the broken pipe again.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _say(message: str) -> None:
    # The rows may be going to standard output: everything else goes to stderr.
    sys.stderr.write(f"crawlextract batch: {message}\n")
    sys.stderr.flush()
