"""Worker processes that die with their parent, whatever kills it.

A worker waits for pages on its end of a socket pair, so it sees its parent go
when that pair reports end-of-file. That only happens if no other process still
holds the parent's end: a forked worker inherits its parent's end of its own
channel, and the ends of every sibling started before it, so each worker closes
those first (:func:`close_inherited`). A worker busy on a page does not read
its channel, so two more guards cover that time (:func:`die_with_parent`): on
Linux the kernel's parent-death signal, and everywhere a watchdog thread that
notices the channel's end-of-file or a change of parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from multiprocessing.connection import Connection

#: ``prctl`` option that asks the kernel to signal this process when its
#: parent thread exits (``<linux/prctl.h>``).
_PR_SET_PDEATHSIG = 1

#: Seconds between the watchdog's checks. A once-a-second wake-up costs
#: nothing measurable, and an orphan outlives its parent by at most this.
WATCH_INTERVAL = 1.0

#: Exit status of a worker that found its parent gone.
ORPHAN_EXIT = 70


def close_inherited(connections: Iterable[Connection]) -> None:
    """Close channel ends this (forked) process inherited but must not hold."""
    for connection in connections:
        with contextlib.suppress(OSError):
            connection.close()


def die_with_parent(channel: Connection, parent_pid: int | None, *, death_signal: bool) -> None:
    """Make this worker exit when the process that started it is gone.

    Args:
        channel: The worker's end of its channel to the parent.
        parent_pid: The pid this process's parent must have; if it already has
            another, the parent died before this call and the worker exits now.
            ``None`` takes the current parent (a fork server, whose pid the
            process that asked for this worker does not know).
        death_signal: Whether to ask for Linux's parent-death signal. The
            kernel sends it when the *thread* that started this process exits,
            so it is only safe when that thread lives as long as its process.
    """
    if death_signal:
        ask_for_death_signal()
    expected = os.getppid() if parent_pid is None else parent_pid
    if os.getppid() != expected:  # gone before the signal was armed
        os._exit(ORPHAN_EXIT)
    watchdog = threading.Thread(
        target=_watch, args=(channel, expected), name="crawlextract-parent-watch", daemon=True
    )
    watchdog.start()


def ask_for_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    # No other OS has an equivalent; a C library without prctl (or a sandbox
    # that refuses it) leaves the watchdog alone to do the job.
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(channel: Connection, parent_pid: int) -> None:
    peer = _peer_socket(channel)
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent_pid or (peer is not None and _closed(peer)):
            os._exit(ORPHAN_EXIT)


def _peer_socket(channel: Connection) -> socket.socket | None:
    # A second handle on the channel's socket, to peek at without reading:
    # the parent never writes while the worker is busy, and a peek consumes
    # nothing, so this cannot steal a page from the worker's own loop.
    if os.name != "posix" or not hasattr(socket, "MSG_DONTWAIT"):
        return None
    if socket.getdefaulttimeout() is not None:
        # A socket made with a default timeout would switch the shared file
        # description to non-blocking, under the worker's own reads.
        return None
    try:
        return socket.socket(fileno=os.dup(channel.fileno()))
    except OSError:
        return None


def _closed(peer: socket.socket) -> bool:
    """Whether the other end of ``peer`` has closed (end-of-file, not just no data)."""
    try:
        data = peer.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return data == b""
