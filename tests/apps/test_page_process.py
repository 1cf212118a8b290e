import os
import signal
import subprocess
import sys
import time

import pytest

from crawlextract import CrawlextractError, Options
from crawlextract._apps import page_process as module
from crawlextract._apps.page_process import PageProcess, page_process
from poison_extractor import HANGER, KILLER, SEGFAULT, Poison

POISON = Options(markdown=Poison())


def _page(text):
    return f"<html><title>{text[:20]}</title><body><p>{text}</p></body></html>".encode()


def test_pages_come_back_and_the_process_is_reused():
    """Pages are extracted in one child process, reused for the next page and options."""
    runner = page_process(Options())
    page, error = runner.extract(_page("Hello there"), "https://example.org/", None, None)
    assert error is None
    assert page["metadata"]["title"] == "Hello there"
    assert page_process(Options()) is runner
    assert page_process(POISON) is not runner


def test_a_crash_and_a_hang_cost_one_page_each():
    """os._exit or a segfault is WorkerDied, a hang PageTimeout; the next page is extracted."""
    runner = page_process(POISON)
    _, died = runner.extract(_page(KILLER), None, None, 30)
    _, crashed = runner.extract(_page(SEGFAULT), None, None, 30)
    _, hung = runner.extract(_page(HANGER), None, None, 1)
    page, error = runner.extract(_page("After them"), None, None, 30)
    assert died.type == "WorkerDied"
    assert "exited with code 7" in died.message
    assert crashed.type == "WorkerDied"
    assert f"exited with code {-signal.SIGSEGV}" in crashed.message
    assert hung.type == "PageTimeout"
    assert hung.timed_out
    assert error is None
    assert page["metadata"]["title"] == "After them"


def test_a_child_that_cannot_start_is_an_error(monkeypatch):
    """A page process that exits before it is ready raises, naming the exit code."""
    monkeypatch.setattr(module, "_CHILD_CODE", "import sys; sys.exit(3)")
    runner = PageProcess(b"")
    with pytest.raises(CrawlextractError, match="exit code 3"):
        runner.extract(_page("Never"), None, None, 30)


_PARENT = """
import sys, time
sys.path[:0] = sys.argv[1].split(":")
from crawlextract import CrawlextractError, Options
from crawlextract._apps import page_process as module
from crawlextract._apps.page_process import PageProcess, page_process
from poison_extractor import HANGER, Poison
runner = page_process(Options(markdown=Poison()))
runner.extract(b"<p>warm up</p>", None, None, None)
print(runner._child.popen.pid, flush=True)
runner.extract(b"<p>" + HANGER.encode() + b"</p>", None, None, None)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_dies_with_its_parent():
    """A parent killed with SIGKILL while its child is stuck on a page leaves no child behind."""
    path = os.pathsep.join(entry for entry in sys.path if entry)
    parent = subprocess.Popen(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", _PARENT, path], stdout=subprocess.PIPE, text=True
    )
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 30  # generous: a busy machine delivers signals late
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the page process outlived its parent")
