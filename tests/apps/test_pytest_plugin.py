import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawlextract._apps.fixtures import add_fixture

PAGE = b"<title>Plugin page</title><article><p>Some text for the plugin test.</p></article>"


def pytest_run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest in a fresh process inside ``project`` (the plugin loads by entry point)."""
    env = dict(os.environ)
    # The outer run's options must not leak into the inner one.
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


@pytest.fixture
def project(tmp_path):
    """A user's project: an ini naming 'pages/', two saved pages and one ordinary test."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\ntestpaths = ["tests"]\ncrawlextract_fixtures = ["pages"]\n'
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_plain.py").write_text("def test_plain():\n    assert True\n")
    for name in ("first", "second"):
        add_fixture(tmp_path / "pages", name, PAGE, url=f"https://example.org/{name}")
    return tmp_path


def test_ini_directory_gives_one_test_per_page(project):
    """With crawlextract_fixtures set, a plain `pytest` collects one test per saved page."""
    result = pytest_run(project, "--collect-only")
    assert "pages::golden[first]" in result.stdout
    assert "pages::golden[second]" in result.stdout
    assert "tests/test_plain.py::test_plain" in result.stdout
    result = pytest_run(project)
    assert result.returncode == 0, result.stdout
    assert "3 passed" in result.stdout


def test_changed_golden_fails_with_a_diff_and_update_restores_it(project):
    """A changed golden fails its test with the diff; --crawlextract-update rewrites it."""
    golden = project / "pages" / "second" / "metadata.json"
    original = golden.read_text()
    golden.write_text(original.replace("Plugin page", "Other title"))
    result = pytest_run(project)
    assert result.returncode == 1
    assert "FAILED pages::golden[second] - changed: metadata.json" in result.stdout
    assert '-    "title": "Other title",' in result.stdout
    assert '+    "title": "Plugin page",' in result.stdout
    assert "--crawlextract-update" in result.stdout

    result = pytest_run(project, "--crawlextract-update")
    assert result.returncode == 0, result.stdout
    assert "goldens rewritten" in result.stdout
    assert golden.read_text() == original


def test_explicit_paths_leave_ini_directories_out(project):
    """`pytest tests/test_plain.py` runs that file only, not the fixtures."""
    result = pytest_run(project, "tests/test_plain.py")
    assert "1 passed" in result.stdout


def test_command_line_directory_is_always_collected(project):
    """--crawlextract-fixtures DIR adds DIR even beside explicit paths."""
    (project / "pyproject.toml").write_text('[tool.pytest.ini_options]\ntestpaths = ["tests"]\n')
    result = pytest_run(project, "tests/test_plain.py", "--crawlextract-fixtures", "pages")
    assert result.returncode == 0, result.stdout
    assert "3 passed" in result.stdout


def test_one_fixture_can_be_selected_by_path_and_keyword(project):
    """`pytest pages/first` and `-k second` each run one fixture test."""
    result = pytest_run(project, "pages/first")
    assert "1 passed" in result.stdout
    result = pytest_run(project, "-k", "second")
    assert "1 passed" in result.stdout


def test_without_configuration_the_plugin_is_inert(tmp_path):
    """With no directory named, a project's run is unchanged (only its own tests)."""
    (tmp_path / "test_x.py").write_text("def test_x():\n    assert True\n")
    add_fixture(tmp_path / "pages", "page", PAGE, url=None)
    result = pytest_run(tmp_path)
    assert "1 passed" in result.stdout


def test_broken_fixture_fails_with_its_error(project):
    """A fixture with a broken page.json fails with that message, not a traceback."""
    (project / "pages" / "first" / "page.json").write_text("{")
    result = pytest_run(project)
    assert result.returncode == 1
    assert "not valid JSON" in result.stdout
    assert "Traceback" not in result.stdout
