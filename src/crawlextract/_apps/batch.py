"""Many pages on all cores: :func:`extract_many`, a streaming pool of worker processes.

Extraction is CPU-bound Python, which threads cannot run in parallel (the GIL),
so pages go to worker *processes*. The pool is our own rather than
``concurrent.futures`` or ``multiprocessing.Pool`` because neither can kill one
stuck worker and carry on: here each worker runs one page at a time, and a page
that outlives its wall-clock limit gets its worker killed and replaced, and is
reported as timed out. Nothing about a page (bad bytes, a backend bug, a
timeout, a crashed worker) ever stops the batch: it becomes that page's
:class:`PageResult` with an :class:`PageError`.

A worker says when it is ready, and only then gets a page, so a page's clock
never includes a worker's start-up (a fork server re-importing everything on a
busy machine can take seconds). Workers die with their parent
(:mod:`._parent_watch`), so a killed batch leaves no processes behind.
"""

from __future__ import annotations

import contextlib
import inspect
import multiprocessing
import os
import pickle
import signal
import threading
import time

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from crawlextract._api import extract
from crawlextract._base.exceptions import (
    InputTypeError,
    InputValueError,
    TimeBudgetExceeded,
    WorkerStartError,
)
from crawlextract._base.headers import Headers

# At run time, not only for type checkers: typing.get_type_hints() resolves the
# annotations of the exported PageInput and extract_many here.
from crawlextract._base.types import OUTPUT_KINDS, HeadersInput, HTMLInput
from crawlextract._base.urls import url_text
from crawlextract._config import Options, resolve_options
from crawlextract._registry import get_extractor

from .parent_watch import ORPHAN_EXIT, close_inherited, die_with_parent

#: Pages dispatched but not yet yielded, per worker, when ``in_flight`` is not
#: given. Room for a few fast pages to finish behind a slow one keeps every
#: worker busy; 4 gave the same throughput as 16 on the benchmark pages while
#: holding a quarter of the results in memory.
_IN_FLIGHT_PER_WORKER = 4

#: Seconds a worker may take to exit after being asked to, before it is killed.
_EXIT_GRACE = 2.0

#: Seconds a new worker may take to say it is ready before the batch gives up
#: with :class:`WorkerStartError`. Start-up is imports (and, under forkserver or
#: spawn, the caller's script again): around a second at most, measured on a
#: 2-core machine at a load average of 12. Hundreds of times that only catches
#: a worker that will never be ready, never a slow one.
_START_TIMEOUT = 300.0

#: A worker's first message: it can take pages now. A page's clock starts when
#: the page is sent, which is only ever to a ready worker.
_READY = b"ready"

#: The name a script's module has while a spawned or fork-server worker
#: imports it again (``multiprocessing.spawn``).
_CHILD_MAIN = "__mp_main__"


@dataclass(frozen=True, slots=True)
class PageInput:
    """One page for :func:`extract_many`, with what :func:`~crawlextract.extract` takes.

    ``html`` and ``headers`` are sent to a worker process, so they must be
    picklable (bytes, str, a dict or a list of pairs are).
    """

    #: The page as downloaded (``bytes``) or decoded (``str``).
    html: HTMLInput
    #: The page URL.
    url: str | None = None
    #: The HTTP response headers.
    headers: HeadersInput = None
    #: Anything the caller wants back on the result (a path, a row id); it stays
    #: in the calling process and is never sent to a worker.
    key: Any = None


@dataclass(frozen=True, slots=True)
class PageError:
    """Why one page of a batch has no result."""

    #: The exception's class name, or ``"PageTimeout"`` / ``"WorkerDied"`` for
    #: pages whose worker had to be replaced.
    type: str
    #: A human-readable message.
    message: str
    #: Whether the page ran out of time (the wall-clock limit or the time budget).
    timed_out: bool = False

    def __str__(self) -> str:
        """Return ``type: message``."""
        return f"{self.type}: {self.message}"


@dataclass(frozen=True, slots=True)
class PageResult:
    """The outcome of one page of :func:`extract_many`: its outputs or its error."""

    #: Position of the page in the input.
    index: int
    #: The page URL, as given.
    url: str | None
    #: :attr:`PageInput.key`, or ``None`` for pages not given as a :class:`PageInput`.
    key: Any
    #: ``Page.to_dict()`` of the page, or ``None`` when it failed.
    page: dict[str, Any] | None
    #: Why the page failed, or ``None``.
    error: PageError | None

    @property
    def ok(self) -> bool:
        """Whether the page was extracted."""
        return self.error is None


