"""Choosing extractors: by name, by object, through presets and entry points."""

from __future__ import annotations

from typing import ClassVar

import pytest

import crawlextract
from crawlextract import InputTypeError, MissingDependencyError, Options, UnknownExtractorError
from crawlextract._registry import BUILTINS, _Builtin


class Shouting:
    """A custom readable extractor passed as an object."""

    name: ClassVar[str] = "shouting"
    output: ClassVar[str] = "readable"

    def extract(self, document: object) -> str:  # noqa: ARG002 - the protocol's signature
        """Return a fixed text."""
        return "HELLO"


def test_every_output_has_a_builtin() -> None:
    """Each of the four outputs has at least one built-in extractor."""
    outputs = {info.output for info in crawlextract.available_extractors()}
    assert outputs == {"metadata", "boilerpipe", "markdown", "readable"}


def test_available_extractors_filters_by_output() -> None:
    """Asking for one output lists only its extractors."""
    infos = crawlextract.available_extractors("readable")
    assert {info.output for info in infos} == {"readable"}
    everything = crawlextract.available_extractors()
    assert infos == [info for info in everything if info.output == "readable"]
    assert {"native", "trafilatura", "readability"} <= {info.name for info in infos}


def test_unknown_name_lists_the_choices() -> None:
    """An unknown name raises UnknownExtractorError naming what is available."""
    with pytest.raises(UnknownExtractorError, match="available: native"):
        crawlextract.extract("<p>x</p>", options=Options(markdown="nope"))


def test_extractor_passed_as_object() -> None:
    """An object following the protocol can be passed instead of a name."""
    page = crawlextract.extract("<p>x</p>", options=Options(readable=Shouting()))
    assert page.readable_markdown == "HELLO"


def test_object_for_the_wrong_output_is_refused() -> None:
    """An extractor that makes another output is a type error."""
    with pytest.raises(InputTypeError, match="makes 'readable'"):
        crawlextract.extract("<p>x</p>", options=Options(markdown=Shouting()))


def test_non_extractor_object_is_refused() -> None:
    """Something without `extract` is a type error, not a late AttributeError."""
    with pytest.raises(InputTypeError):
        crawlextract.extract("<p>x</p>", options=Options(markdown=42))  # type: ignore[arg-type]


def test_missing_dependency_names_the_extra() -> None:
    """A backend whose package is missing raises MissingDependencyError naming the extra."""
    ghost = _Builtin("readable", "ghost", "x:Y", "test", ("no_such_module_xyz",), "ghost-extra")
    with pytest.raises(MissingDependencyError, match=r"crawlextract\[ghost-extra\]"):
        ghost.load()


def test_presets_by_name() -> None:
    """A preset name selects its extractors; an unknown preset is a type error."""
    page = crawlextract.extract("<title>t</title><p>x</p>", options="reference")
    assert page.metadata.title == "t"
    with pytest.raises(InputTypeError, match="unknown preset"):
        crawlextract.extract("<p>x</p>", options="turbo")


def test_options_are_frozen() -> None:
    """Options cannot be changed in place; `replace` makes a changed copy."""
    options = Options()
    with pytest.raises(AttributeError):
        options.markdown = "markdownify"  # type: ignore[misc]
    assert options.replace(markdown="markdownify").markdown == "markdownify"
    assert options.markdown == "native"


def test_builtins_point_at_real_classes() -> None:
    """Every built-in whose dependencies are installed loads and names itself correctly."""
    for builtin in BUILTINS:
        if builtin.installed:
            extractor = builtin.load()
            assert (extractor.output, extractor.name) == (builtin.output, builtin.name)


def test_failing_extractor_is_reported_not_raised() -> None:
    """A backend bug gives an empty output and a page warning; other outputs still work."""

    class Broken:
        name = "broken"
        output = "markdown"

        def extract(self, document: object) -> str:  # noqa: ARG002 - the protocol's signature
            raise ValueError("boom")

    page = crawlextract.extract("<title>t</title>", options=Options(markdown=Broken()))
    assert page.markdown == ""
    assert any("boom" in warning for warning in page.warnings)
    assert page.metadata.title == "t"


def test_entry_point_plugins_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    """An extractor registered under the entry-point group is listed and usable by name."""

    class FakeEntryPoint:
        value = "fake_pkg:Shouting"

        def load(self) -> type:
            return Shouting

    monkeypatch.setattr(
        "importlib.metadata.entry_points",
        lambda group: [FakeEntryPoint()],  # noqa: ARG005
    )
    crawlextract.refresh_extractors()
    try:
        names = [info.name for info in crawlextract.available_extractors("readable")]
        assert "shouting" in names
        page = crawlextract.extract("<p>x</p>", options=Options(readable="shouting"))
        assert page.readable_markdown == "HELLO"
    finally:
        monkeypatch.undo()
        crawlextract.refresh_extractors()
    assert "shouting" not in [info.name for info in crawlextract.available_extractors("readable")]
