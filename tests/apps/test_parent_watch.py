import multiprocessing
import os
import sys

import pytest

from crawlextract._apps.parent_watch import _closed, _peer_socket


@pytest.mark.skipif(os.name != "posix", reason="the channel is a socket pair on POSIX")
def test_peek_tells_end_of_file_from_no_data_and_consumes_nothing():
    """The watchdog's check: open channel is not closed, pending data is kept, EOF is seen."""
    parent_end, child_end = multiprocessing.Pipe(duplex=True)
    try:
        peer = _peer_socket(child_end)
        assert peer is not None
        with peer:
            assert not _closed(peer)
            parent_end.send_bytes(b"page")
            assert not _closed(peer)
            assert child_end.recv_bytes() == b"page"  # the peek took nothing away
            parent_end.close()
            assert _closed(peer)
    finally:
        child_end.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_death_signal_is_armed_in_the_worker():
    """On Linux, die_with_parent asks for SIGKILL on the parent's death (PR_GET_PDEATHSIG)."""
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe(duplex=True)
    process = context.Process(target=_report_death_signal, args=(child_end, os.getpid()))
    process.start()
    child_end.close()
    try:
        assert parent_end.recv() == 9  # SIGKILL
    finally:
        process.join(10)
        parent_end.close()


def _report_death_signal(channel, parent_pid):
    import ctypes  # noqa: PLC0415 - only in the child

    from crawlextract._apps.parent_watch import die_with_parent  # noqa: PLC0415

    die_with_parent(channel, parent_pid, death_signal=True)
    libc = ctypes.CDLL(None, use_errno=True)
    value = ctypes.c_int(0)
    libc.prctl(2, ctypes.byref(value), 0, 0, 0)  # PR_GET_PDEATHSIG
    channel.send(value.value)