#: What ``extract_many`` accepts for one page.
PageLike = PageInput | bytes | str | tuple[Any, str | None] | tuple[Any, str | None, Any]


def extract_many(  # noqa: PLR0913 - keyword-only knobs of one call
    pages: Iterable[PageLike],
    *,
    workers: int | None = None,
    options: Options | str | None = None,
    timeout: float | None = None,
    in_flight: int | None = None,
    start_method: str | None = None,
) -> Iterator[PageResult]:
    """Extract many pages on several cores; yield one result per page, in input order.

    Pages are taken from ``pages`` lazily and at most ``in_flight`` are held at
    once, so an input of any length (a generator over a crawl) runs in bounded
    memory. A page that fails is reported in its result and never stops the batch.

    Args:
        pages: Each item is a page (``bytes`` or ``str``), an ``(html, url)`` or
            ``(html, url, headers)`` tuple, or a :class:`PageInput`.
        workers: Worker processes; ``None`` for one per available core. With
            ``workers=1`` and no ``timeout`` the pages run in this process.
        options: As for :func:`~crawlextract.extract`. It is sent to the workers,
            so it must be picklable: extractors named by their registered name
            always are; extractor *objects* must be importable module-level classes.
        timeout: Wall-clock seconds one page may take in a worker. A page past it
            has its worker killed and replaced and is reported with
            ``error.timed_out``. ``None`` for no limit.
        in_flight: Pages read ahead of the one to be yielded next; default
            ``4 * workers``. Bounds memory.
        start_method: The :mod:`multiprocessing` start method; ``None`` for
            ``fork`` while this process is single-threaded (fast, and safe
            then) and ``forkserver`` otherwise.

    Yields:
        One :class:`PageResult` per input item, in input order.

    Under the ``forkserver`` and ``spawn`` start methods every worker imports
    the calling script again, so a script must call this under
    ``if __name__ == "__main__":``; without the guard the batch raises
    :class:`WorkerStartError` instead of running.

    Raises:
        InputTypeError: ``options`` is not an Options or preset name, or cannot be pickled.
        InputValueError: ``workers``, ``timeout`` or ``in_flight`` is not positive.
        UnknownExtractorError: an extractor name is not registered (raised before any work).
        MissingDependencyError: a chosen extractor's optional package is missing.
        WorkerStartError: a worker process could not start (raised while
            iterating), or this call is a worker importing a script that has
            no ``__main__`` guard.

    .. versionadded:: 0.1
    """
    _refuse_inside_a_worker_import()
    chosen = _checked_options(options)
    count = _worker_count(workers)
    if timeout is not None and timeout <= 0:
        raise InputValueError("timeout must be positive or None")
    limit = in_flight if in_flight is not None else _IN_FLIGHT_PER_WORKER * count
    if limit < 1:
        raise InputValueError("in_flight must be at least 1")
    if count == 1 and timeout is None:
        # Nothing to enforce and nothing to parallelise: skip the process hop.
        return _run_in_process(pages, chosen)
    pool = _Pool(start_method, count, chosen, timeout)
    return pool.run(iter(pages), limit)


def _refuse_inside_a_worker_import() -> None:
    """Raise if this call comes from a script's top level while a worker imports it.

    That is a script without a ``__main__`` guard, re-run by a spawned or
    fork-server worker: left alone, every worker would start a batch of its
    own (or, under forkserver, fail to) and the real batch would see only
    dead or late workers.
    """
    frame = inspect.currentframe()
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == _CHILD_MAIN:
            raise WorkerStartError(
                "extract_many was called while a worker process was importing the "
                "calling script: put the code that calls it under "
                "'if __name__ == \"__main__\":'"
            )
        frame = frame.f_back


