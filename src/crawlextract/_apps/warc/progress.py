"""What a ``crawlextract warc`` run has done: its counts, progress lines and summary.

Progress goes to standard error as one line every ``--progress-every``
seconds when that is not a terminal (a scheduler's log), with the share done
and an ETA when the input sizes are known; the summary line ends every run.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jobs import ReadPosition, WarcStats
from .read import ARCHIVE_ERROR


def say(message: str) -> None:
    """Write one ``crawlextract warc:`` line to standard error (the rows may be on stdout)."""
    sys.stderr.write(f"crawlextract warc: {message}\n")
    sys.stderr.flush()


#: Most URL inputs whose sizes are asked for, for the progress lines' ETA.
_MAX_SIZE_REQUESTS = 200


@dataclass
class RunTally:
    """What one run has done so far, for the progress lines and the summary."""

    paths: list[str]
    output: str
    stats: WarcStats = field(default_factory=WarcStats)
    position: ReadPosition = field(default_factory=ReadPosition)
    rows: int = 0
    errors: int = 0
    timeouts: int = 0
    files_done: int = 0
    already_done: int = 0
    damaged_before: int = 0
    started: float = field(default_factory=time.monotonic)

    def count(self, row: dict[str, Any]) -> None:
        """Count one row written."""
        self.rows += 1
        if row["error_type"] is not None and row["error_type"] != ARCHIVE_ERROR:
            self.errors += 1
            self.timeouts += row["error_type"] == "PageTimeout"


class ProgressLines:
    """One line every few seconds on a standard error that is not a terminal."""

    def __init__(self, run: RunTally, every: float, paths: list[str]) -> None:
        """Report on ``run`` every ``every`` seconds (0: never); ``paths`` are its inputs."""
        self._run = run
        self._every = every if every > 0 and not sys.stderr.isatty() else 0.0
        self._next = time.monotonic() + self._every
        # A size is a request per URL: beyond a few hundred, no ETA rather
        # than a slow start.
        known = self._every and not (
            len(paths) > _MAX_SIZE_REQUESTS and any("://" in path for path in paths)
        )
        self._sizes = [_size(path) for path in paths] if known else [None] * len(paths)
        self._total = None if None in self._sizes else sum(s or 0 for s in self._sizes)

    def tick(self) -> None:
        """Write a line if it is time to."""
        if not self._every or time.monotonic() < self._next:
            return
        self._next = time.monotonic() + self._every
        run = self._run
        elapsed = max(time.monotonic() - run.started, 1e-9)
        line = (
            f"{run.files_done}/{len(self._sizes)} files, {run.stats.records} records read,"
            f" {run.rows} rows ({run.rows / elapsed:.1f}/s), {run.errors} page errors,"
            f" {run.stats.archive_errors} archive errors"
        )
        if self._total:
            done = sum(s or 0 for s in self._sizes[: run.position.file]) + run.position.offset
            share = min(done / self._total, 1.0)
            line += f", {share:.0%} of {_megabytes(self._total)}"
            if share > 0:
                line += f", ETA {_duration(elapsed * (1 - share) / share)}"
        say(line)


def _size(path: str) -> int | None:
    try:
        if "://" in path:
            from crawlextract._apps.remote import remote_size  # noqa: PLC0415 - needs fsspec

            return remote_size(path)
        return Path(path).stat().st_size
    except (OSError, ImportError):
        return None


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def summary_line(run: RunTally, outcome: str) -> str:
    """The line that ends every run: what was read, written and skipped, and ``outcome``."""
    stats = run.stats
    resumed = f" ({run.already_done} done before)" if run.already_done else ""
    return (
        f"{run.files_done + run.already_done}/{len(run.paths)} files{resumed},"
        f" {stats.records} records, {run.rows} rows: {stats.html} HTML pages"
        f" ({run.errors} with errors: {run.timeouts} timed out, {stats.binary} binary),"
        f" {stats.truncated} truncated, {stats.archive_errors} archive errors;"
        f" skipped {stats.skipped_non_response} non-response"
        f" and {stats.skipped_non_html} non-HTML records; {outcome}"
    )
