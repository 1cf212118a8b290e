import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

import crawlextract
from crawlextract import (
    CrawlextractError,
    InputTypeError,
    Options,
    PageInput,
    WorkerStartError,
    extract,
    extract_many,
)
from crawlextract._apps.parent_watch import die_with_parent

SRC = str(Path(__file__).resolve().parents[2] / "src")


class MarkerMarkdown:
    """A markdown extractor that misbehaves on pages carrying a marker word.

    Module level (not a closure) so the worker processes can unpickle it.
    """

    name: ClassVar[str] = "marker-test"
    output: ClassVar[str] = "markdown"

    def extract(self, document):
        """Sleep, exit the process or raise on a marker; else echo the title."""
        html = document.html
        if "SLEEP" in html:
            time.sleep(600)
        if "CRASH" in html:
            os._exit(3)
        if "BOOM" in html:
            raise RuntimeError("boom")
        return "ok:" + document.tree.css_first("title").text()


MARKER = Options(markdown=MarkerMarkdown())


def _pages(n):
    return [
        f"<html><head><title>T{i}</title></head><body><p>page {i} text</p></body></html>"
        for i in range(n)
    ]


def test_results_match_extract_in_input_order():
    """Two workers give, in input order, exactly what extract().to_dict() gives."""
    pages = _pages(12)
    inputs = [
        pages[0],
        pages[1].encode(),
        (pages[2], "https://example.org/2"),
        (pages[3], "https://example.org/3", {"Content-Type": "text/html"}),
        *[
            PageInput(page, f"https://example.org/{i}", key=i)
            for i, page in enumerate(pages)
            if i > 3
        ],
    ]
    results = list(extract_many(inputs, workers=2))
    assert [result.index for result in results] == list(range(12))
    for result, item in zip(results, inputs, strict=True):
        page = (
            item
            if isinstance(item, PageInput)
            else PageInput(*item)
            if isinstance(item, tuple)
            else PageInput(item)
        )
        assert result.ok
        assert result.url == page.url
        assert result.page == extract(page.html, page.url, page.headers).to_dict()
    assert [r.key for r in results[4:]] == list(range(4, 12))


def test_in_process_path_gives_the_same_results():
    """workers=1 without a timeout runs in this process and gives the same results."""
    pages = _pages(5)
    serial = list(extract_many(pages, workers=1))
    parallel = list(extract_many(pages, workers=2))
    assert serial == parallel


def test_bad_items_become_error_results():
    """An item of the wrong type is reported on its result; the rest still run."""
    pages = [_pages(1)[0], 42, _pages(2)[1], ("<p>x</p>", 7)]
    for workers in (1, 2):
        results = list(extract_many(pages, workers=workers))
        assert [r.ok for r in results] == [True, False, True, False]
        assert results[1].error.type == "InputTypeError"
        assert results[3].error.type == "InputTypeError"


def test_extractor_exception_is_a_warning_not_an_error():
    """A raising extractor leaves the page ok with a warning (Page's own contract)."""
    results = list(
        extract_many(["<title>BOOM</title>", "<title>A</title>"], workers=2, options=MARKER)
    )
    assert all(r.ok for r in results)
    assert any("boom" in w for w in results[0].page["warnings"])
    assert results[1].page["markdown"] == "ok:A"


#: A wall-clock limit no good page comes near, even on a loaded machine: the
#: timeout tests wait this long for the page that never finishes.
GENEROUS_TIMEOUT = 15.0


def test_timeout_with_a_parent_thread_under_load():
    """With a thread in the parent (forkserver) and a busy core, only the stuck page times out.

    Workers start under forkserver here, which takes seconds on a loaded
    machine; a page's clock must start only once its worker is ready.
    """
    load = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)  # not a daemon: alive all along
    thread.start()
    try:
        pages = ["<title>A</title>", "<title>SLEEP</title>", "<title>B</title>",
                 "<title>C</title>", "<title>D</title>"]  # fmt: skip
        results = list(extract_many(pages, workers=2, options=MARKER, timeout=GENEROUS_TIMEOUT))
    finally:
        stop.set()
        thread.join()
        load.kill()
        load.wait()
    assert [r.ok for r in results] == [True, False, True, True, True]
    assert results[1].error.type == "PageTimeout"
    assert results[1].error.timed_out
    assert [r.page["markdown"] for r in results if r.ok] == ["ok:A", "ok:B", "ok:C", "ok:D"]


#: How long the slow-start test's workers take to start, and its page limit:
#: start-up twice the limit, and the limit still thousands of times what a
#: tiny page takes, so a busy machine (or coverage tracing) cannot reach it.
SLOW_START, SHORT_LIMIT = 20.0, 10.0


def _slow_start(*args, **kwargs):
    time.sleep(SLOW_START)
    die_with_parent(*args, **kwargs)


