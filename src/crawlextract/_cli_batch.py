"""``crawlextract batch PATH_OR_GLOB... -o OUT.jsonl``: many saved pages to JSONL on all cores.

Folders are searched recursively for ``*.html``, ``*.htm`` and their ``.gz``
forms; globs (``'crawl/**/*.html'``) are expanded; files are taken as given.
Each page is one JSON line: ``path``, then ``Page.to_dict()``, then ``error``
and ``error_type`` (null unless the page failed or timed out, in which case the
outputs are null). A progress bar is drawn on a terminal (when tqdm is
installed) and nothing but a summary line otherwise.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import itertools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from ._batch import PageInput, PageResult, extract_many
from ._columnar import JsonlWriter
from ._exceptions import CrawlextractError
from ._options import PRESETS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

T = TypeVar("T")

#: File names ``batch`` picks up inside a folder.
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")

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


def _read_pages(paths: list[str]) -> Iterator[PageInput]:
    for path in paths:
        data, error = _read(path)
        # On a read error the worker gets an empty page; the row reports the error instead.
        yield PageInput(data, key=(path, error))


def _read(path: str) -> tuple[bytes, str | None]:
    try:
        data = Path(path).read_bytes()
        if path.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        return b"", f"{type(error).__name__}: {error}"
    return data, None


def batch_row(result: PageResult) -> dict[str, Any]:
    """Turn one result of ``extract_many`` over files into its JSONL row."""
    path, read_error = result.key
    row: dict[str, Any] = {"path": path}
    page = result.page if read_error is None else None
    for key in _PAGE_KEYS:
        row[key] = None if page is None else page[key]
    if read_error is not None:
        row["error"], row["error_type"] = read_error, read_error.split(":", 1)[0]
    elif result.error is not None:
        row["error"], row["error_type"] = str(result.error), result.error.type
    else:
        row["error"] = row["error_type"] = None
    return row


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crawlextract batch",
        description="Extract many saved pages on all cores into one JSONL file.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH_OR_GLOB",
        help="files, folders (searched for *.html[.gz]) or quoted globs",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="where to write the rows ('-' for standard output)",
    )
    add_worker_arguments(parser)
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
    args = _parser().parse_args(list(argv))
    paths, unmatched = expand_paths(args.inputs, PAGE_SUFFIXES)
    for pattern in unmatched:
        _say(f"nothing matches {pattern!r}")
    if not paths:
        return 2
    try:
        results = started(
            extract_many(
                _read_pages(paths), workers=args.workers, options=args.preset, timeout=args.timeout
            )
        )
    except (CrawlextractError, ValueError) as error:
        _say(str(error))
        return 2
    errors = timeouts = 0
    writer = JsonlWriter(args.output)
    try:
        for result in progress(results, total=len(paths), unit="page", stream=sys.stderr):
            row = batch_row(result)
            writer.write(row)
            if row["error"] is not None:
                errors += 1
                timeouts += bool(result.error is not None and result.error.timed_out)
    finally:
        writer.close()
    _say(f"{len(paths)} pages, {errors} errors ({timeouts} timed out) -> {args.output}")
    return 0


def _say(message: str) -> None:
    # The rows may be going to standard output: everything else goes to stderr.
    sys.stderr.write(f"crawlextract batch: {message}\n")
