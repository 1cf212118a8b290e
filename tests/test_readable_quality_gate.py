"""The readable quality gate (benchmarks/quality.py --check) on a subset of the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "bench" / "aeb" / "ground-truth.json"


@pytest.mark.skipif(not AEB.exists(), reason="the AEB benchmark pages are not next to the checkout")
def test_native_readable_stays_above_the_pinned_floor() -> None:
    """On the first 40 benchmark pages the native F1 is at or above the pinned floor."""
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "benchmarks" / "quality.py"), "--check", "--pages", "40"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "quality gate: passed" in result.stdout
