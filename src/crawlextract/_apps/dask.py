"""WARC extraction on a Dask distributed cluster, giving the rows the local engine gives.

The job runs in three kinds of task, all on the workers (the client never
opens a WARC file, so it needs no access to them):

1. one planning task per file (:func:`~crawlextract._apps.warc.tasks.file_tasks`)
   cuts it into chunks of records, sized from the file so every worker gets
   several;
2. one task per chunk (:func:`~crawlextract._apps.warc.tasks.run_task`) extracts
   its pages, each in the worker's page process, and returns the rows;
3. should a chunk's task fail anyway (its worker died: ``KilledWorker``), the
   chunk is run again one record per task, and a record whose task fails
   twice (the second time alone) becomes that page's error row. The job never
   fails for a page.

The client submits chunks a few per worker thread ahead of the one it is
writing and takes the results back in task order, so rows come out in the
order of :func:`~crawlextract._apps.warc.jobs.extract_warc`, and memory (client and
workers alike) is bounded by a few chunks, not by the files.

People who already run Dask can submit :func:`~crawlextract._apps.warc.tasks.warc_tasks`
and :func:`~crawlextract._apps.warc.tasks.run_task` themselves (e.g. into a ``dask.bag``).
"""

from __future__ import annotations

import importlib
from collections import deque

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from collections.abc import Iterable, Iterator
from typing import Any

from crawlextract._base.exceptions import MissingDependencyError
from crawlextract._config import Options, resolve_options

from .batch import PageError
from .warc.jobs import WarcStats
from .warc.tasks import WarcTask, dead_page_rows, file_tasks, record_tasks, run_task

#: Chunks submitted ahead of the one being written, per worker thread: two keeps
#: every thread busy while the client writes, and bounds what waits in memory
#: (a finished chunk's rows wait on its worker until the client takes them).
_WINDOW_PER_THREAD = 2

#: Scheduler settings of a cluster we start. Dask's default lets a task's
#: worker die three times before it gives up (``KilledWorker``), so one bad page
#: would kill four workers: we give up at once and isolate the chunk's pages
#: instead. A worker's death also fails the tasks queued on it, so each worker
#: thread is sent one task at a time where Dask allows (saturation 1.0), and a
#: record that failed is tried once more before it counts as the culprit.
_CLUSTER_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.scheduler.worker-saturation": 1.0,
}


