"""WARC files cut into tasks of record ranges, and the task a cluster worker runs.

A cluster keeps every core busy only when the work comes in many pieces, and
keeps each worker's memory small only when each piece is small. So a file is
cut into chunks of consecutive records, sized from the file (:func:`file_tasks`),
each a :class:`WarcTask` that seeks straight to its first record. A task
carries no data, only where to read: the worker opens the file itself.

:func:`run_task` is what a Dask task or a Spark partition runs. By default its
pages go through this thread's :class:`~crawlextract._apps.page_process.PageProcess`,
so a page that crashes or overruns its wall-clock limit costs that page, never
the worker, as with the local engine.

Finding where chunks start means reading the file once (decompressing it, not
parsing HTTP). In a ``.warc.gz`` each record is its own gzip member, so a
chunk start is a place to seek to. A file gzipped as a whole has no such
places: its chunks are addressed in decompressed bytes (``gunzip=True``) and
each task decompresses the file up to its chunk, which costs more CPU but
keeps memory bounded all the same.
"""

from __future__ import annotations

import dataclasses

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from crawlextract._apps.batch import PageError
from crawlextract._apps.page_process import page_process
from crawlextract._base.exceptions import InputValueError
from crawlextract._config import Options, resolve_options

from .jobs import (
    HtmlRecord,
    WarcStats,
    extract_record,
    iter_html_records,
    make_row,
    open_warc,
    record_row,
)
from .read import record_starts

#: Tasks per worker thread that a file is cut into, when its size allows: a few
#: per thread lets fast chunks fill in behind a slow one, so no thread idles
#: while another finishes a long chunk.
TASKS_PER_THREAD = 4

#: The smallest chunk, in bytes of the file. Below about a megabyte (some
#: 30-100 compressed pages) a task's fixed costs (scheduling, sending the rows
#: back) start to show against the extraction itself.
MIN_TASK_BYTES = 1 << 20

#: The largest chunk, in bytes of the file. 8 MB of gzipped HTML is about 250
#: pages, whose rows (about 60 kB each) come to some 15-30 MB: a worker holds a
#: chunk's rows twice (the list and its pickled copy) plus a few finished
#: chunks, and stays well under 400 MB (measured: ``benchmarks/cluster.py``).
MAX_TASK_BYTES = 8 << 20

#: The most records in one chunk, whatever their size: a file of tiny records
#: must not make a chunk of a million rows.
MAX_RECORDS_PER_TASK = 1000

_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"


@dataclass(frozen=True, slots=True)
class WarcTask:
    """One unit of work: a chunk of consecutive records of one WARC file.

    Small and picklable: it says where to read, and the worker opens the file.
    """

    #: The WARC file, as the workers will open it (a path or an fsspec URL).
    path: str
    #: Where the chunk's first record starts (0 for the start of the file).
    offset: int = 0
    #: Records in the chunk (of every type); ``None`` to the end of the file.
    max_records: int | None = None
    #: The file is gzipped as a whole, not a gzip member per record, so
    #: ``offset`` counts decompressed bytes and the worker decompresses up to it.
    gunzip: bool = False


class _NotRecordAligned(Exception):  # noqa: N818 - a signal between two functions, not an error
    """Record starts are not places to seek to: the file is gzipped as a whole."""


def warc_tasks(
    paths: Iterable[str],
    records_per_task: int | None = None,
    *,
    parallelism: int = 2,
) -> list[WarcTask]:
    """Cut ``paths`` into tasks of consecutive records, reading each file once.

    Args:
        paths: WARC files (``.warc``, ``.warc.gz``, either compression).
        records_per_task: Records per task; ``None`` to size tasks from each
            file's size (see :func:`file_tasks`).
        parallelism: Tasks that will run at once (worker threads, Spark cores),
            so that a file is cut into enough tasks to keep them all busy.

    Returns:
        The tasks, in file order, then record order.
    """
    return [
        task
        for path in paths
        for task in file_tasks(path, records_per_task, parallelism=parallelism)
    ]


