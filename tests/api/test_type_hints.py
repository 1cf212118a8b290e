"""Every public name's annotations resolve at run time (``typing.get_type_hints``).

Tools that read annotations at run time (pydantic, cattrs, typer, IDE
introspection, docs builders) call ``get_type_hints``; a name imported only
for type checkers makes it raise ``NameError``.
"""

from __future__ import annotations

import importlib
import inspect
import typing

import pytest

PUBLIC_MODULES = (
    "crawlextract",
    "crawlextract.typing",
    "crawlextract.testing",
    "crawlextract.warc",
)


def _public_members() -> list[tuple[str, object]]:
    members = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        members.extend((f"{module_name}.{name}", getattr(module, name)) for name in module.__all__)
    return members


def _annotated(member: object) -> list[tuple[str, object]]:
    """The member itself, and for a class each of its own functions and properties."""
    if not isinstance(member, type):
        return [("", member)] if callable(member) else []
    found: list[tuple[str, object]] = [("", member)]
    for attribute, value in vars(member).items():
        function = value.fget if isinstance(value, property) else value
        if inspect.isfunction(function):
            found.append((f".{attribute}", function))
    return found


@pytest.mark.parametrize(("name", "member"), _public_members(), ids=lambda value: str(value)[:60])
def test_get_type_hints_resolves(name: str, member: object) -> None:
    """get_type_hints works on the name and on each method of an exported class."""
    for suffix, annotated in _annotated(member):
        try:
            hints = typing.get_type_hints(annotated)
        except TypeError:
            # Not annotatable (a typing special form or an alias such as a Union).
            assert not callable(annotated) or not hasattr(annotated, "__annotations__"), name
            continue
        own = getattr(annotated, "__annotations__", {})
        assert set(own) <= set(hints), f"{name}{suffix}"


def test_exported_classes_are_named_by_the_package() -> None:
    """Exported classes say crawlextract.Name, so reprs and pickles do not name private modules."""
    import crawlextract  # noqa: PLC0415 - the module under test

    for name in crawlextract.__all__:
        member = getattr(crawlextract, name)
        if isinstance(member, type):
            assert member.__module__ == "crawlextract", name
            assert getattr(crawlextract, member.__qualname__) is member
