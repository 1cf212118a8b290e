import pytest

from crawlextract._cli import main as cli
from crawlextract._dask import WarcTask, extract_warc_dask, warc_tasks
from crawlextract._warc import WarcStats, extract_warc
from warc_helpers import write_warc

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """Two small archives, one gzipped."""
    folder = tmp_path_factory.mktemp("warcs")
    paths = [folder / "one.warc.gz", folder / "two.warc"]
    write_warc(paths[0], aeb_pages=3)
    write_warc(paths[1], aeb_pages=1)
    return [str(path) for path in paths]


@pytest.fixture(scope="module")
def client():
    """A two-process LocalCluster shared by the tests."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_tasks_per_file_or_per_chunk(archives):
    """One task per file by default; chunks of N records otherwise."""
    assert warc_tasks(archives) == [WarcTask(archives[0]), WarcTask(archives[1])]
    chunked = warc_tasks(archives, records_per_task=4)
    assert [task.path for task in chunked].count(archives[0]) == 5  # 17 records
    assert all(task.max_records == 4 for task in chunked)


@pytest.mark.parametrize("records_per_task", [None, 4])
def test_dask_rows_equal_local_rows(archives, client, records_per_task):
    """The Dask engine gives the local engine's rows and counts, in the same order."""
    local_stats, dask_stats = WarcStats(), WarcStats()
    local = list(extract_warc(archives, workers=2, stats=local_stats))
    on_dask = list(extract_warc_dask(archives, client=client, stats=dask_stats,
                                     records_per_task=records_per_task))  # fmt: skip
    assert on_dask == local
    assert dask_stats == local_stats
    assert len(local) == local_stats.html == 7 + 5


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
