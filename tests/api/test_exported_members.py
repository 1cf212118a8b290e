import re
from pathlib import Path

import crawlextract

API_DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def documented_names():
    """The names docs/api.md documents, one `::: crawlextract.NAME` entry each."""
    text = API_DOC.read_text(encoding="utf-8")
    return re.findall(r"^::: crawlextract\.(\w+)\s*$", text, flags=re.MULTILINE)


def test_all_matches_the_documented_api():
    """crawlextract.__all__ and the API reference list exactly the same names."""
    documented = documented_names()
    assert len(documented) == len(set(documented)), "a name is documented twice"
    assert sorted(crawlextract.__all__) == sorted(documented)


def test_every_exported_name_exists_and_is_public_by_its_module():
    """Each name in __all__ is importable from the package and not a private object."""
    for name in crawlextract.__all__:
        member = getattr(crawlextract, name)
        if name.startswith("__"):
            continue
        assert not name.startswith("_")
        module = getattr(member, "__module__", "crawlextract")
        assert module.startswith("crawlextract"), (name, module)


def test_exported_callables_and_classes_have_docstrings():
    """Everything exported that can carry a docstring has one (the API page is built from them)."""
    for name in crawlextract.__all__:
        member = getattr(crawlextract, name)
        if callable(member):
            assert (member.__doc__ or "").strip(), name


def test_warc_module_matches_the_documented_api():
    """crawlextract.warc.__all__ and its section of the API reference list the same names."""
    import crawlextract.warc  # noqa: PLC0415 - the module under test

    text = API_DOC.read_text(encoding="utf-8")
    documented = re.findall(r"^::: crawlextract\.warc\.(\w+)\s*$", text, flags=re.MULTILINE)
    assert sorted(crawlextract.warc.__all__) == sorted(documented)
