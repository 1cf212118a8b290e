"""WARC archives in, rows out: extract each HTML response record of the files.

Reading (:mod:`._warc_read`) gives each HTML response record with its URL,
HTTP status, headers and WARC-Date; here each one goes to
:func:`~crawlextract.extract` and becomes a row of ``WARC_COLUMNS``. A record
that must not be extracted (a binary payload, a place in the file that could
not be read) becomes a row with its error, and its file goes on.

Two ways to run, giving the same rows in the same order:

- :func:`extract_warc` streams the records of many files through
  :func:`~crawlextract.extract_many` (worker processes, wall-clock limits);
- :func:`warc_rows` extracts one file, or one chunk of its records, in the
  calling process: the task a Dask, Spark or Ray worker runs.
"""

from __future__ import annotations

import dataclasses

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from crawlextract._apps.batch import (
    PageError,
    PageInput,
    PageResult,
    extract_dict,
    extract_many,
    page_error,
)
from crawlextract._config import Options, resolve_options

from .read import (
    ARCHIVE_ERROR,
    BINARY_PAYLOAD,
    HtmlRecord,
    RecordInfo,
    WarcStats,
    fastwarc,
    iter_html_records,
    open_warc,
)

#: The reader's former name here, still imported by the cluster tasks' module.
_fastwarc = fastwarc

__all__ = [
    "ARCHIVE_ERROR",
    "BINARY_PAYLOAD",
    "FileDone",
    "HtmlRecord",
    "ReadPosition",
    "RecordInfo",
    "WarcStats",
    "extract_warc",
    "fastwarc",
    "iter_html_records",
    "iter_warc_events",
    "make_row",
    "open_warc",
    "record_row",
    "warc_rows",
]


@dataclass(slots=True)
class ReadPosition:
    """How far reading has got: for progress reports while rows stream."""

    #: The position, in the paths given, of the file being read.
    file: int = 0
    #: Where in it the last HTML record read starts.
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FileDone:
    """Every row of one input file has been handed out (see :func:`iter_warc_events`)."""

    #: The file's position in the paths given.
    index: int
    #: The file, as given.
    path: str
    #: What was read from it.
    stats: WarcStats


