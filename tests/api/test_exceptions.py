"""Every error crawlextract raises is a CrawlextractError, with the built-in base callers catch."""

from __future__ import annotations

import ast
import builtins
import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import crawlextract
from crawlextract import CrawlextractError, InputValueError, MissingDependencyError

SOURCE = Path(crawlextract.__file__).parent

#: (module file, built-in exception) raised on purpose and never reaching a caller.
ALLOWED_BUILTIN_RAISES = {
    # Caught in Headers.__init__ and raised again as InputTypeError.
    ("_base/headers.py", "TypeError"),
    # json.dumps's default= hook must raise TypeError; rows hold only JSON types.
    ("_apps/columnar.py", "TypeError"),
    # An invariant of the code, unreachable (a bug if ever raised).
    ("_boilerpipe/blocks.py", "AssertionError"),
    # __getattr__'s protocol: an attribute that does not exist raises AttributeError.
    ("_metadata/head.py", "AttributeError"),
    # A module __getattr__ (the lazy batch names) must raise AttributeError for
    # an unknown name: hasattr() and import machinery rely on it.
    ("__init__.py", "AttributeError"),
}
#: Exception classes of the package that are not errors for a caller.
ALLOWED_CLASSES = {
    # pytest reports an AssertionError as a failed test, not as a crashed one.
    "crawlextract.pytest_plugin.GoldenMismatchError",
    # Control flow inside the markdown walk, caught where it is raised.
    "crawlextract._markdown.walk._Finished",
    # A signal between two functions of the Dask planner, caught where it is raised.
    "crawlextract._apps.warc.tasks._NotRecordAligned",
    # SIGINT or SIGTERM unwinding `batch` or `warc` like Ctrl-C (a KeyboardInterrupt);
    # caught by the command, which exits 128 + the signal.
    "crawlextract._apps.cli.stop.Stopped",
}


def _builtin_exceptions() -> set[str]:
    return {
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    }


def test_no_bare_built_in_exception_is_raised() -> None:
    """The source raises built-in exceptions only where listed, with the reason, above."""
    builtin_names = _builtin_exceptions()
    found = set()
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name) and target.id in builtin_names:
                found.add((path.relative_to(SOURCE).as_posix(), target.id))
    assert found <= ALLOWED_BUILTIN_RAISES, sorted(found - ALLOWED_BUILTIN_RAISES)


def test_every_exception_class_is_a_crawlextract_error() -> None:
    """Each exception class the package defines derives from CrawlextractError."""
    for module_info in pkgutil.walk_packages([str(SOURCE)], "crawlextract."):
        if not module_info.name.endswith("__main__"):  # runs the command when imported
            importlib.import_module(module_info.name)
    classes = [
        value
        for name, module in list(sys.modules.items())
        if name == "crawlextract" or name.startswith("crawlextract.")
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseException) and value.__module__ == name
    ]
    assert len(classes) > 5  # the walk found the package's errors
    for cls in classes:
        if f"{cls.__module__}.{cls.__qualname__}" in ALLOWED_CLASSES:
            continue
        assert issubclass(cls, CrawlextractError), cls


@pytest.mark.parametrize(
    "arguments", [{"workers": 0}, {"timeout": 0}, {"in_flight": 0}, {"workers": "2"}]
)
def test_extract_many_bad_values_are_input_value_errors(arguments: dict[str, object]) -> None:
    """extract_many's bad values raise InputValueError, still a ValueError for old callers."""
    with pytest.raises(InputValueError) as raised:
        list(crawlextract.extract_many([b"<p>x</p>"], **arguments))  # type: ignore[arg-type]
    assert isinstance(raised.value, ValueError)


def test_an_unknown_output_format_is_an_input_value_error() -> None:
    """Naming an output file neither .parquet nor .jsonl is an InputValueError."""
    from crawlextract._apps.columnar import output_format  # noqa: PLC0415 - optional module

    with pytest.raises(InputValueError, match="parquet"):
        output_format("rows.csv")


@pytest.mark.parametrize(
    ("module", "call", "package", "install"),
    [
        ("fastwarc", "crawlextract._apps.warc.jobs:_fastwarc", "fastwarc", "crawlextract[warc]"),
        ("pyarrow", "crawlextract._apps.columnar:_pyarrow", "pyarrow", "crawlextract[warc]"),
    ],
)
def test_a_missing_extra_is_a_missing_dependency_error(
    monkeypatch: pytest.MonkeyPatch, module: str, call: str, package: str, install: str
) -> None:
    """A missing optional package: MissingDependencyError (an ImportError) naming the extra."""
    monkeypatch.setitem(sys.modules, module, None)  # the import now fails
    module_name, function = call.split(":")
    with pytest.raises(
        MissingDependencyError, match=re.escape(f"pip install '{install}'")
    ) as raised:
        getattr(importlib.import_module(module_name), function)()
    assert raised.value.package == package
    assert isinstance(raised.value, ImportError)


def test_a_missing_distributed_is_a_missing_dependency_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The dask engine without distributed names the [dask] extra."""
    from crawlextract._apps.dask import extract_warc_dask  # noqa: PLC0415 - optional module

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r"crawlextract\[dask\]"):
        list(extract_warc_dask([str(tmp_path / "none.warc.gz")]))


def test_a_remote_warc_without_fsspec_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading s3:// without fsspec names the extra that installs it."""
    from crawlextract._apps.warc.jobs import open_warc  # noqa: PLC0415 - optional module

    monkeypatch.setitem(sys.modules, "fsspec", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'crawlextract\[remote\]'"):
        open_warc("s3://bucket/crawl.warc.gz")
