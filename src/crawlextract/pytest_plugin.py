"""pytest plugin: every saved page in a fixtures directory becomes one test.

Registered through the ``pytest11`` entry point, so it is active wherever
crawlextract is installed, and does nothing until a directory is named::

    # pyproject.toml
    [tool.pytest.ini_options]
    crawlextract_fixtures = ["fixtures"]

or ``pytest --crawlextract-fixtures DIR`` (may repeat). Each fixture
``DIR/<name>/`` gives a test ``DIR::golden[<name>]`` that fails with a unified
diff per changed output; ``pytest --crawlextract-update`` rewrites the goldens
instead (review the result with ``git diff``).

A directory named in the ini file is collected whenever pytest runs without
explicit paths (``pytest``), or when a path given covers it; a directory given
with ``--crawlextract-fixtures`` is always collected.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from _pytest._code.code import TerminalRepr
    from _pytest.terminal import TerminalReporter

_DIRECTORIES = pytest.StashKey[list[Path]]()
_UPDATED = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--crawlextract-fixtures``, ``--crawlextract-update`` and the ini setting."""
    group = parser.getgroup("crawlextract", "crawlextract fixture goldens")
    group.addoption(
        "--crawlextract-fixtures",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of crawlextract fixtures: one test per saved page (may repeat)",
    )
    group.addoption(
        "--crawlextract-update",
        action="store_true",
        default=False,
        help="rewrite the golden outputs of crawlextract fixtures instead of failing",
    )
    parser.addini(
        "crawlextract_fixtures",
        type="paths",
        default=[],
        help="directories of crawlextract fixtures (relative to the ini file)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Resolve the fixture directories and make sure pytest collects them."""
    invocation = config.invocation_params.dir
    from_ini = [Path(path).resolve() for path in config.getini("crawlextract_fixtures")]
    from_option = [
        (invocation / path).resolve() for path in config.getoption("crawlextract_fixtures")
    ]
    config.stash[_DIRECTORIES] = list(dict.fromkeys(from_ini + from_option))
    config.stash[_UPDATED] = []
    # Named on this command line, or configured and no paths given: collect
    # it even when it is outside testpaths.
    wanted = list(from_option)
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        wanted += from_ini
    covered = [(invocation / arg.split("::", 1)[0]).resolve() for arg in config.args]
    for directory in dict.fromkeys(wanted):
        if not any(directory == path or path in directory.parents for path in covered):
            config.args.append(str(directory))


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect a configured fixtures directory with :class:`FixtureDirectory`."""
    if path.resolve() in parent.config.stash.get(_DIRECTORIES, []):
        collector: pytest.Collector = FixtureDirectory.from_parent(parent, path=path)
        return collector
    return None


def pytest_terminal_summary(terminalreporter: TerminalReporter, config: pytest.Config) -> None:
    """List the fixtures whose goldens ``--crawlextract-update`` rewrote."""
    updated = config.stash.get(_UPDATED, [])
    if updated:
        terminalreporter.write_sep("-", "crawlextract: goldens rewritten (review with git diff)")
        for line in updated:
            terminalreporter.write_line(line)


class FixtureDirectory(pytest.Directory):
    """A directory of crawlextract fixtures: one :class:`GoldenItem` per saved page."""

    def collect(self) -> Iterator[pytest.Item]:
        """Yield one test per fixture, in name order."""
        from ._apps.fixtures import find_fixtures  # noqa: PLC0415 - only when used

        for fixture_path in find_fixtures(self.path):
            # path= lets `pytest DIR/<name>` select one fixture.
            yield GoldenItem.from_parent(
                self,
                name=f"golden[{fixture_path.name}]",
                path=fixture_path,
                fixture_path=fixture_path,
            )


class GoldenMismatchError(AssertionError):
    """A fixture's outputs differ from its golden files."""

    def __init__(self, name: str, diffs: dict[str, str]) -> None:
        """Keep the diffs to show them as the failure."""
        self.diffs = diffs
        super().__init__(f"{name}: {', '.join(diffs)} changed")


class GoldenItem(pytest.Item):
    """Re-extract one fixture and compare its outputs with the golden files."""

    def __init__(self, *, fixture_path: Path, **kwargs: Any) -> None:
        """Remember which fixture directory this test checks."""
        super().__init__(**kwargs)
        self.fixture_path = fixture_path

    def runtest(self) -> None:
        """Check the fixture, or rewrite its goldens under ``--crawlextract-update``."""
        from ._apps.fixtures import check_fixture, update_fixture  # noqa: PLC0415 - only when used

        if self.config.getoption("crawlextract_update"):
            result = update_fixture(self.fixture_path)
            if result.changed:
                files = ", ".join(result.diffs)
                self.config.stash[_UPDATED].append(f"{self.fixture_path}: {files}")
            return
        result = check_fixture(self.fixture_path)
        if result.changed:
            raise GoldenMismatchError(result.name, result.diffs)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """Show the unified diffs (and how to accept them) instead of a traceback."""
        from ._apps.fixtures import FixtureError  # noqa: PLC0415 - only when used

        if isinstance(excinfo.value, GoldenMismatchError):
            hint = (
                "If the change is intended, rewrite the goldens and review them in git:\n"
                "    pytest --crawlextract-update   (or: crawlextract fixtures check DIR --update)"
            )
            diffs = excinfo.value.diffs
            # The first line is what pytest's short summary shows.
            headline = f"changed: {', '.join(diffs)}\n"
            return headline + "".join(diffs.values()) + "\n" + hint
        if isinstance(excinfo.value, FixtureError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Point reports at the fixture directory."""
        return self.fixture_path, None, f"crawlextract fixture {self.fixture_path.name}"
