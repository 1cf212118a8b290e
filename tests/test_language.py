"""Language detection with the [lang] extra (crawlextract._language)."""

from __future__ import annotations

import pytest

import crawlextract
from crawlextract._language import detect_language, language_detector

pytest.importorskip("py3langid")


def test_detects_the_language_of_paragraph_text() -> None:
    """A page's paragraphs give `detected_language` (ISO 639-1)."""
    html = (
        "<html><body><p>Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen "
        "Regeln für den Wohnungsbau ab dem kommenden Jahr gelten sollen.</p></body></html>"
    )
    assert crawlextract.extract(html).metadata.detected_language == "de"


def test_short_text_is_not_detected() -> None:
    """A few words say too little: no language."""
    assert detect_language("Hello there") is None


def test_detector_is_available_with_the_extra() -> None:
    """With py3langid installed, the detector is used."""
    assert language_detector() is detect_language
