"""Throughput of extract_many and of WARC extraction, 1 worker against 2 (or N).

    python benchmarks/throughput.py [--preset fast] [--rounds 3] [--warc-copies 2] [--dask]

Measures, over the AEB benchmark pages:

- ``extract_many`` in-process (``workers=1``, no timeout), on one worker process
  (``workers=1`` with a timeout, which forces the process), and on N processes;
- ``crawlextract warc`` (the local engine, each run a fresh process) on a WARC
  built from the benchmark pages ``--warc-copies`` times over (a few hundred
  records), writing Parquet; optionally the Dask engine too.

Runs are interleaved round by round (1, N, 1, N, ...) so machine drift hits
both alike; the best round of each is reported (the least disturbed by other
load), with the median beside it. Worker start-up is included: it is what a user waits for.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from aeb import load_pages
from crawlextract import extract_many

if TYPE_CHECKING:
    from collections.abc import Callable


def _cpu() -> tuple[float, float]:
    # Workers are joined at the end of each run, so their CPU time is in
    # RUSAGE_CHILDREN by then. (Dask's workers are not our children: not counted.)
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _time(run: Callable[[], int]) -> tuple[float, float, float]:
    """Run once; return wall seconds, this process's CPU seconds, the workers' CPU seconds."""
    own, children = _cpu()
    started = time.perf_counter()
    run()
    wall = time.perf_counter() - started
    own_after, children_after = _cpu()
    return wall, own_after - own, children_after - children


def _write_warc(path: Path, copies: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders  # noqa: PLC0415 - benchmark-only
    from warcio.warcwriter import WARCWriter  # noqa: PLC0415

    pages = load_pages()
    count = 0
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for copy in range(copies):
            for page in pages:
                url = f"{page.url}#copy{copy}" if copy else page.url
                body = page.html
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body),
                    http_headers=headers,
                )  # fmt: skip
                writer.write_record(record)
                count += 1
    return count


def _report(
    name: str, pages: int, base: str, runs: dict[str, list[tuple[float, float, float]]]
) -> None:
    rounds = len(runs[base])
    print(f"\n{name}: {pages} pages; wall seconds per run, best / median of {rounds}")
    print("  (CPU: seconds of CPU per run in this process + in worker processes, median;")
    print("   their sum against the in-process run is the overhead of going parallel)")
    base_walls = [wall for wall, _, _ in runs[base]]
    for label, measured in runs.items():
        walls = [wall for wall, _, _ in measured]
        best, median = min(walls), statistics.median(walls)
        own = statistics.median(cpu for _, cpu, _ in measured)
        workers = statistics.median(cpu for _, _, cpu in measured)
        print(
            f"  {label:<30} {best:6.2f} / {median:6.2f} s {pages / best:6.1f} pages/s"
            f"  speed-up {min(base_walls) / best:4.2f}x"
            f" (median {statistics.median(base_walls) / median:4.2f}x)"
            f"  CPU {own:5.2f} + {workers:5.2f} s"
        )


def bench_extract_many(preset: str, rounds: int, workers: int) -> None:
    """extract_many over the AEB pages: in-process, 1 process, N processes."""
    pages = [(page.html, page.url) for page in load_pages()]

    def run(count: int, timeout: float | None) -> Callable[[], int]:
        def go() -> int:
            results = list(extract_many(pages, workers=count, options=preset, timeout=timeout))
            assert all(result.ok for result in results)
            return len(results)

        return go

    # A timeout nobody reaches makes workers=1 use a worker process.
    cases = {
        "in-process (workers=1)": run(1, None),
        "1 worker process": run(1, 3600.0),
        f"{workers} worker processes": run(workers, 3600.0),
    }
    times: dict[str, list[tuple[float, float, float]]] = {label: [] for label in cases}
    for _ in range(rounds):
        for label, case in cases.items():
            times[label].append(_time(case))
    _report(f"extract_many, preset {preset}", len(pages), "in-process (workers=1)", times)


def bench_warc(preset: str, rounds: int, workers: int, copies: int, *, dask: bool) -> None:
    """``crawlextract warc`` (local, and optionally Dask) on a WARC of the AEB pages, to Parquet.

    Each run is the command in a fresh process, as a user runs it: the CPU
    columns then hold the command and the workers it waited for.
    """
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "aeb.warc.gz"
        records = _write_warc(archive, copies)
        size = archive.stat().st_size
        print(f"\nWARC: {records} records, {size / 1e6:.1f} MB gzipped ({archive.name})")
        out = str(Path(folder) / "out.parquet")
        command = [sys.executable, "-m", "crawlextract", "warc", str(archive), "-o", out]
        command += ["--preset", preset]
        cases = {
            "1 worker (in-process)": _command([*command, "--workers", "1"]),
            f"{workers} worker processes": _command([*command, "--workers", str(workers)]),
        }
        if dask:
            dask_args = ["--engine", "dask", "--workers", str(workers), "--records-per-task", "50"]
            cases[f"dask LocalCluster, {workers} procs"] = _command([*command, *dask_args])
        times: dict[str, list[tuple[float, float, float]]] = {label: [] for label in cases}
        for _ in range(rounds):
            for label, case in cases.items():
                times[label].append(_time(case))
        _report(f"crawlextract warc, preset {preset}", records, "1 worker (in-process)", times)


def _command(argv: list[str]) -> Callable[[], int]:
    def go() -> int:
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 - our own argv
        return 0

    return go


def main() -> None:
    """Run the benchmarks and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--preset", default="fast")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--warc-copies",
        type=int,
        default=2,
        help="the AEB pages are written this many times into the WARC",
    )
    parser.add_argument("--dask", action="store_true", help="also time the Dask engine")
    parser.add_argument("--only", choices=("many", "warc"), default=None)
    args = parser.parse_args()  # fmt: skip
    print(f"cores available: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()}")
    if args.only in (None, "many"):
        bench_extract_many(args.preset, args.rounds, args.workers)
    if args.only in (None, "warc"):
        bench_warc(args.preset, args.rounds, args.workers, args.warc_copies, dask=args.dask)
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
