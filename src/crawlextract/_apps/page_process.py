"""A page process: extraction in a child process that can be killed, for cluster workers.

Dask and Spark run tasks inside their own worker processes, which may not
start ``multiprocessing`` children (Dask's are daemonic) and which the
cluster, not crawlextract, restarts when they die. So on a cluster a page is
extracted in a child started with :mod:`subprocess` (allowed everywhere): the
task's thread sends it one page at a time over a socket and waits at most the
page's wall-clock limit. A page past the limit gets the child killed and
replaced and reports ``PageTimeout``; a page that crashes the child (a C
library's segfault, ``os._exit``, the OOM killer) reports ``WorkerDied``. Both
are the errors and messages of the local engine (:func:`~crawlextract.extract_many`),
so ``--timeout`` means the same on every engine.

The child is started once per worker thread and reused by later tasks, so its
start-up (a Python interpreter importing crawlextract, about half a second)
is paid once, not per task. It dies with its parent: it asks Linux for
``SIGKILL`` when the parent goes (``PR_SET_PDEATHSIG``), and otherwise exits
when the parent's end of the socket closes.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import weakref
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from crawlextract._base.exceptions import CrawlextractError

from .batch import PageError, extract_or_error
from .parent_watch import ask_for_death_signal

if TYPE_CHECKING:
    from crawlextract._config import Options


#: Seconds a child that was told to stop may take to exit before it is killed.
_EXIT_GRACE = 2.0

#: Seconds a new child may take to start Python and import crawlextract (about
#: half a second when idle; far more on a machine running other jobs).
_START_LIMIT = 120.0

#: What a child sends once it is ready for pages.
_READY = b"ready"

#: What the child runs: a fresh interpreter, so nothing of the worker's threads
#: or locks is inherited (which forking a threaded worker would risk).
_CHILD_CODE = (
    "import sys; from crawlextract._apps.page_process import child_main; child_main(sys.argv[1:])"
)

_local = threading.local()


def page_process(options: Options) -> PageProcess:
    """Return this thread's page process for ``options``, starting it if needed."""
    blob = pickle.dumps(options, protocol=pickle.HIGHEST_PROTOCOL)
    current: PageProcess | None = getattr(_local, "process", None)
    if current is None or current.options_blob != blob:
        if current is not None:
            current.stop()
        current = PageProcess(blob)
        _local.process = current
    return current


class PageProcess:
    """One child process that extracts pages one at a time; replaced when it dies or overruns."""

    def __init__(self, options_blob: bytes) -> None:
        """Hold the pickled options; the child starts at the first page."""
        #: The pickled :class:`~crawlextract.Options` the child extracts with.
        self.options_blob = options_blob
        self._child: _Child | None = None

    def extract(
        self, html: bytes, url: str | None, headers: Any, timeout: float | None
    ) -> tuple[dict[str, Any] | None, PageError | None]:
        """Extract one page in the child: its ``Page.to_dict()`` or why it has none.

        Raises:
            CrawlextractError: a new child could not start (crawlextract or an
                extractor of the options cannot be imported by it).
        """
        message = pickle.dumps((html, url, headers), protocol=pickle.HIGHEST_PROTOCOL)
        child = self._send(message)
        if not child.conn.poll(timeout):
            self._child = None
            child.kill()
            text = f"no result within {timeout:g} s; the worker was replaced"
            return None, PageError("PageTimeout", text, timed_out=True)
        try:
            reply: tuple[dict[str, Any] | None, PageError | None] = pickle.loads(  # noqa: S301 - from our child
                child.conn.recv_bytes()
            )
        except (EOFError, OSError):
            self._child = None
            text = f"the worker process exited with code {child.kill()} while on this page"
            return None, PageError("WorkerDied", text)
        return reply

    def stop(self) -> None:
        """Close the child's socket, which makes it exit; kill it if it does not."""
        child, self._child = self._child, None
        if child is not None:
            child.stop()

    def _send(self, message: bytes) -> _Child:
        """Send a page to a live child, starting one if there is none."""
        child = self._child
        if child is not None and child.alive():
            with contextlib.suppress(OSError):  # it died idle: start another
                child.conn.send_bytes(message)
                return child
            child.kill()
        child = self._child = _Child(self.options_blob)
        child.conn.send_bytes(message)
        return child


class _Child:
    """A started child process and this process's end of its socket.

    Stopped when it is garbage-collected or the interpreter exits, whichever
    comes first, so no child outlives the task thread's use of it unreaped.
    """

    def __init__(self, options_blob: bytes) -> None:
        ours, theirs = socket.socketpair()
        # The child imports what this process imports: the same sys.path,
        # including folders added at run time (a test folder, a job's code).
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(entry for entry in sys.path if entry)}
        command = [sys.executable, "-c", _CHILD_CODE, str(theirs.fileno()), str(os.getpid())]
        with theirs:
            self.popen = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env
            )
        self.conn = Connection(ours.detach())
        self._finalizer = weakref.finalize(self, _shut, self.popen, self.conn)
        self.conn.send_bytes(options_blob)
        # Wait until the child has imported crawlextract, so that a page's
        # wall-clock limit never includes an interpreter's start-up.
        try:
            if self.conn.poll(_START_LIMIT) and self.conn.recv_bytes() == _READY:
                return
        except (EOFError, OSError):
            pass
        code = self.kill()
        raise CrawlextractError(
            f"the page process did not start (exit code {code}):"
            f" can {sys.executable} import crawlextract and the extractors in the options?"
        )

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.popen.poll() is None

    def stop(self) -> None:
        """Close the socket, which makes the child exit; kill it if it does not."""
        self._finalizer()

    def kill(self) -> int:
        """Kill the child (if alive) and reap it; return its exit code."""
        self._finalizer.detach()
        self.conn.close()
        if self.alive():
            self.popen.kill()
        return self.popen.wait()


def _shut(popen: subprocess.Popen[bytes], conn: Connection) -> None:
    conn.close()
    try:
        popen.wait(_EXIT_GRACE)
    except subprocess.TimeoutExpired:
        popen.kill()
        popen.wait()


def child_main(argv: list[str]) -> None:
    """Run in the child: extract each page received until the socket closes."""
    descriptor, parent = int(argv[0]), int(argv[1])
    # Ctrl-C reaches the whole process group; the parent decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    conn = Connection(descriptor)
    options = pickle.loads(conn.recv_bytes())  # noqa: S301 - from our parent
    conn.send_bytes(_READY)
    while True:
        try:
            message = conn.recv_bytes()
        except EOFError:
            return
        html, url, headers = pickle.loads(message)  # noqa: S301 - from our parent
        reply = extract_or_error(html, url, headers, options)
        conn.send_bytes(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _die_with_parent(parent: int) -> None:
    """Ask for SIGKILL when the parent dies (Linux), and exit if it already has."""
    ask_for_death_signal()
    if os.getppid() != parent:
        os._exit(0)
