"""Memory, CPU and balance of the WARC engines on one large archive: local, Dask, Spark.

    python benchmarks/make_warc.py crawl.warc.gz --records 10000
    python benchmarks/cluster.py crawl.warc.gz [--engines local1,local,dask,spark,baseline]

For each engine, extracts every HTML record of the archive to Parquet (in a
temporary folder) and reports:

- wall seconds of the job, and of starting the cluster or session apart;
- CPU seconds of every process involved (this one, the workers, their page
  processes, the JVM), per HTML page, so engines compare by the work they
  cost and not only by how long they took on a busy machine;
- the peak resident memory of this process (the Dask client, the Spark driver)
  and of each worker process and page process, sampled every 0.2 s;
- for Dask, how many chunk tasks each worker ran and for how long (both busy?).

``local1`` is the local engine with one worker; ``baseline`` is the job people
write by hand, warcio reading and trafilatura extracting in a ``Pool`` of
``--workers`` processes (one output where crawlextract gives four).

The Dask cluster is a ``LocalCluster`` set up as ``extract_warc_dask`` sets up
its own; the Spark job is the recipe of ``docs/batch.md``, run as written.
Needs the ``dask`` and ``spark`` extras, psutil (a dependency of distributed)
and, for Spark, a Java runtime.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil

from crawlextract._apps.columnar import open_writer
from crawlextract._apps.warc.jobs import WarcStats, extract_warc

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

BATCH_DOC = Path(__file__).resolve().parents[1] / "docs" / "batch.md"
SPARK_MARKER = "<!-- tests/apps/test_spark.py runs the next block as written, under local[2]. -->"


class Sampler:
    """Samples the RSS and CPU time of this process and all its descendants."""

    def __init__(self, interval: float = 0.2) -> None:
        """Start sampling in a background thread."""
        self._interval = interval
        self._me = psutil.Process()
        self.peak_rss: dict[int, int] = defaultdict(int)
        self.cpu: dict[int, float] = {}
        self.role: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self._interval)

    def sample(self) -> None:
        """Record the RSS and CPU time of every process in the tree now."""
        for process in [self._me, *self._me.children(recursive=True)]:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                    # Asked every time: Spark's launcher script becomes the JVM (exec).
                    self.role[process.pid] = _role(process, self._me.pid)
            except psutil.Error:
                continue
            self.peak_rss[process.pid] = max(self.peak_rss[process.pid], rss)
            self.cpu[process.pid] = times.user + times.system

    def stop(self) -> None:
        """Stop sampling, after one last sample."""
        self._stop.set()
        self._thread.join()
        self.sample()


def _role(process: psutil.Process, me: int) -> str:
    if process.pid == me:
        return "client/driver"
    arguments = process.cmdline()
    command = " ".join(arguments)
    if "child_main" in command:
        return "page process"
    if arguments and Path(arguments[0]).name == "java":
        return "JVM"
    if "pyspark" in command:
        return "Spark Python worker"
    if "multiprocessing" in command or process.ppid() == me:
        return "worker"
    return "other"


def _cpu_before(sampler: Sampler) -> dict[int, float]:
    sampler.sample()
    return dict(sampler.cpu)


#: Records in the archive being measured (every type), set once by main().
RECORDS = {"count": 0}


def _count_records(warc: str) -> int:
    stats = WarcStats()
    for _ in warc_rows_of(warc, stats):
        pass
    return stats.records


def warc_rows_of(warc: str, stats: WarcStats) -> Iterator[Any]:
    """Walk the archive's HTML records without extracting them (counts every record)."""
    from crawlextract._apps.warc.jobs import iter_html_records  # noqa: PLC0415

    return iter_html_records(warc, stats)


def _report(  # noqa: PLR0913, PLR0917 - one line of figures per engine
    name: str, wall: float, start: float, sampler: Sampler, before: dict[int, float], html: int
) -> None:
    by_role: dict[str, list[int]] = defaultdict(list)
    for pid, role in sampler.role.items():
        by_role[role].append(pid)
    total_cpu = sum(cpu - before.get(pid, 0.0) for pid, cpu in sampler.cpu.items())
    records = RECORDS["count"]
    print(
        f"\n{name}: {records} records, {html} HTML pages in {wall:.1f} s"
        f" ({records / wall:.1f} records/s, {html / wall:.1f} pages/s); start-up {start:.1f} s"
    )
    print(
        f"  CPU, all processes: {total_cpu:.1f} s = {1000 * total_cpu / html:.1f} ms per HTML page"
    )
    for role, pids in sorted(by_role.items()):
        peaks = sorted((sampler.peak_rss[pid] / 2**20 for pid in pids), reverse=True)
        cpu = sum(sampler.cpu.get(pid, 0.0) - before.get(pid, 0.0) for pid in pids)
        shown = ", ".join(f"{peak:.0f}" for peak in peaks[:6])
        print(f"  {role:<20} {len(pids)} process(es), peak RSS MB: {shown}; CPU {cpu:.1f} s")


def _write(rows: Iterator[dict[str, Any]], path: Path) -> int:
    writer = open_writer(path)
    count = 0
    try:
        for row in rows:
            writer.write(row)
            count += 1
    finally:
        writer.close()
    return count