def test_page_clock_starts_when_the_worker_is_ready(monkeypatch):
    """A worker that takes longer to start than the page limit still gets its pages done."""
    from crawlextract._apps import batch as _batch  # noqa: PLC0415

    monkeypatch.setattr(_batch, "die_with_parent", _slow_start)  # forked workers inherit it
    pages = ["<title>A</title>", "<title>B</title>"]
    results = list(
        extract_many(pages, workers=1, options=MARKER, timeout=SHORT_LIMIT, start_method="fork")
    )
    assert [r.error for r in results] == [None, None]
    assert [r.page["markdown"] for r in results] == ["ok:A", "ok:B"]


def test_one_worker_with_timeout_still_enforces_it():
    """workers=1 with a timeout uses a process, so the limit still holds."""
    results = list(
        extract_many(
            ["<title>SLEEP</title>", "<title>Z</title>"],
            workers=1,
            options=MARKER,
            timeout=GENEROUS_TIMEOUT,
        )
    )
    assert results[0].error.timed_out
    assert results[1].page["markdown"] == "ok:Z"


def test_crashed_worker_is_replaced():
    """A worker that dies mid-page is reported as WorkerDied and replaced."""
    pages = ["<title>A</title>", "<title>CRASH</title>", "<title>B</title>"]
    results = list(extract_many(pages, workers=1, options=MARKER, timeout=30))
    assert results[1].error.type == "WorkerDied"
    assert "code 3" in results[1].error.message
    assert results[0].page["markdown"] == "ok:A"
    assert results[2].page["markdown"] == "ok:B"


def test_streaming_reads_input_lazily():
    """The input is consumed at most in_flight pages ahead of what was yielded."""
    consumed = []

    def generate():
        for i in range(1000):
            consumed.append(i)
            yield f"<title>{i}</title>"

    results = extract_many(generate(), workers=2, in_flight=3)
    first = next(results)
    assert first.page["metadata"]["title"] == "0"
    assert len(consumed) <= 1 + 3 + 1
    assert [r.index for r in results][-1] == 999
    assert len(consumed) == 1000


def test_closing_early_stops_the_workers():
    """Abandoning the iterator shuts the workers down."""
    results = extract_many((f"<title>{i}</title>" for i in range(100)), workers=2)
    next(results)
    results.close()  # must return promptly, without leaving processes behind
    import multiprocessing  # noqa: PLC0415

    deadline = time.monotonic() + 60  # generous: they go within about a second
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in multiprocessing.active_children() if "forkserver" not in p.name]


def test_unpicklable_options_are_refused_up_front():
    """An extractor object that cannot be pickled is refused before any work."""

    class Local:  # defined in a function: not importable by a worker
        name = "local"
        output = "markdown"

        def extract(self, document):
            return document.html

    with pytest.raises(InputTypeError, match="picklable"):
        extract_many(["<p>x</p>"], workers=2, options=Options(markdown=Local()))


def test_unknown_extractor_raises_before_work():
    """A misspelt extractor name raises at once instead of failing every page."""
    with pytest.raises(crawlextract.UnknownExtractorError):
        extract_many(["<p>x</p>"], options=Options(markdown="nope"))


@pytest.mark.parametrize("bad", [{"workers": 0}, {"timeout": 0}, {"in_flight": 0}])
def test_bad_arguments(bad):
    """Non-positive workers, timeout or in_flight are refused, as a CrawlextractError."""
    with pytest.raises(CrawlextractError, match="must") as caught:
        extract_many([], **bad)
    assert isinstance(caught.value, ValueError)  # what callers caught before


def test_empty_input():
    """No pages, no results, for both paths."""
    assert list(extract_many([], workers=1)) == []
    assert list(extract_many([], workers=2)) == []


def test_fork_only_while_single_threaded():
    """Workers are forked only while this process has one thread; else forkserver."""
    import threading  # noqa: PLC0415

    from crawlextract._apps.batch import _context  # noqa: PLC0415

    assert _context("spawn").get_start_method() == "spawn"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert _context(None).get_start_method() == "forkserver"
        results = list(extract_many(["<title>T</title>"] * 3, workers=2))
        assert [r.page["metadata"]["title"] for r in results] == ["T"] * 3
    finally:
        stop.set()
        thread.join()
    assert _context(None).get_start_method() in ("fork", "forkserver")  # fork unless pytest threads