def make_row(
    info: RecordInfo,
    page: dict[str, Any] | None,
    error: PageError | None,
    warnings: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Flatten one record's extraction into a row of ``WARC_COLUMNS``.

    ``warnings`` about the record itself (truncation) come before the page's.
    """
    row: dict[str, Any] = {
        "url": info.url,
        "status": info.status,
        "fetched_at": info.fetched_at,
        "content_type": info.content_type,
        "encoding": None,
        "title": None,
        "description": None,
        "canonical": None,
        "canonical_status": None,
        "noindex": None,
        "language": None,
        "boilerpipe_text": None,
        "markdown": None,
        "readable_markdown": None,
        "warnings": list(warnings) if warnings else None,
        "error": None if error is None else str(error),
        "error_type": None if error is None else error.type,
        "record_id": info.record_id,
        "warc_file": info.warc_file,
    }
    if page is not None:
        metadata = page["metadata"]
        row.update(
            encoding=page["encoding"],
            title=metadata["title"],
            description=metadata["description"],
            canonical=metadata["canonical"],
            canonical_status=page["filters"]["canonical"],
            noindex=page["filters"]["noindex"],
            language=metadata["language"],
            boilerpipe_text=page["boilerpipe_text"],
            markdown=page["markdown"],
            readable_markdown=page["readable_markdown"],
            warnings=[*warnings, *page["warnings"]],
        )
    return row


def record_row(
    record: HtmlRecord,
    extract: Callable[[HtmlRecord], tuple[dict[str, Any] | None, PageError | None]],
) -> dict[str, Any]:
    """Return the row of one record from :func:`iter_html_records`, extracting it if it may be.

    A record that carries its own error (a binary payload, a place in the file
    that could not be read) is not extracted: its row reports that error. The
    record's own warnings (truncation) come first on its row either way. Every
    engine builds its rows with this, so all give the same rows.

    Args:
        record: The record.
        extract: Extracts a record's page: ``(page dict, None)`` or ``(None, error)``.
    """
    if record.error is not None:
        return make_row(record.info, None, record.error, record.warnings)
    return make_row(record.info, *extract(record), record.warnings)


def iter_warc_events(  # noqa: PLR0913 - keyword-only knobs of one call
    paths: Iterable[str],
    *,
    options: Options | str | None = None,
    workers: int | None = None,
    timeout: float | None = None,
    stats: WarcStats | None = None,
    position: ReadPosition | None = None,
) -> Iterator[dict[str, Any] | FileDone]:
    """Like :func:`extract_warc`, with a :class:`FileDone` after each file's last row.

    A file's :class:`FileDone` comes once all its rows have been yielded, and
    before any row of a later file: what a writer needs to finish one output
    part per input, or to record which inputs are done. ``position`` is kept
    up to date with where reading has got.
    """
    counts = stats if stats is not None else WarcStats()
    where = position if position is not None else ReadPosition()
    # Files whose records have all been read, with how many pages had been
    # read when they ended: the reading runs ahead of the results.
    ended: list[tuple[FileDone, int]] = []
    read = 0

    def pages() -> Iterator[PageInput]:
        nonlocal read
        for index, path in enumerate(paths):
            before = dataclasses.replace(counts)
            where.file, where.offset = index, 0
            # Counted as read, so a progress report sees the records of the file
            # being read; the file's own counts are the difference at its end.
            for record in iter_html_records(path, counts):
                read += 1
                where.offset = record.info.offset or where.offset
                # A record that must not be extracted gets an empty page; its
                # row reports the record's error instead.
                html = record.payload if record.error is None else b""
                yield PageInput(html, record.info.url, record.headers, key=record)
            ended.append((FileDone(index, path, counts.minus(before)), read))

    result: PageResult
    results = extract_many(pages(), workers=workers, options=options, timeout=timeout)
    try:
        for handed_out, result in enumerate(results):
            # A page's result comes after every page read before it, so each
            # file that ended by then has had all its rows handed out.
            while ended and ended[0][1] <= handed_out:
                yield ended.pop(0)[0]
            record: HtmlRecord = result.key
            if record.error is not None:
                yield make_row(record.info, None, record.error, record.warnings)
            else:
                yield make_row(record.info, result.page, result.error, record.warnings)
    finally:
        # Stopped early (an interrupt, a closed pipe): stop the workers now.
        close = getattr(results, "close", None)
        if close is not None:
            close()
    for done, _ in ended:
        yield done


def extract_warc(
    paths: Iterable[str],
    *,
    options: Options | str | None = None,
    workers: int | None = None,
    timeout: float | None = None,
    stats: WarcStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Extract every HTML response record of ``paths`` on local worker processes.

    Rows come in file order, then record order, one per HTML response record;
    records stream through, so memory does not grow with the archives. A page
    that fails or times out is a row with ``error`` set; so is a payload that
    is plainly binary (``BinaryPayload``) and each place in a file that could
    not be read (``ArchiveError``, with no URL: reading goes on after it).

    Args:
        paths: WARC files (``.warc`` or ``.warc.gz``).
        options: As for :func:`~crawlextract.extract`.
        workers: Worker processes, as for :func:`~crawlextract.extract_many`.
        timeout: Wall-clock seconds per page, as for :func:`~crawlextract.extract_many`.
        stats: Counts of records read, skipped and damaged are added to it.

    Yields:
        One row (a dict with the keys of ``WARC_COLUMNS``) per HTML response record.
    """
    for event in iter_warc_events(
        paths, options=options, workers=workers, timeout=timeout, stats=stats
    ):
        if not isinstance(event, FileDone):
            yield event


def warc_rows(
    path: str,
    *,
    options: Options | str | None = None,
    timeout: float | None = None,
    offset: int = 0,
    max_records: int | None = None,
) -> tuple[list[dict[str, Any]], WarcStats]:
    """Extract one WARC file, or one chunk of its records, in this process.

    The unit of work for a cluster (a Dask task, a Spark partition): it needs
    no worker processes of its own, because cluster workers often may not start
    any. ``timeout`` therefore becomes the cooperative per-stage time budget
    (``Limits.time_budget``) rather than a wall-clock kill.

    Args:
        path: The WARC file (any path or URL its workers can read).
        options: As for :func:`~crawlextract.extract`.
        timeout: Seconds each stage of one page may take.
        offset: Start of the chunk, from :func:`record_starts`; 0 for the whole file.
        max_records: Records (of any type) in the chunk; ``None`` to the end.

    Returns:
        The rows, in record order, and the counts of what was read.
    """
    chosen = resolve_options(options)
    if timeout is not None and chosen.limits.time_budget is None:
        chosen = chosen.replace(limits=dataclasses.replace(chosen.limits, time_budget=timeout))
    stats = WarcStats()
    rows = [
        record_row(record, lambda record: extract_record(record, chosen))
        for record in iter_html_records(path, stats, offset=offset, max_records=max_records)
    ]
    return rows, stats


def extract_record(
    record: HtmlRecord, options: Options
) -> tuple[dict[str, Any] | None, PageError | None]:
    """Extract one record in this process: its row's fields, or the error that goes in its row.

    What every engine does with a record it runs in-process (the one-worker
    local run and the Dask tasks).
    """
    try:
        page = extract_dict(record.payload, record.info.url, record.headers, options)
    except Exception as error:  # noqa: BLE001 - the page's error goes in its row
        return None, page_error(error)
    return page, None