def bench_local(warc: str, workers: int, args: argparse.Namespace, folder: Path) -> None:
    """The local engine, ``workers`` processes (one worker and no timeout: in this process)."""
    sampler = Sampler()
    before = _cpu_before(sampler)
    started = time.perf_counter()
    stats = WarcStats()
    count = _write(
        extract_warc(
            [warc], workers=workers, options=args.preset, timeout=args.timeout, stats=stats
        ),
        folder / "local.parquet",
    )
    wall = time.perf_counter() - started
    sampler.stop()
    assert count == stats.html
    limit = "" if args.timeout is None else f", --timeout {args.timeout:g}"
    _report(f"local engine, {workers} workers{limit}", wall, 0.0, sampler, before, count)


def bench_dask(args: argparse.Namespace, folder: Path, *, isolate: bool) -> None:
    """The Dask engine on a LocalCluster of ``workers`` single-threaded processes."""
    import dask  # noqa: PLC0415 - optional
    import distributed  # noqa: PLC0415

    from crawlextract._apps.dask import _CLUSTER_CONFIG, extract_warc_dask  # noqa: PLC0415

    sampler = Sampler()
    before = _cpu_before(sampler)
    started = time.perf_counter()
    with dask.config.set(_CLUSTER_CONFIG):
        cluster = distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    client = distributed.Client(cluster)
    start = time.perf_counter() - started
    try:
        before = _cpu_before(sampler)
        started = time.perf_counter()
        stats = WarcStats()
        with distributed.get_task_stream(client) as stream:
            rows = extract_warc_dask(
                [args.warc], client=client, options=args.preset, stats=stats,
                records_per_task=args.records_per_task, isolate=isolate,
            )  # fmt: skip
            count = _write(rows, folder / "dask.parquet")
        wall = time.perf_counter() - started
        sampler.stop()
    finally:
        client.close()
        cluster.close()
    assert count == stats.html
    name = f"Dask engine, LocalCluster of {args.workers}" + ("" if isolate else ", isolate=False")
    _report(name, wall, start, sampler, before, count)
    per_worker: dict[str, list[float]] = defaultdict(list)
    for task in stream.data:
        if task["key"].startswith("run_task"):
            spans = [
                item["stop"] - item["start"]
                for item in task["startstops"]
                if item["action"] == "compute"
            ]
            per_worker[task["worker"]].append(sum(spans))
    for worker, spans in sorted(per_worker.items()):
        print(f"  chunk tasks on {worker}: {len(spans)}, computing {sum(spans):.1f} s")


def bench_spark(warc: str, workers: int, folder: Path) -> None:
    """The Spark recipe of docs/batch.md, as written, on ``local[workers]``."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - optional

    os.environ["PYSPARK_PYTHON"] = sys.executable
    sampler = Sampler()
    started = time.perf_counter()
    session = (
        SparkSession.builder.master(f"local[{workers}]")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    start = time.perf_counter() - started
    text = BATCH_DOC.read_text(encoding="utf-8")
    recipe = re.search(r"```python\n(.*?)```", text[text.index(SPARK_MARKER) :], flags=re.DOTALL)
    assert recipe is not None
    try:
        before = _cpu_before(sampler)
        started = time.perf_counter()
        namespace: dict[str, Any] = {"paths": [warc], "output": str(folder / "spark")}
        exec(recipe.group(1), namespace)  # noqa: S102 - the documented recipe is what is measured
        wall = time.perf_counter() - started
        sampler.stop()
    finally:
        session.stop()
    import pyarrow.parquet as pq  # noqa: PLC0415

    count = pq.read_table(folder / "spark").num_rows
    _report(f"Spark local[{workers}], docs recipe", wall, start, sampler, before, count)
    print(f"  partitions: {len(namespace['tasks'])}")


def _trafilatura_page(item: tuple[bytes, str]) -> int:
    """Extract one page with trafilatura (in a Pool worker); return the text's length."""
    import trafilatura  # noqa: PLC0415 - optional peer

    body, url = item
    text = trafilatura.extract(body.decode("utf-8", errors="replace"), url=url)
    return len(text or "")


def _warcio_html(warc: str) -> Iterator[tuple[bytes, str]]:
    """The HTML responses of ``warc`` as warcio reads them: what a hand-written job does."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - optional peer

    with Path(warc).open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            yield record.content_stream().read(), url


def bench_baseline(warc: str, workers: int) -> None:
    """The usual hand-written job: warcio reads, trafilatura extracts in a Pool of workers."""
    import multiprocessing  # noqa: PLC0415

    sampler = Sampler()
    before = _cpu_before(sampler)
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        count = sum(1 for _ in pool.imap(_trafilatura_page, _warcio_html(warc), chunksize=4))
    wall = time.perf_counter() - started
    sampler.stop()
    _report(f"warcio + trafilatura, Pool({workers})", wall, 0.0, sampler, before, count)


def main() -> None:
    """Run the chosen engines one after another."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("warc")
    parser.add_argument("--engines", default="local,dask,spark")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--preset", default="fast")
    parser.add_argument("--records-per-task", type=int, default=None)
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="per-page limit of the local engine (with it, one worker is a worker process)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    RECORDS["count"] = _count_records(args.warc)
    runs: dict[str, Callable[[Path], None]] = {
        "local": lambda folder: bench_local(args.warc, args.workers, args, folder),
        "local1": lambda folder: bench_local(args.warc, 1, args, folder),
        "dask": lambda folder: bench_dask(args, folder, isolate=True),
        "dask-in-worker": lambda folder: bench_dask(args, folder, isolate=False),
        "spark": lambda folder: bench_spark(args.warc, args.workers, folder),
        "baseline": lambda _folder: bench_baseline(args.warc, args.workers),
    }
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory() as folder:
            runs[engine](Path(folder))
        print(f"  load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