def _context(start_method: str | None) -> BaseContext:
    """Return the multiprocessing context to start the next worker with."""
    if start_method is not None:
        return multiprocessing.get_context(start_method)
    # "fork" starts a worker in milliseconds with every module already
    # imported; "forkserver" costs a server start (about a second here) and
    # then about half a second per worker to import crawlextract again, which
    # on a few hundred pages is most of the gain of a second core. But forking
    # a process that has other threads (a tqdm monitor, pyarrow's pool, a Dask
    # client, the caller's own) can copy a lock held by one of them into the
    # child, where nothing will ever release it: a hang, the one outcome this
    # pool exists to prevent. So fork only while the process is provably
    # single-threaded, counting OS threads (native ones too) in /proc, and
    # decide again for every worker, since replacements start mid-run when
    # such threads may have appeared. Otherwise forkserver forks workers from
    # a clean single-threaded server (spawn where there is none). Like spawn,
    # forkserver needs the caller's script to guard its entry point with
    # ``if __name__ == "__main__"``.
    if _single_threaded():
        return multiprocessing.get_context("fork")
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _single_threaded() -> bool:
    # Only Linux exposes the thread list like this; elsewhere fork is either
    # missing or (macOS) unsafe with system frameworks, so never choose it.
    try:
        return len(list(Path("/proc/self/task").iterdir())) == 1
    except OSError:
        return False


def _checked_options(options: Options | str | None) -> Options:
    chosen = resolve_options(options)
    # Fail once, here, rather than once per page in every worker.
    for kind in OUTPUT_KINDS:
        get_extractor(kind, getattr(chosen, kind))
    try:
        pickle.dumps(chosen)
    except Exception as error:  # any pickling failure means the same thing here
        raise InputTypeError(
            "options must be picklable to reach the worker processes; name extractors "
            f"by their registered names instead of passing objects ({error!r})"
        ) from error
    return chosen


def _worker_count(workers: int | None) -> int:
    if workers is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    if not isinstance(workers, int) or workers < 1:
        raise InputValueError(f"workers must be a positive int or None, not {workers!r}")
    return workers


def _as_input(item: object) -> PageInput:
    if isinstance(item, PageInput):
        return item
    if isinstance(item, (bytes, bytearray, memoryview, str)):
        return PageInput(item)
    if isinstance(item, tuple) and len(item) in (2, 3):
        return PageInput(*item)
    raise InputTypeError(
        "each page must be bytes, str, (html, url), (html, url, headers) or a PageInput, "
        f"not {type(item).__name__}"
    )


def extract_dict(
    html: HTMLInput, url: str | None, headers: HeadersInput, options: Options
) -> dict[str, Any]:
    """Extract one page and compute every output: what a worker does per page."""
    page: dict[str, Any] = extract(html, url, headers, options=options).to_dict()
    return page


def extract_or_error(
    html: HTMLInput, url: str | None, headers: HeadersInput, options: Options
) -> tuple[dict[str, Any] | None, PageError | None]:
    """Extract one page as a worker does: its outputs, or the error that stopped it."""
    try:
        return extract_dict(html, url, headers, options), None
    except Exception as error:  # noqa: BLE001 - the page's error, reported on its result
        return None, page_error(error)


def page_error(error: BaseException) -> PageError:
    """Describe the exception that stopped a page."""
    return PageError(
        type(error).__name__, str(error), timed_out=isinstance(error, TimeBudgetExceeded)
    )


def _run_in_process(pages: Iterable[PageLike], options: Options) -> Iterator[PageResult]:
    for index, item in enumerate(pages):
        url: str | None = None
        key: Any = None
        try:
            page = _as_input(item)
            url, key = page.url, page.key
            result = extract_dict(page.html, page.url, page.headers, options)
        except Exception as error:  # noqa: BLE001 - reported on the page's result
            yield PageResult(index, url, key, None, page_error(error))
        else:
            yield PageResult(index, url, key, result, None)


