"""Languages: declared tags normalised, and detection from text with the ``[lang]`` extra.

py3langid (a maintained fork of langid.py, BSD licence) ships its model in
the package (about 4.5 MB), runs offline and needs only NumPy. Detection runs
only when ``Options(detect_language=True)`` asks for it: it costs about as much
as the rest of the extended page details together, so a pipeline that has the
extra installed for one job does not pay for it in every other.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import threading
from typing import TYPE_CHECKING, Any

from crawlextract._base.exceptions import MissingDependencyError

if TYPE_CHECKING:
    from collections.abc import Callable


# Texts shorter than this say too little: a heading or a button label is
# often detected as a language it is not written in.
MIN_TEXT_CHARS = 40
# The normalised probability below which the detector's answer is dropped: at
# even odds it is as likely wrong as right. (Set by reasoning, not tuned: the
# benchmark ground truths have no language.)
MIN_CONFIDENCE = 0.5

_LOAD_LOCK = threading.Lock()
# A BCP 47 language tag as pages write it (en, en-US, en_US, zh-Hant-TW).
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$", re.IGNORECASE)


def language_detector(extractor: str, *, wanted: bool) -> Callable[[str], str | None] | None:
    """The detector when detection is ``wanted`` (``Options.detect_language``), else ``None``.

    Raises:
        MissingDependencyError: detection was asked for without the ``[lang]`` extra.
    """
    if not wanted:
        return None
    if not _installed():
        raise MissingDependencyError(extractor, "py3langid", "lang")
    return detect_language


@functools.cache
def _installed() -> bool:
    return importlib.util.find_spec("py3langid") is not None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, ``None`` when unsure."""
    if len(text.strip()) < MIN_TEXT_CHARS:
        return None
    language, probability = _identifier().classify(text)
    return str(language) if probability >= MIN_CONFIDENCE else None


@functools.cache
def _identifier() -> Any:
    # Loading the model takes about a second: once per process, on first use.
    with _LOAD_LOCK:
        from py3langid.langid import (  # noqa: PLC0415 - an optional extra
            MODEL_FILE,
            LanguageIdentifier,
        )

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_tag(text: str) -> str | None:
    """A language tag in its usual case (``en``, ``en-US``, ``zh-Hant``), ``None`` if not one."""
    value = text.strip()
    if not _LANGUAGE_TAG.match(value):
        return None
    subtags = value.replace("_", "-").split("-")
    shaped = [subtags[0].lower()]
    for subtag in subtags[1:]:
        if len(subtag) == 2 and subtag.isalpha():
            shaped.append(subtag.upper())
        elif len(subtag) == 4 and subtag.isalpha():
            shaped.append(subtag.title())
        else:
            shaped.append(subtag.lower())
    return "-".join(shaped)
