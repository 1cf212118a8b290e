import gzip
import io

import pytest

from crawlextract import Options
from crawlextract._apps import dask as _dask
from crawlextract._apps.cli.main import main as cli
from crawlextract._apps.dask import extract_warc_dask
from crawlextract._apps.warc.jobs import WarcStats, extract_warc
from crawlextract._apps.warc.tasks import (
    MAX_RECORDS_PER_TASK,
    TASKS_PER_THREAD,
    WarcTask,
    file_tasks,
    record_tasks,
    run_task,
    warc_tasks,
)
from poison_extractor import HANGER, KILLER, Poison
from warc_helpers import write_warc

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

#: The page limit of the timeout tests: the hanging page never finishes, and
#: no good page comes near this even on a loaded machine under coverage.
GENEROUS_TIMEOUT = 15.0


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """Three small archives: gzip per record, plain, and gzipped as a whole."""
    folder = tmp_path_factory.mktemp("warcs")
    paths = [folder / "one.warc.gz", folder / "two.warc", folder / "three.warc.gz"]
    write_warc(paths[0], aeb_pages=3)
    write_warc(paths[1], aeb_pages=1)
    paths[2].write_bytes(gzip.compress(paths[1].read_bytes()))
    return [str(path) for path in paths]


@pytest.fixture(scope="module")
def bigger(tmp_path_factory):
    """An archive of 20 real pages (51 records), to cut into many chunks."""
    path = tmp_path_factory.mktemp("bigger") / "bigger.warc.gz"
    write_warc(path, aeb_pages=20)
    return str(path)


@pytest.fixture(scope="module")
def client():
    """A two-process LocalCluster set up as extract_warc_dask sets up its own."""
    with (
        dask.config.set(_dask._CLUSTER_CONFIG),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def _write_pages(path, bodies):
    """A WARC of one HTML response per body, gzipped per record."""
    from warcio.statusandheaders import StatusAndHeaders  # noqa: PLC0415
    from warcio.warcwriter import WARCWriter  # noqa: PLC0415

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, body in enumerate(bodies):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/{number}", "response", payload=io.BytesIO(body),
                length=len(body), http_headers=http,
            )  # fmt: skip
            writer.write_record(record)
    return str(path)


def _page(number, marker=""):
    body = f"<p>Text {number}. {marker}</p>"
    return f"<html><title>Page {number}</title><body>{body}</body></html>".encode()


def _chunks_cover(tasks, path):
    """The tasks of one file start at increasing offsets and add up to all its records."""
    stats = WarcStats()
    list(extract_warc([path], workers=1, stats=stats))
    offsets = [task.offset for task in tasks]
    assert offsets == sorted(set(offsets))
    assert sum(task.max_records for task in tasks) == stats.records


def test_small_files_are_one_task_each(archives):
    """A file under the smallest chunk size is one task, of all its records."""
    tasks = warc_tasks(archives)
    assert [task.path for task in tasks] == archives
    assert [task.max_records for task in tasks] == [17, 13, 13]
    assert [task.gunzip for task in tasks] == [False, False, True]


def test_records_per_task_cuts_every_kind_of_file(archives):
    """records_per_task=4 cuts each file, whole-file gzip included, into chunks that cover it."""
    for path in archives:
        tasks = file_tasks(path, 4)
        assert all(task.max_records <= 4 for task in tasks)
        _chunks_cover(tasks, path)


def test_task_size_follows_file_size_and_parallelism(bigger, monkeypatch):
    """Without records_per_task a file is cut into about TASKS_PER_THREAD chunks per thread."""
    import crawlextract._apps.warc.tasks as module  # noqa: PLC0415

    monkeypatch.setattr(module, "MIN_TASK_BYTES", 1)  # the test file is far below a megabyte
    for parallelism in (1, 2):
        tasks = file_tasks(bigger, parallelism=parallelism)
        # Chunks end at record starts, so their sizes vary with the pages.
        assert (
            TASKS_PER_THREAD * parallelism // 2 <= len(tasks) <= TASKS_PER_THREAD * parallelism + 1
        )
        _chunks_cover(tasks, bigger)
    assert MAX_RECORDS_PER_TASK >= 100


def test_whole_file_gzip_chunks_hold_as_many_records(bigger, tmp_path, monkeypatch):
    """Chunks of a file gzipped as a whole are sized by its compression ratio, not cut smaller."""
    import crawlextract._apps.warc.tasks as module  # noqa: PLC0415

    monkeypatch.setattr(module, "MIN_TASK_BYTES", 1)
    whole = tmp_path / "whole.warc.gz"
    with open(bigger, "rb") as members:  # noqa: PTH123
        whole.write_bytes(gzip.compress(gzip.decompress(members.read())))
    per_member = file_tasks(bigger, parallelism=2)
    tasks = file_tasks(str(whole), parallelism=2)
    assert all(task.gunzip for task in tasks)
    assert len(tasks) <= 2 * len(per_member)
    _chunks_cover(tasks, str(whole))


def test_bad_arguments_are_refused(archives):
    """A chunk of no records, or no parallelism, is a ValueError."""
    with pytest.raises(ValueError, match="records_per_task"):
        file_tasks(archives[0], 0)
    with pytest.raises(ValueError, match="parallelism"):
        file_tasks(archives[0], parallelism=0)


