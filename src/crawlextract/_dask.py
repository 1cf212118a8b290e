"""WARC extraction on a Dask distributed cluster, giving the rows the local engine gives.

The job is split into tasks of one WARC file each, or of ``records_per_task``
records when files are large; each task runs :func:`~crawlextract._warc.warc_rows`
on a Dask worker and returns its rows. The client takes the results back in
task order, holding at most ``window`` finished tasks, so rows come out in the
same order as from :func:`~crawlextract._warc.extract_warc` and memory stays
bounded by the window, not the crawl.

People who already run Dask can submit :func:`warc_tasks` and
:func:`~crawlextract._warc.warc_rows` themselves (e.g. into a ``dask.bag``).
"""

from __future__ import annotations

import importlib
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._exceptions import MissingDependencyError
from ._options import Options, resolve_options
from ._warc import WarcStats, record_offsets, warc_rows

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Tasks submitted ahead of the one being written, per worker thread: two keeps
#: every thread busy while the client writes, and bounds what waits in memory.
_WINDOW_PER_THREAD = 2


@dataclass(frozen=True, slots=True)
class WarcTask:
    """One unit of work: a whole WARC file, or a chunk of its records."""

    #: The WARC file, as the workers will open it.
    path: str
    #: Where the chunk starts in the file (0 for the whole file).
    offset: int = 0
    #: Records in the chunk; ``None`` to the end of the file.
    max_records: int | None = None


def warc_tasks(paths: Iterable[str], records_per_task: int | None = None) -> list[WarcTask]:
    """Split ``paths`` into tasks: one per file, or one per ``records_per_task`` records.

    Chunking reads each file once here, to find where its chunks start.
    """
    tasks: list[WarcTask] = []
    for path in paths:
        if records_per_task is None:
            tasks.append(WarcTask(path))
        else:
            tasks.extend(
                WarcTask(path, offset, records_per_task)
                for offset in record_offsets(path, records_per_task)
            )
    return tasks


def run_task(
    task: WarcTask, options: Options, timeout: float | None
) -> tuple[list[dict[str, Any]], WarcStats]:
    """Run one task on a worker: the rows of its records and what was read."""
    return warc_rows(
        task.path,
        options=options,
        timeout=timeout,
        offset=task.offset,
        max_records=task.max_records,
    )


def extract_warc_dask(  # noqa: PLR0913 - keyword-only knobs of one call
    paths: Iterable[str],
    *,
    options: Options | str | None = None,
    timeout: float | None = None,
    scheduler: str | None = None,
    client: Any = None,
    workers: int | None = None,
    records_per_task: int | None = None,
    stats: WarcStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Extract WARC files on a Dask cluster; yield rows in file and record order.

    Args:
        paths: WARC files, readable by every worker under the same name.
        options: As for :func:`~crawlextract.extract`; sent to the workers.
        timeout: Seconds each stage of one page may take (the cooperative
            ``Limits.time_budget``: Dask workers cannot start processes to kill).
        scheduler: The address of a running scheduler (``tcp://host:8786``).
        client: A ``distributed.Client`` to use instead (not closed here).
        workers: Worker processes of the ``LocalCluster`` started when neither
            ``scheduler`` nor ``client`` is given; ``None`` for one per core.
        records_per_task: Split files into tasks of this many records;
            ``None`` for one task per file.
        stats: Counts of records read and skipped are added to it.

    Yields:
        One row per HTML response record, as :func:`~crawlextract._warc.extract_warc`.
    """
    try:
        # Imported by name: distributed's annotations are partial, so mypy
        # --strict would reject calls into it.
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise MissingDependencyError(
            "dask", "distributed", "dask", feature="the dask engine"
        ) from None
    chosen = resolve_options(options)
    counts = stats if stats is not None else WarcStats()
    owned: list[Any] = []  # what this call started, closed at the end
    if client is None:
        if scheduler is None:
            cluster = distributed.LocalCluster(
                # One single-threaded process per core: extraction holds the GIL.
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                # Any free port: a fixed one clashes with a second cluster on the machine.
                dashboard_address=":0",
            )
            owned.append(cluster)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(scheduler)
        owned.insert(0, client)
    try:
        yield from _run(client, warc_tasks(paths, records_per_task), chosen, timeout, counts)
    finally:
        for resource in owned:
            resource.close()


def _run(
    client: Any,
    tasks: list[WarcTask],
    options: Options,
    timeout: float | None,
    stats: WarcStats,
) -> Iterator[dict[str, Any]]:
    threads = sum(client.nthreads().values()) or 1
    window = _WINDOW_PER_THREAD * threads
    pending: deque[Any] = deque()
    try:
        for task in tasks:
            pending.append(client.submit(run_task, task, options, timeout, pure=False))
            if len(pending) >= window:
                yield from _take(pending.popleft(), stats)
        while pending:
            yield from _take(pending.popleft(), stats)
    finally:
        for future in pending:
            future.cancel()


def _take(future: Any, stats: WarcStats) -> Iterator[dict[str, Any]]:
    rows, task_stats = future.result()
    future.release()
    stats.add(task_stats)
    yield from rows
