"""The readable quality gate (``benchmarks/quality.py --check``) on fixed samples of both sets.

The samples and their floors are pinned in ``benchmarks/quality_baseline.json``
(``benchmarks/quality_gate.py`` says which pages and how to re-pin). The sets
live in ``../shared/bench`` beside the checkout, or where ``CRAWLEXTRACT_BENCH``
points; without them the tests skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(os.environ.get("CRAWLEXTRACT_BENCH") or ROOT.parent / "shared" / "bench")


@pytest.mark.parametrize("bench_set", ["aeb", "wcxb"])
def test_native_readable_stays_above_the_pinned_floor(bench_set: str) -> None:
    """On the set's gate sample the native F1, empty and missed pages are within the floor."""
    if not (BENCH / bench_set / "ground-truth.json").is_file():
        pytest.skip(f"no {bench_set} benchmark data in {BENCH} (set CRAWLEXTRACT_BENCH)")
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [
            sys.executable,
            str(ROOT / "benchmarks" / "quality.py"),
            "--check",
            "--bench",
            str(BENCH),
            "--sets",
            bench_set,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "quality gate: passed" in result.stdout