def test_record_tasks_split_a_chunk(archives):
    """record_tasks gives one task per record of the chunk, for every compression."""
    for path in archives:
        chunk = file_tasks(path, 4)[1]
        singles = record_tasks(chunk)
        assert len(singles) == 4
        assert singles[0].offset == chunk.offset
        assert all(single.max_records == 1 and single.gunzip == chunk.gunzip for single in singles)


@pytest.mark.parametrize("isolate", [True, False])
def test_run_task_gives_the_local_rows(archives, isolate):
    """The rows of all tasks, run here one after another, are extract_warc's rows."""
    local = list(extract_warc(archives, workers=1))
    rows = []
    for task in warc_tasks(archives, 4):
        rows.extend(run_task(task, isolate=isolate)[0])
    assert rows == local


def test_run_task_isolates_a_page_that_kills_or_hangs(tmp_path):
    """In the page process a crash is WorkerDied and a hang PageTimeout; other pages are fine."""
    path = _write_pages(
        tmp_path / "bad.warc.gz", [_page(0), _page(1, KILLER), _page(2, HANGER), _page(3)]
    )
    options = Options(markdown=Poison())
    rows, stats = run_task(WarcTask(path), options, timeout=GENEROUS_TIMEOUT)
    assert stats.html == 4
    assert [row["error_type"] for row in rows] == [None, "WorkerDied", "PageTimeout", None]
    assert "exited with code 7" in rows[1]["error"]
    timed_out = f"PageTimeout: no result within {GENEROUS_TIMEOUT:g} s; the worker was replaced"
    assert rows[2]["error"] == timed_out
    assert [row["title"] for row in rows] == ["Page 0", None, None, "Page 3"]
    assert rows[1]["url"] == "https://example.org/1"


@pytest.mark.parametrize("records_per_task", [None, 4])
def test_dask_rows_equal_local_rows(archives, client, records_per_task):
    """The Dask engine gives the local engine's rows and counts, in the same order."""
    local_stats, dask_stats = WarcStats(), WarcStats()
    local = list(extract_warc(archives, workers=2, stats=local_stats))
    on_dask = list(extract_warc_dask(archives, client=client, stats=dask_stats,
                                     records_per_task=records_per_task))  # fmt: skip
    assert on_dask == local
    assert dask_stats == local_stats
    assert len(local) == local_stats.html == 7 + 5 + 5


def test_dask_uses_both_workers(bigger, client):
    """Chunks of one file are spread over both workers."""
    with distributed.get_task_stream(client) as stream:
        rows = list(extract_warc_dask([bigger], client=client, records_per_task=3))
    assert len(rows) == 24
    workers = {task["worker"] for task in stream.data if task["key"].startswith("run_task")}
    assert len(workers) == 2


@pytest.mark.parametrize("isolate", [True, False])
def test_a_page_that_kills_its_worker_is_its_error_row(tmp_path, client, isolate):
    """A poison page is its own WorkerDied row, page processes or not; the job completes."""
    path = _write_pages(
        tmp_path / "poison.warc.gz", [_page(n, KILLER if n == 5 else "") for n in range(8)]
    )
    stats = WarcStats()
    rows = list(extract_warc_dask([path], client=client, options=Options(markdown=Poison()),
                                  records_per_task=4, isolate=isolate, stats=stats))  # fmt: skip
    assert [row["url"] for row in rows] == [f"https://example.org/{n}" for n in range(8)]
    assert [row["error_type"] for row in rows] == [None] * 5 + ["WorkerDied"] + [None] * 2
    assert rows[5]["title"] is None
    assert rows[6]["title"] == "Page 6"
    assert stats.html == stats.records == 8


def test_timeout_kills_the_page_under_dask(tmp_path, client):
    """--timeout kills under Dask too: the hanging page is PageTimeout, the rest come."""
    path = _write_pages(tmp_path / "hang.warc.gz", [_page(0), _page(1, HANGER), _page(2)])
    rows = list(
        extract_warc_dask(
            [path], client=client, options=Options(markdown=Poison()), timeout=GENEROUS_TIMEOUT
        )
    )
    assert [row["error_type"] for row in rows] == [None, "PageTimeout", None]
    timed_out = f"PageTimeout: no result within {GENEROUS_TIMEOUT:g} s; the worker was replaced"
    assert rows[1]["error"] == timed_out


def test_cli_dask_engine_with_a_local_cluster(archives, tmp_path):
    """Crawlextract warc --engine dask (own LocalCluster) writes the --engine local rows."""
    local_out, dask_out = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    assert cli(["warc", *archives, "-o", str(local_out), "--workers", "2"]) == 0
    assert cli(["warc", *archives, "-o", str(dask_out), "--engine", "dask", "--workers", "2"]) == 0
    import pyarrow.parquet as pq  # noqa: PLC0415

    assert pq.read_table(dask_out).to_pylist() == pq.read_table(local_out).to_pylist()


def test_cli_dask_engine_with_a_scheduler_address(archives, client, tmp_path):
    """--scheduler connects to a running cluster instead of starting one."""
    out = tmp_path / "out.jsonl"
    address = client.scheduler.address
    assert (
        cli(["warc", archives[1], "-o", str(out), "--engine", "dask", "--scheduler", address]) == 0
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
