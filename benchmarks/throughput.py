"""Throughput of extract_many and of WARC extraction, 1 worker against 2 (or N).

    python benchmarks/throughput.py [--preset fast] [--rounds 3] [--warc-copies 2] [--dask]

Measures, over the AEB benchmark pages:

- ``extract_many`` in-process (``workers=1``, no timeout), on one worker process
  (``workers=1`` with a timeout, which forces the process), and on N processes;
- ``extract_warc`` (the ``crawlextract warc`` local engine) on a WARC built from
  the benchmark pages ``--warc-copies`` times over (a few hundred records),
  writing Parquet as the command does; optionally the Dask engine too.

Runs are interleaved round by round (1, N, 1, N, ...) so machine drift hits
both alike; the best round of each is reported (the least disturbed by other
load), with the median beside it. Worker start-up is included: it is what a user waits for.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from aeb import load_pages
from crawlextract import extract_many
from crawlextract._columnar import ParquetWriter
from crawlextract._warc import WarcStats, extract_warc

if TYPE_CHECKING:
    from collections.abc import Callable


def _time(run: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    count = run()
    return time.perf_counter() - started, count


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


def _report(name: str, pages: int, base: list[float], runs: dict[str, list[float]]) -> None:
    print(f"\n{name}: {pages} pages, seconds per run (best / median of {len(base)})")
    for label, times in runs.items():
        best, median = min(times), statistics.median(times)
        print(
            f"  {label:<28} {best:7.2f} / {median:7.2f} s   {pages / best:7.1f} pages/s"
            f"   speed-up {min(base) / best:4.2f}x"
            f" (median {statistics.median(base) / median:4.2f}x)"
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
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(rounds):
        for label, case in cases.items():
            elapsed, _count = _time(case)
            times[label].append(elapsed)
    _report(f"extract_many, preset {preset}", len(pages), times["in-process (workers=1)"], times)


def bench_warc(preset: str, rounds: int, workers: int, copies: int, *, dask: bool) -> None:
    """extract_warc (and optionally the Dask engine) on a WARC of the AEB pages, to Parquet."""
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "aeb.warc.gz"
        records = _write_warc(archive, copies)
        size = archive.stat().st_size
        print(f"\nWARC: {records} records, {size / 1e6:.1f} MB gzipped ({archive.name})")

        def local(count: int) -> Callable[[], int]:
            def go() -> int:
                writer = ParquetWriter(Path(folder) / "out.parquet")
                stats = WarcStats()
                for row in extract_warc([str(archive)], options=preset, workers=count, stats=stats):
                    writer.write(row)
                writer.close()
                return stats.html

            return go

        cases = {"1 worker (in-process)": local(1), f"{workers} worker processes": local(workers)}
        if dask:
            cases[f"dask LocalCluster, {workers} procs"] = _dask_case(
                str(archive), Path(folder), preset, workers
            )
        times: dict[str, list[float]] = {label: [] for label in cases}
        for _ in range(rounds):
            for label, case in cases.items():
                elapsed, _count = _time(case)
                times[label].append(elapsed)
        _report(
            f"crawlextract warc, preset {preset}", records, times["1 worker (in-process)"], times
        )


def _dask_case(archive: str, folder: Path, preset: str, workers: int) -> Callable[[], int]:
    from crawlextract._dask import extract_warc_dask  # noqa: PLC0415 - needs the dask extra

    def go() -> int:
        writer = ParquetWriter(folder / "dask.parquet")
        stats = WarcStats()
        rows = extract_warc_dask(
            [archive], options=preset, workers=workers, stats=stats, records_per_task=50
        )
        for row in rows:
            writer.write(row)
        writer.close()
        return stats.html

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
