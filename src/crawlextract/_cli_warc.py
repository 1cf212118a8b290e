"""``crawlextract warc IN... -o OUT.parquet``: WARC archives to Parquet or JSONL.

``--engine local`` (the default) runs on worker processes of this machine;
``--engine dask`` runs the same job on a Dask cluster (``--scheduler ADDRESS``,
or a ``LocalCluster`` of ``--workers`` processes) and writes the same rows.
The row schema is ``WARC_COLUMNS`` (see ``docs/batch.md``).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ._cli_batch import add_worker_arguments, expand_paths, progress, started
from ._columnar import open_writer, output_format
from ._exceptions import CrawlextractError
from ._warc import WarcStats, extract_warc

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: File names ``warc`` picks up inside a folder.
WARC_SUFFIXES = (".warc", ".warc.gz")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crawlextract warc",
        description="Extract the HTML responses of WARC files into Parquet or JSONL.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help="WARC files, folders (searched for *.warc[.gz]) or quoted globs",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="OUT.parquet, OUT.jsonl, or '-' for JSONL on standard output",
    )
    add_worker_arguments(parser)
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="run on local processes or on a Dask cluster (default: local)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler address (default: start a LocalCluster)",
    )
    parser.add_argument(
        "--records-per-task",
        type=int,
        default=None,
        metavar="N",
        help="dask: tasks of N records (default: sized from each file, several per worker)",
    )
    return parser  # fmt: skip


def _rows(args: argparse.Namespace, paths: list[str], stats: WarcStats) -> Iterator[dict[str, Any]]:
    if args.engine == "dask":
        from ._dask import extract_warc_dask  # noqa: PLC0415 - needs the dask extra

        return extract_warc_dask(
            paths,
            options=args.preset,
            timeout=args.timeout,
            scheduler=args.scheduler,
            workers=args.workers,
            records_per_task=args.records_per_task,
            stats=stats,
        )
    return extract_warc(
        paths, options=args.preset, workers=args.workers, timeout=args.timeout, stats=stats
    )


def main(argv: Sequence[str]) -> int:
    """Run ``crawlextract warc``; return the exit status."""
    parser = _parser()
    args = parser.parse_args(list(argv))
    if args.scheduler is not None and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    paths, unmatched = expand_paths(args.inputs, WARC_SUFFIXES)
    for pattern in unmatched:
        _say(f"nothing matches {pattern!r}")
    if not paths:
        return 2
    stats = WarcStats()
    errors = 0
    try:
        output_format(args.output)  # a bad name fails before any work
        rows = started(_rows(args, paths, stats))
        writer = open_writer(args.output)
        try:
            for row in progress(rows, total=None, unit="page", stream=sys.stderr):
                writer.write(row)
                errors += row["error"] is not None
        finally:
            writer.close()
    except (CrawlextractError, ImportError, ValueError) as error:
        _say(str(error))
        return 2
    _say(
        f"{stats.records} records, {stats.html} HTML pages"
        f" ({errors} with errors), skipped {stats.skipped_non_response} non-response"
        f" and {stats.skipped_non_html} non-HTML records -> {args.output}"
    )
    return 0


def _say(message: str) -> None:
    # The rows may be going to standard output: everything else goes to stderr.
    sys.stderr.write(f"crawlextract warc: {message}\n")
