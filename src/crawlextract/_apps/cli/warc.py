"""``crawlextract warc IN... -o OUT.parquet``: WARC archives to Parquet or JSONL.

``--engine local`` (the default) runs on worker processes of this machine;
``--engine dask`` runs the same job on a Dask cluster (``--scheduler ADDRESS``,
or a ``LocalCluster`` of ``--workers`` processes) and writes the same rows.
The row schema is ``WARC_COLUMNS``; the output layout, the exit statuses and
``--resume`` are described in ``docs/batch.md`` and :mod:`._warc_output`.

Exit status: 0 when every input was read whole, 1 when some input could not be
(its ``ArchiveError`` rows say where), 2 for a usage error (nothing is done),
130 after Ctrl-C and 143 after SIGTERM (the finished parts are kept for
``--resume``), 141 when the reader of ``-o -`` went away. A summary line
ends every run, interrupted ones included.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawlextract._apps.columnar import JsonlWriter, output_format
from crawlextract._apps.warc.jobs import FileDone, WarcStats, iter_warc_events
from crawlextract._apps.warc.kinds import archive_kind
from crawlextract._apps.warc.output import OutputError, PartsOutput
from crawlextract._apps.warc.progress import ProgressLines, RunTally, say, summary_line
from crawlextract._base.exceptions import CrawlextractError

from .batch import add_worker_arguments, expand_paths, progress
from .page import CommandParser, UsageError
from .stop import StopSignals, stop_signal, stop_status

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator, Sequence

#: File names ``warc`` picks up inside a folder.
WARC_SUFFIXES = (".warc", ".warc.gz")

#: Exit statuses (documented in docs/batch.md).
EXIT_OK = 0
EXIT_DAMAGED_INPUT = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
#: The reader of standard output went away, as for a process killed by SIGPIPE
#: (what ``crawlextract batch`` gives too).
EXIT_BROKEN_PIPE = 128 + 13

#: Seconds between progress lines when standard error is not a terminal: often
#: enough to show a job is alive in a scheduler's log, rare enough that a
#: day-long job writes a few thousand lines.
DEFAULT_PROGRESS_EVERY = 30.0

_WHY_NOT = {
    "wet": "a WET file holds text already extracted from the pages, not their HTML",
    "wat": "a WAT file holds metadata about the records as JSON, not their HTML",
}


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="crawlextract warc",
        description="Extract the HTML responses of WARC files into Parquet or JSONL.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help="WARC files, folders (searched for *.warc[.gz]), quoted globs, or URLs "
        "(s3://, gs://, https://; needs the remote extra)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="OUT.parquet or OUT.jsonl (one file), OUT.parquet/ (a folder of parts), "
        "or '-' for JSONL on standard output",
    )
    add_worker_arguments(parser)
    parser.add_argument(
        "--resume",
        action="store_true",
        help="finish the interrupted run kept in OUT.partial/: extract only the inputs not done",
    )
    parser.add_argument(
        "--progress-every",
        type=float,
        default=DEFAULT_PROGRESS_EVERY,
        metavar="S",
        help="seconds between progress lines when stderr is not a terminal "
        f"(default: {DEFAULT_PROGRESS_EVERY:g}; 0 for none)",
    )
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


def main(argv: Sequence[str]) -> int:
    """Run ``crawlextract warc``; return the exit status."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except UsageError as error:
        return _fail(f"{error} (see --help)", EXIT_USAGE)
    with StopSignals().installed():
        try:
            paths = _checked(args)
        except (UsageError, CrawlextractError, ImportError, ValueError) as error:
            return _fail(str(error), EXIT_USAGE)
        except KeyboardInterrupt as stop:
            return _fail("interrupted before any work was done", stop_status(stop))
        return _run(args, paths)


def _checked(args: argparse.Namespace) -> list[str]:
    """Check the options and inputs before any work; return the input files."""
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.timeout is not None and args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    if args.records_per_task is not None and args.records_per_task < 1:
        raise UsageError("--records-per-task must be at least 1")
    if args.output == "-" and args.resume:
        raise UsageError("--resume needs an output file, not '-'")
    if args.output != "-":
        output_format(args.output.rstrip("/" + os.sep))  # a bad name fails before any work
    return _inputs(args.inputs)


def _inputs(patterns: list[str]) -> list[str]:
    """Expand the inputs; refuse patterns that match nothing, and WET and WAT files."""
    paths: dict[str, None] = {}  # ordered set
    for pattern in patterns:
        found = _expand(pattern)
        if not found:
            raise UsageError(f"nothing matches {pattern!r}")
        paths.update(dict.fromkeys(found))
    first_url = next((path for path in paths if "://" in path), None)
    for path in paths:
        # Local files are cheap to peek into; for URLs (a request each) the
        # first one stands for the rest, and the names are checked for all.
        peek = "://" not in path or path == first_url
        kind = archive_kind(path, peek=peek)
        if kind != "warc":
            raise UsageError(f"{path} is a {kind.upper()} file, not a WARC: {_WHY_NOT[kind]}")
    return list(paths)


def _expand(pattern: str) -> list[str]:
    if "://" in pattern:
        from crawlextract._apps.remote import expand_remote  # noqa: PLC0415 - needs fsspec

        return expand_remote(pattern, WARC_SUFFIXES)
    return expand_paths([pattern], WARC_SUFFIXES)[0]