def file_tasks(
    path: str, records_per_task: int | None = None, *, parallelism: int = 2
) -> list[WarcTask]:
    """Cut one WARC file into tasks of consecutive records.

    Without ``records_per_task``, a chunk is about the file's size over
    ``TASKS_PER_THREAD * parallelism``, between ``MIN_TASK_BYTES`` and
    ``MAX_TASK_BYTES``, and at most ``MAX_RECORDS_PER_TASK`` records.
    """
    if records_per_task is not None and records_per_task < 1:
        raise InputValueError("records_per_task must be at least 1")
    if parallelism < 1:
        raise InputValueError("parallelism must be at least 1")
    with open_warc(path) as stream:
        start = stream.read(len(_WARC_MAGIC))
        size = stream.seek(0, 2)
    if records_per_task is None:
        share = size // (TASKS_PER_THREAD * parallelism)
        task_bytes = min(MAX_TASK_BYTES, max(MIN_TASK_BYTES, share))
        max_records = MAX_RECORDS_PER_TASK
    else:
        task_bytes, max_records = None, records_per_task
    try:
        chunks = list(_chunks(_record_starts(path, gunzip=False), max_records, task_bytes))
        _check_seekable(path, [offset for offset, _ in chunks], start.startswith(_GZIP_MAGIC))
    except _NotRecordAligned:
        starts = list(_record_starts(path, gunzip=True))
        if task_bytes is not None and starts:
            # Offsets count decompressed bytes here: scale the chunk size by
            # the file's own compression ratio, so a chunk holds about the
            # records it would in a file gzipped per record. (Smaller chunks
            # would each decompress the file up to their start for fewer pages.)
            task_bytes = task_bytes * max(1, starts[-1] // max(1, size))
        chunks = list(_chunks(starts, max_records, task_bytes))
        return [WarcTask(path, offset, count, gunzip=True) for offset, count in chunks]
    return [WarcTask(path, offset, count) for offset, count in chunks]


def record_tasks(task: WarcTask) -> list[WarcTask]:
    """Cut a task into one task per record: to find which page kills its worker."""
    positions = _record_starts(task.path, gunzip=task.gunzip, offset=task.offset)
    tasks: list[WarcTask] = []
    for position in positions:
        if task.max_records is not None and len(tasks) >= task.max_records:
            break
        tasks.append(dataclasses.replace(task, offset=position, max_records=1))
    return tasks


def _record_starts(path: str, *, gunzip: bool, offset: int = 0) -> Iterator[int]:
    """Yield where each record starts, in file bytes (decompressed bytes with ``gunzip``)."""
    previous = -1
    for position in record_starts(path, offset=offset, gunzip=gunzip):
        if position <= previous:
            # In a file gzipped as a whole, fastwarc reports how far it has
            # read the compressed stream, the same for records in one block.
            raise _NotRecordAligned
        previous = position
        yield position


def _chunks(
    starts: Iterable[int], max_records: int, task_bytes: int | None
) -> Iterator[tuple[int, int]]:
    """Group record starts into ``(offset, records)`` chunks."""
    first: int | None = None
    count = 0
    for position in starts:
        if first is not None and (
            count >= max_records or (task_bytes is not None and position - first >= task_bytes)
        ):
            yield first, count
            first = None
        if first is None:
            first, count = position, 0
        count += 1
    if first is not None:
        yield first, count


def _check_seekable(path: str, offsets: list[int], gzipped: bool) -> None:  # noqa: FBT001
    """Raise ``_NotRecordAligned`` unless a record (or its gzip member) starts at each offset."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    with open_warc(path) as stream:
        # Reading from the start of the file always works, whatever its compression.
        for offset in offsets:
            if offset == 0:
                continue
            stream.seek(offset)
            if stream.read(len(magic)) != magic:
                raise _NotRecordAligned


def run_task(
    task: WarcTask,
    options: Options | str | None = None,
    timeout: float | None = None,
    *,
    isolate: bool = True,
) -> tuple[list[dict[str, Any]], WarcStats]:
    """Extract one task's records on this worker: the rows and what was read.

    What a Dask task or a Spark partition runs; it needs nothing from the
    cluster. Rows are those of :func:`~crawlextract.warc.extract_warc`.

    Args:
        task: The chunk to read, from :func:`warc_tasks`.
        options: As for :func:`~crawlextract.extract`.
        timeout: Wall-clock seconds one page may take, as for
            :func:`~crawlextract.extract_many`: a page past it has its page
            process killed and its row reports ``PageTimeout``. ``None`` for no limit.
        isolate: Extract each page in this thread's page process (started once,
            reused by later tasks), so a page that crashes or hangs costs only
            its row. ``False`` extracts in this process: a little faster, but a
            crash takes the worker down and ``timeout`` becomes the cooperative
            per-stage budget (``Limits.time_budget``).

    Returns:
        The rows, in record order, and the counts of what was read.
    """
    chosen = resolve_options(options)
    extract: Callable[[HtmlRecord], tuple[dict[str, Any] | None, PageError | None]]
    if isolate:
        runner = page_process(chosen)

        def extract(record: HtmlRecord) -> tuple[dict[str, Any] | None, PageError | None]:
            return runner.extract(record.payload, record.info.url, record.headers, timeout)

    else:
        if timeout is not None and chosen.limits.time_budget is None:
            limits = dataclasses.replace(chosen.limits, time_budget=timeout)
            chosen = chosen.replace(limits=limits)

        def extract(record: HtmlRecord) -> tuple[dict[str, Any] | None, PageError | None]:
            return extract_record(record, chosen)

    stats = WarcStats()
    records = iter_html_records(
        task.path, stats, offset=task.offset, max_records=task.max_records, gunzip=task.gunzip
    )
    rows = [record_row(record, extract) for record in records]
    return rows, stats


def dead_page_rows(task: WarcTask, error: PageError) -> tuple[list[dict[str, Any]], WarcStats]:
    """Rows for a one-record task whose worker died: the record's row with ``error``.

    Reads the record again without extracting it, so its URL and ids are kept.
    """
    stats = WarcStats()
    records = iter_html_records(
        task.path, stats, offset=task.offset, max_records=task.max_records, gunzip=task.gunzip
    )
    return [
        make_row(record.info, None, record.error or error, record.warnings) for record in records
    ], stats
