"""How SIGINT and SIGTERM stop a long command: one rule for ``batch`` and ``warc``.

While :meth:`StopSignals.installed` is in effect, either signal raises
:class:`Stopped` (a ``KeyboardInterrupt``, so no page handler catches it), and
the command ends with status ``128 + signal`` after saying what it kept. A
signal that arrives inside :meth:`StopSignals.held` waits until the body is
done, so a row is never half written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType

#: The signals that stop a command.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM stopped the command; :attr:`signum` says which."""

    def __init__(self, signum: int) -> None:
        """Remember the signal."""
        super().__init__(signal.Signals(signum).name)
        #: The signal that arrived.
        self.signum = signum


def stop_signal(stop: KeyboardInterrupt) -> signal.Signals:
    """The signal behind ``stop``; a plain ``KeyboardInterrupt`` is SIGINT."""
    return signal.Signals(stop.signum if isinstance(stop, Stopped) else signal.SIGINT)


def stop_status(stop: KeyboardInterrupt) -> int:
    """The exit status for a command stopped by ``stop``: 128 plus the signal number."""
    return 128 + stop_signal(stop)


class StopSignals:
    """Turns SIGINT and SIGTERM into :class:`Stopped`, held while a row is written."""

    def __init__(self) -> None:
        """Hold nothing yet."""
        #: The signal that stopped the run, or ``None``.
        self.received: int | None = None
        self._holding = False
        self._owner = os.getpid()

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Install the handlers for the body (only the main thread can; elsewhere, do nothing)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous: dict[int, Any] = {}
        for stop in STOP_SIGNALS:
            previous[stop] = signal.signal(stop, self._handle)
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if os.getpid() != self._owner:
            # A forked worker inherits this handler: it should die of the
            # signal, as it would have, not unwind with a traceback.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self.received = signum
        if not self._holding:
            raise Stopped(signum)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold signals for the body; raise :class:`Stopped` after it if one came."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self.received is not None:
            raise Stopped(self.received)