def _run(args: argparse.Namespace, paths: list[str]) -> int:
    run = RunTally(paths, args.output)
    if args.output == "-":
        return _run_to_stdout(args, run)
    target = Path(args.output.rstrip("/" + os.sep))
    if args.resume and target.exists() and not Path(f"{target}.partial").exists():
        # A retried job whose run had finished: nothing to redo.
        say(f"{target} is complete and no interrupted run is kept: nothing to resume")
        return EXIT_OK
    try:
        output = PartsOutput(args.output, paths, {"preset": args.preset}, resume=args.resume)
    except OutputError as error:
        return _fail(str(error), EXIT_USAGE)
    todo = output.todo()
    run.already_done = len(paths) - len(todo)
    run.damaged_before = sum(entry["stats"]["archive_errors"] for entry in output.done.values())
    events: Iterator[Any] = iter(())
    try:
        ticker = ProgressLines(run, args.progress_every, [paths[index] for index in todo])
        if todo:
            events = _events(args, [paths[index] for index in todo], run)
        _write_parts(events, output, todo, run, ticker)
        output.finish()
    except KeyboardInterrupt as stop:
        _close(events)
        output.abandon()
        signame = stop_signal(stop).name
        kept = f"finished parts kept in {output.partial}/, run again with --resume to finish"
        say(summary_line(run, f"interrupted by {signame}: {kept}"))
        return stop_status(stop)
    except (CrawlextractError, ImportError, OSError) as error:
        _close(events)
        output.abandon()
        kept = f"finished parts kept in {output.partial}/, run again with --resume to finish"
        say(summary_line(run, f"failed: {' '.join(str(error).split())}; {kept}"))
        return EXIT_FAILED
    say(summary_line(run, f"-> {args.output}"))
    return EXIT_DAMAGED_INPUT if run.stats.archive_errors + run.damaged_before else EXIT_OK


def _write_parts(
    events: Iterator[Any],
    output: PartsOutput,
    todo: list[int],
    run: RunTally,
    ticker: ProgressLines,
) -> None:
    """Write each input's rows to its part, finishing the part at its ``FileDone``."""
    current = 0  # the position in todo of the file whose rows are coming
    file_rows = file_errors = 0
    for event in progress(events, total=None, unit="page", stream=sys.stderr):
        if isinstance(event, FileDone):
            output.finish_part(todo[current], event.stats, file_rows, file_errors)
            current, file_rows, file_errors = current + 1, 0, 0
            run.files_done += 1
        else:
            output.write(todo[current], event)
            run.count(event)
            file_rows += 1
            file_errors += event["error"] is not None
        ticker.tick()


def _close(events: Iterator[Any]) -> None:
    """Stop the engine: its workers are stopped, its in-flight pages abandoned."""
    close = getattr(events, "close", None)
    if close is not None:
        # A second Ctrl-C while closing must not leave a traceback either.
        with contextlib.suppress(KeyboardInterrupt):
            close()


def _run_to_stdout(args: argparse.Namespace, run: RunTally) -> int:
    writer = JsonlWriter("-")
    events: Iterator[Any] = iter(())
    try:
        ticker = ProgressLines(run, args.progress_every, run.paths)
        events = _events(args, run.paths, run)
        for event in events:
            if isinstance(event, FileDone):
                run.files_done += 1
            else:
                writer.write(event)
                run.count(event)
            ticker.tick()
        writer.close()
    except BrokenPipeError:
        # The reader went away (``| head``): not an error, and nothing more to say.
        _close(events)
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt as stop:
        _close(events)
        say(summary_line(run, "interrupted: the rows on standard output are incomplete"))
        return stop_status(stop)
    except (CrawlextractError, ImportError, OSError) as error:
        _close(events)
        say(summary_line(run, f"failed: {' '.join(str(error).split())}"))
        return EXIT_FAILED
    say(summary_line(run, "-> standard output"))
    return EXIT_DAMAGED_INPUT if run.stats.archive_errors else EXIT_OK


def _events(args: argparse.Namespace, paths: list[str], run: RunTally) -> Iterator[Any]:
    """The rows of ``paths`` with a ``FileDone`` after each file, from either engine."""
    if args.engine == "dask":
        from crawlextract._apps.dask import extract_warc_dask  # noqa: PLC0415 - needs the dask extra

        rows = extract_warc_dask(
            paths,
            options=args.preset,
            timeout=args.timeout,
            scheduler=args.scheduler,
            workers=args.workers,
            records_per_task=args.records_per_task,
            stats=run.stats,
        )
        return _with_file_ends(rows, paths)
    events = iter_warc_events(
        paths,
        options=args.preset,
        workers=args.workers,
        timeout=args.timeout,
        stats=run.stats,
        position=run.position,
    )
    return _started(events)


def _started(events: Iterator[Any]) -> Iterator[Any]:
    """Take the first event now, and keep ``events`` closable through what is returned.

    Workers start on the first page: taking it before a progress bar or
    pyarrow exists lets them be forked while this process is single-threaded
    (see ``started`` in the batch command, whose chain could not be closed).
    """
    first = next(events, None)
    if first is None:
        return iter(())

    def rest() -> Iterator[Any]:
        try:
            yield first
            yield from events
        finally:
            _close(events)

    return rest()


def _with_file_ends(rows: Iterator[dict[str, Any]], paths: list[str]) -> Iterator[Any]:
    """Put a ``FileDone`` after each file's rows, for engines that give rows only."""
    position = {path: index for index, path in enumerate(paths)}
    current = 0
    try:
        for row in rows:
            index = position[row["warc_file"]]
            while current < index:
                yield FileDone(current, paths[current], WarcStats())
                current += 1
            yield row
    finally:
        _close(rows)  # an interrupt stops the engine (its cluster) now, not when collected
    while current < len(paths):
        yield FileDone(current, paths[current], WarcStats())
        current += 1


def _silence_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not
    # report the broken pipe again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str, status: int) -> int:
    say(f"error: {' '.join(message.split())}")
    return status