def _worker_main(
    conn: Connection,
    options: Options,
    inherited: list[Connection],
    parent_pid: int | None,
    death_signal: bool,  # noqa: FBT001 - a process target's positional arguments
) -> None:
    """Run in a worker process: say it is ready, then extract pages until told to stop."""
    close_inherited(inherited)
    # Ctrl-C goes to the whole process group; the parent decides what happens
    # to the workers, so they must not die mid-page with a KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(conn, parent_pid, death_signal=death_signal)
    _send_or_exit(conn, _READY)
    while True:
        try:
            message = conn.recv_bytes()
        except EOFError:
            return
        if not message:
            return
        index, html, url, headers = pickle.loads(message)  # noqa: S301 - from our parent
        reply = (index, *extract_or_error(html, url, headers, options))
        _send_or_exit(conn, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _send_or_exit(conn: Connection, message: bytes) -> None:
    """Send ``message`` to the parent, or exit quietly if the parent is gone.

    A channel that refuses a write has lost its other end: the parent was
    killed (or gave up on this worker) before this ready message or reply.
    That is the case :mod:`._parent_watch` exits for; here it would otherwise
    end the worker with a ``BrokenPipeError`` traceback on the batch's stderr.
    """
    try:
        conn.send_bytes(message)
    except OSError:
        os._exit(ORPHAN_EXIT)


class _Worker:
    """One worker process, its pipe, and the page it is on."""

    __slots__ = ("conn", "index", "method", "process", "ready", "started")

    def __init__(self, start_method: str | None, options: Options, siblings: list[_Worker]) -> None:
        context = _context(start_method)
        self.method: str = context.get_start_method()
        parent_end, child_end = context.Pipe(duplex=True)
        forked = self.method == "fork"
        # A forked child holds copies of every open channel end; the ones on
        # this side must be closed there, or the child never sees this
        # process go. Spawned and fork-server children inherit none.
        inherited = [parent_end, *(sibling.conn for sibling in siblings)] if forked else []
        # A fork server's main thread forks its workers and lives as long as
        # the server; here, only the main thread is sure to outlive the pool.
        death_signal = (
            self.method == "forkserver" or threading.current_thread() is threading.main_thread()
        )
        parent_pid = None if self.method == "forkserver" else os.getpid()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child_end, options, inherited, parent_pid, death_signal),
            daemon=True,
        )
        try:
            self.process.start()
        except (OSError, EOFError) as error:  # no process, or a fork server that died
            parent_end.close()
            raise WorkerStartError(f"could not start a worker process: {error!r}") from error
        finally:
            child_end.close()
        self.conn: Connection = parent_end
        self.index: int | None = None
        self.ready = False
        # The start-up clock until the worker is ready, then each page's clock.
        self.started = time.monotonic()

    def hear_ready(self) -> None:
        """Read the worker's ready message, which has arrived or will never come.

        Raises:
            WorkerStartError: the process exited before it was ready.
        """
        try:
            message = self.conn.recv_bytes() if self.conn.poll() else None
        except (EOFError, OSError):
            message = None
        if message != _READY:
            self.process.join(_EXIT_GRACE)
            raise WorkerStartError(self._start_failure())
        self.ready = True

    def _start_failure(self) -> str:
        message = f"a worker process exited with code {self.process.exitcode} before it was ready"
        if self.method == "fork":
            return message
        return (
            f"{message}; under the {self.method!r} start method each worker imports the "
            "calling script again, so a script that calls extract_many must do so under "
            "'if __name__ == \"__main__\":' (the worker's own error is on stderr)"
        )

    def send(self, index: int, payload: bytes) -> None:
        self.conn.send_bytes(payload)
        self.index = index
        self.started = time.monotonic()

    def stop(self) -> None:
        """Ask the process to exit; kill it if it does not."""
        with contextlib.suppress(OSError):  # already gone
            self.conn.send_bytes(b"")
        self.process.join(_EXIT_GRACE)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    """Worker processes that take one page at a time; stuck ones are replaced.

    One pool serves one :meth:`run`: it holds that run's bookkeeping.
    """

    def __init__(
        self, start_method: str | None, count: int, options: Options, timeout: float | None
    ) -> None:
        self._start_method = start_method
        self._count = count
        self._options = options
        self._timeout = timeout
        self._workers: list[_Worker] = []
        # index -> (url, key) of the pages out at a worker; index -> finished results.
        self._sent: dict[int, tuple[str | None, Any]] = {}
        self._done: dict[int, PageResult] = {}
        self._next_index = 0  # the next page to read from the input
        self._next_yield = 0  # the next result to hand out
        self._exhausted = False

    def run(self, pages: Iterator[PageLike], limit: int) -> Iterator[PageResult]:
        """Yield the results of ``pages`` in order, with at most ``limit`` held.

        Raises:
            WorkerStartError: a worker exited, or was not ready in time, before
                taking a page.
        """
        try:
            for _ in range(self._count):
                self._workers.append(self._new_worker())
            while True:
                self._fill(pages, limit)
                while self._next_yield in self._done:
                    yield self._done.pop(self._next_yield)
                    self._next_yield += 1
                busy = [worker for worker in self._workers if worker.index is not None]
                starting = [worker for worker in self._workers if not worker.ready]
                if busy or (starting and not self._exhausted):
                    self._collect(busy, starting)
                elif self._exhausted:
                    # Nothing is out, so every page read has been yielded.
                    return
        finally:
            for worker in self._workers:
                if worker.index is None:
                    worker.stop()
                else:  # abandoned mid-page (the caller stopped iterating)
                    worker.kill()

    def _fill(self, pages: Iterator[PageLike], limit: int) -> None:
        """Hand pages to idle workers while there is room to hold their results."""
        for position in range(len(self._workers)):
            while (
                self._workers[position].ready
                and self._workers[position].index is None
                and not self._exhausted
                and self._next_index - self._next_yield < limit
            ):
                try:
                    item = next(pages)
                except StopIteration:
                    self._exhausted = True
                    return
                index = self._next_index
                self._next_index += 1
                self._dispatch(position, index, item)

    def _dispatch(self, position: int, index: int, item: PageLike) -> None:
        """Send one page to a worker, or record its result at once if it cannot be sent."""
        url: str | None = None
        key: Any = None
        try:
            page = _as_input(item)
            url, key = page.url, page.key
            # Clients' own objects (aiohttp's CIMultiDictProxy, httpx's URL) may not
            # pickle: the worker gets the plain pairs and the URL's text instead.
            headers = None if page.headers is None else Headers(page.headers).items()
            payload = pickle.dumps(
                (index, page.html, url_text(page.url), headers), protocol=pickle.HIGHEST_PROTOCOL
            )
        except Exception as error:  # noqa: BLE001 - an unusable item is that page's error
            self._done[index] = PageResult(index, url, key, None, page_error(error))
            return
        self._sent[index] = (url, key)
        worker = self._workers[position]
        try:
            worker.send(index, payload)
        except OSError:  # the worker died while idle
            self._died(position, index)

    def _collect(self, busy: list[_Worker], starting: list[_Worker]) -> None:
        """Wait for a result, a ready or dead worker, or the next timeout; record what happened."""
        deadlines = [worker.started + _START_TIMEOUT for worker in starting]
        if self._timeout is not None:
            deadlines += [worker.started + self._timeout for worker in busy]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        watched = busy + starting
        ready = wait(
            [worker.conn for worker in watched] + [worker.process.sentinel for worker in watched],
            wait_for,
        )
        now = time.monotonic()
        for position, worker in enumerate(self._workers):
            signalled = worker.conn in ready or worker.process.sentinel in ready
            if not worker.ready:
                if signalled:
                    worker.hear_ready()
                elif now - worker.started >= _START_TIMEOUT:
                    message = f"a worker process was not ready after {_START_TIMEOUT:g} s"
                    raise WorkerStartError(message)
                continue
            index = worker.index
            if index is None:
                continue
            if signalled:
                reply = _receive(worker)
                if reply is None:
                    self._died(position, index)
                    continue
                _, page, error = reply
                url, key = self._sent.pop(index)
                self._done[index] = PageResult(index, url, key, page, error)
                worker.index = None
            elif self._timeout is not None and now - worker.started >= self._timeout:
                url, key = self._sent.pop(index)
                message = f"no result within {self._timeout:g} s; the worker was replaced"
                error = PageError("PageTimeout", message, timed_out=True)
                self._done[index] = PageResult(index, url, key, None, error)
                self._replace(position)

    def _died(self, position: int, index: int) -> None:
        """Record that the worker at ``position`` died on page ``index``; replace it."""
        process = self._workers[position].process
        process.join(_EXIT_GRACE)
        url, key = self._sent.pop(index)
        message = f"the worker process exited with code {process.exitcode} while on this page"
        self._done[index] = PageResult(index, url, key, None, PageError("WorkerDied", message))
        self._replace(position)

    def _replace(self, position: int) -> None:
        self._workers[position].kill()
        others = self._workers[:position] + self._workers[position + 1 :]
        self._workers[position] = self._new_worker(others)

    def _new_worker(self, siblings: list[_Worker] | None = None) -> _Worker:
        """Start a worker; ``siblings`` are the other live workers (all of them by default)."""
        return _Worker(
            self._start_method, self._options, self._workers if siblings is None else siblings
        )


def _receive(worker: _Worker) -> tuple[int, dict[str, Any] | None, PageError | None] | None:
    """Read a worker's reply, or ``None`` if it died without sending one."""
    try:
        if not worker.conn.poll():
            return None
        reply: tuple[int, dict[str, Any] | None, PageError | None] = pickle.loads(  # noqa: S301 - from our worker
            worker.conn.recv_bytes()
        )
    except (EOFError, OSError):
        return None
    return reply
