"""The dependency rule holds: import-linter's contracts (``[tool.importlinter]`` in pyproject.toml).

Each layer of ``src/crawlextract`` imports only from its own layer or lower
ones, type-only imports included, and the three algorithms never import each
other (``docs/architecture.md``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint_imports() -> list[str]:
    found = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(found).exists():
        pytest.fail("import-linter is not installed; it is part of the test extra")
    return [found]


def test_import_contracts_are_kept() -> None:
    """lint-imports reports every contract kept and none broken."""
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(  # noqa: S603 - our own tool, no shell
        [*_lint_imports(), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 broken" in report, report