def extract_warc_dask(  # noqa: PLR0913 - keyword-only knobs of one call
    paths: Iterable[str],
    *,
    options: Options | str | None = None,
    timeout: float | None = None,
    scheduler: str | None = None,
    client: Any = None,
    workers: int | None = None,
    records_per_task: int | None = None,
    isolate: bool = True,
    stats: WarcStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Extract WARC files on a Dask cluster; yield rows in file and record order.

    Args:
        paths: WARC files, readable by every worker under the same name.
        options: As for :func:`~crawlextract.extract`; sent to the workers.
        timeout: Wall-clock seconds one page may take, as on the local engine:
            a page past it has its page process killed, and reports ``PageTimeout``.
        scheduler: The address of a running scheduler (``tcp://host:8786``).
        client: A ``distributed.Client`` to use instead (not closed here).
        workers: Worker processes of the ``LocalCluster`` started when neither
            ``scheduler`` nor ``client`` is given; ``None`` for one per core.
        records_per_task: Records per task; ``None`` to size tasks from each
            file's size so that every worker gets several.
        isolate: Extract pages in a page process per worker thread (see
            :func:`~crawlextract.warc.run_task`); ``False`` to extract in the
            worker itself, where a crash costs the worker (and then its chunk
            is retried a record at a time).
        stats: Counts of records read and skipped are added to it.

    Yields:
        One row per HTML response record, as :func:`~crawlextract._apps.warc.jobs.extract_warc`.
    """
    try:
        # Imported by name: distributed's annotations are partial, so mypy
        # --strict would reject calls into it.
        distributed: Any = importlib.import_module("distributed")
        dask: Any = importlib.import_module("dask")
    except ImportError:
        raise MissingDependencyError(
            "dask", "distributed", "dask", feature="the dask engine"
        ) from None
    job = _Job(resolve_options(options), timeout, records_per_task, isolate=isolate)
    counts = stats if stats is not None else WarcStats()
    owned: list[Any] = []  # what this call started, closed at the end
    if client is None:
        if scheduler is None:
            with dask.config.set(_CLUSTER_CONFIG):
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
        yield from job.run(client, list(paths), counts)
    finally:
        for resource in owned:
            resource.close()


class _Job:
    """One extraction job's settings, and how it runs on a client."""

    def __init__(
        self,
        options: Options,
        timeout: float | None,
        records_per_task: int | None,
        *,
        isolate: bool,
    ) -> None:
        self.options = options
        self.timeout = timeout
        self.records_per_task = records_per_task
        self.isolate = isolate

    def run(self, client: Any, paths: list[str], stats: WarcStats) -> Iterator[dict[str, Any]]:
        """Plan every file, run its chunks a window at a time, yield rows in order."""
        threads = sum(client.nthreads().values()) or 1
        window = _WINDOW_PER_THREAD * threads
        # Planning is quick (a read of the file without HTTP parsing), so every
        # file's plan is asked for at once, and chunks start as plans arrive.
        plans = deque(
            client.submit(file_tasks, path, self.records_per_task, parallelism=threads, pure=False)
            for path in paths
        )
        pending: deque[tuple[WarcTask, Any]] = deque()
        try:
            while plans:
                plan = plans.popleft()
                tasks: list[WarcTask] = plan.result()
                plan.release()
                for task in tasks:
                    pending.append((task, self._submit(client, task)))
                    if len(pending) >= window:
                        yield from self._take(client, *pending.popleft(), stats)
            while pending:
                yield from self._take(client, *pending.popleft(), stats)
        finally:
            for future in plans:
                future.cancel()
            for _, future in pending:
                future.cancel()

    def _submit(self, client: Any, task: WarcTask) -> Any:
        return client.submit(
            run_task, task, self.options, self.timeout, isolate=self.isolate, pure=False
        )

    def _take(
        self, client: Any, task: WarcTask, future: Any, stats: WarcStats
    ) -> Iterator[dict[str, Any]]:
        try:
            rows, task_stats = future.result()
        except Exception:  # noqa: BLE001 - KilledWorker, or anything else: isolate its pages
            future.release()
            yield from self._isolated(client, task, stats)
            return
        future.release()
        stats.add(task_stats)
        yield from rows

    def _isolated(self, client: Any, task: WarcTask, stats: WarcStats) -> Iterator[dict[str, Any]]:
        """Run a failed chunk a record per task; a record that fails twice is an error row."""
        # Finding the records reads the chunk without extracting anything. If
        # that fails too, the archive itself is broken there: the error is the job's.
        singles: list[WarcTask] = client.submit(record_tasks, task, pure=False).result()
        futures = [self._submit(client, single) for single in singles]
        results: list[tuple[list[dict[str, Any]], WarcStats] | None] = []
        try:
            for future in futures:
                try:
                    results.append(future.result())
                except Exception:  # noqa: BLE001 - tried again below
                    results.append(None)
                future.release()
        finally:
            for future in futures:
                future.cancel()
        for position, single in enumerate(singles):
            if results[position] is None:
                # Once more, after its neighbours are done: Dask may have queued
                # a record on the worker that another record killed, and such a
                # bystander succeeds now. A record that fails again is the culprit.
                results[position] = self._retried(client, single)
        for result in results:
            if result is not None:
                stats.add(result[1])
                yield from result[0]

    def _retried(self, client: Any, single: WarcTask) -> tuple[list[dict[str, Any]], WarcStats]:
        future = self._submit(client, single)
        try:
            return future.result()  # type: ignore[no-any-return]
        except Exception as error:  # noqa: BLE001 - the record's error goes in its row
            return client.submit(  # type: ignore[no-any-return]
                dead_page_rows, single, _task_error(error), pure=False
            ).result()
        finally:
            future.release()


def _task_error(error: Exception) -> PageError:
    """Describe why a one-record task failed, as the local engine would."""
    if type(error).__name__ == "KilledWorker":
        return PageError("WorkerDied", "the Dask worker process died while on this page")
    return PageError(type(error).__name__, str(error))