def _run_script(tmp_path, source, *, timeout=180):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(  # noqa: S603 - our own interpreter on our own script
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("start_method", ["forkserver", "spawn"])
def test_script_without_main_guard_gets_one_clear_error(tmp_path, start_method):
    """A script with no __main__ guard gets WorkerStartError naming the fix, not page errors."""
    done = _run_script(
        tmp_path,
        f"""
        import os, sys
        import crawlextract

        def say(*words):
            # One write per line: the script and its workers share this
            # stdout, and print() with PYTHONUNBUFFERED writes word by word,
            # so their lines would interleave.
            os.write(1, (" ".join(map(str, words)) + "\\n").encode())

        try:
            results = list(crawlextract.extract_many(
                ["<title>a</title>"] * 3, workers=2, timeout=60, start_method={start_method!r}
            ))
        except crawlextract.CrawlextractError as error:
            say("CAUGHT", type(error).__name__, error)
            sys.exit(3)
        say("RESULTS", [str(result.error) for result in results])
        """,
    )
    assert done.returncode == 3, done.stderr
    assert "RESULTS" not in done.stdout
    caught = [line for line in done.stdout.splitlines() if line.startswith("CAUGHT")]
    assert caught
    assert all("WorkerStartError" in line for line in caught)
    assert all('if __name__ == "__main__":' in line for line in caught)


def test_worker_start_failure_is_raised_while_iterating(monkeypatch):
    """A worker that exits before it is ready stops the batch with WorkerStartError."""
    from crawlextract._apps import batch as _batch  # noqa: PLC0415

    def exit_at_once(*_args):
        os._exit(9)

    monkeypatch.setattr(_batch, "_worker_main", exit_at_once)
    with pytest.raises(WorkerStartError, match="code 9 before it was ready"):
        list(extract_many(["<title>a</title>"], workers=1, timeout=60, start_method="fork"))


def test_worker_whose_parent_is_gone_exits_quietly(capfd):
    """A worker that finds its channel closed when it says it is ready exits without a traceback.

    That is a batch killed while its workers were still starting (a worker the
    batch never needed, say): the worker must go, but not print a
    ``BrokenPipeError`` traceback into the killed program's stderr.
    """
    import multiprocessing  # noqa: PLC0415

    from crawlextract._apps import batch as _batch  # noqa: PLC0415
    from crawlextract._apps.parent_watch import ORPHAN_EXIT  # noqa: PLC0415

    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe(duplex=True)
    parent_end.close()  # before the fork, so the worker holds no copy of it
    worker = context.Process(
        target=_batch._worker_main,
        args=(child_end, Options(), [], os.getpid(), False),
    )
    worker.start()
    child_end.close()
    worker.join(60)  # generous: it exits at once
    assert worker.exitcode == ORPHAN_EXIT
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def _gone(pid):
    """Whether process ``pid`` has exited (a zombie waiting for its reaper counts)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("parent_thread", [False, True], ids=["fork", "forkserver"])
def test_workers_die_with_a_killed_parent(tmp_path, parent_thread):
    """SIGKILL to the batch's process leaves no worker alive, busy (mid-page) or idle."""
    # The processes report through files, one per fact, not through a shared
    # stdout: with PYTHONUNBUFFERED set, print() makes one write per argument,
    # so lines from the parent and two workers interleave ("busybusy 12 \n")
    # and a reader counting lines waits forever.
    reports = tmp_path / "reports"
    reports.mkdir()
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import multiprocessing, os, threading, time
            from pathlib import Path
            import crawlextract

            REPORTS = Path({str(reports)!r})

            class Sleepy:
                name = "sleepy"
                output = "markdown"

                def extract(self, document):
                    if "SLEEP" in document.html:
                        (REPORTS / f"busy-{{os.getpid()}}").touch()
                        time.sleep(600)
                    return ""

            if __name__ == "__main__":
                if {parent_thread!r}:
                    threading.Thread(target=threading.Event().wait, daemon=True).start()
                # Three workers: two stuck in a page, one idle once A is done.
                pages = ["<title>A</title>"] + ["<title>SLEEP</title>"] * 2
                results = crawlextract.extract_many(
                    pages, workers=3, timeout=600, options=crawlextract.Options(markdown=Sleepy())
                )
                next(results)
                pids = [child.pid for child in multiprocessing.active_children()]
                # Written whole, then renamed: the test never reads half a list.
                (REPORTS / "workers.part").write_text(" ".join(map(str, pids)))
                (REPORTS / "workers.part").rename(REPORTS / "workers")
                next(results)
            """
        ),
        encoding="utf-8",
    )
    parent = subprocess.Popen(  # noqa: S603 - our own interpreter on our own script
        [sys.executable, str(script)], env={**os.environ, "PYTHONPATH": SRC}
    )
    try:
        # Generous: about a second on a quiet machine; a deadline, so that a
        # batch that never gets there fails the test instead of hanging it.
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and parent.poll() is None:
            busy = list(reports.glob("busy-*"))
            if (reports / "workers").exists() and len(busy) >= 2:
                break
            time.sleep(0.1)
        seen = sorted(path.name for path in reports.iterdir())
        assert "workers" in seen, f"the batch never reported its workers: {seen}"
        pids = {int(word) for word in (reports / "workers").read_text().split()}
        assert len(pids) >= 3, seen
        assert len([name for name in seen if name.startswith("busy-")]) >= 2, seen
        assert parent.poll() is None, f"the batch ended early with code {parent.returncode}"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 60  # generous: they should go within about a second
    while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    survivors = [pid for pid in pids if not _gone(pid)]
    for pid in survivors:  # do not leave them behind if the test fails
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
