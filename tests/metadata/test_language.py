"""Language detection with the [lang] extra (crawlextract._metadata.language)."""

from __future__ import annotations

import pytest

import crawlextract
from crawlextract import MissingDependencyError, Options
from crawlextract._metadata import language as _language
from crawlextract._metadata.language import detect_language

pytest.importorskip("py3langid")

GERMAN = (
    "<html><body><p>Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen "
    "Regeln für den Wohnungsbau ab dem kommenden Jahr gelten sollen.</p></body></html>"
)


@pytest.mark.parametrize("backend", ["lexbor", "lxml"])
def test_detects_the_language_of_paragraph_text(backend: str) -> None:
    """Asked for, the page's paragraphs give `detected_language` (ISO 639-1)."""
    options = Options(metadata=backend, detect_language=True)
    assert crawlextract.extract(GERMAN, options=options).metadata.detected_language == "de"


def test_no_detection_unless_asked() -> None:
    """By default nothing is detected, even with the extra installed."""
    assert crawlextract.extract(GERMAN).metadata.detected_language is None


def test_asking_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection asked for without py3langid raises an error naming the `[lang]` extra."""
    monkeypatch.setattr(_language, "_installed", lambda: False)
    metadata = crawlextract.extract(GERMAN, options=Options(detect_language=True)).metadata
    with pytest.raises(MissingDependencyError, match=r"crawlextract\[lang\]"):
        _ = metadata.detected_language


def test_short_text_is_not_detected() -> None:
    """A few words say too little: no language."""
    assert detect_language("Hello there") is None
