"""Author names as pages write them, normalised (``docs/metadata.md``, "Authors").

One value may hold several names ("Ann Lee and Bo Chan", "Ann Lee, Bo Chan")
and words that are no name ("By Ann Lee", a profile URL, an email address, a
``@handle``). :func:`author_names` returns the names alone, one per entry.
"""

from __future__ import annotations

import re

from ._metadata import collapse_whitespace

# What introduces a name in a byline.
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reviewed|edited|story|text|words)\s+)?by\s*:?\s+"
    r"|^authors?\s*:?\s+"
    # The word "author" in a few other languages, followed by a colon.
    r"|^(?:autor(?:in|en|es|a)?|auteurs?|autore|autori|auteur|\u0430\u0432\u0442\u043e\u0440"
    r"|f\u00f6rfattare|forfatter)\s*:\s*",
    re.IGNORECASE,
)
# Where one name ends and the next begins: "and", "&", ";", "|", a comma.
_SEPARATORS = re.compile(r"\s+(?:and|&)\s+|\s*[;|\n]\s*|\s*,\s*(?:and\s+)?", re.IGNORECASE)
# What follows a name after a comma without being another name: degrees and
# generational suffixes ("Ann Lee, Ph.D.", "Bo Chan, Jr.").
_SUFFIX = re.compile(
    r"^(?:jr|sr|ii|iii|iv|phd|ph\.?\s?d|md|m\.?d|do|rn|mba|msc|ms|ma|bsc|ba|cpa|cfa|esq|dvm"
    r"|pharmd|faan|facp|mph|lcsw|psyd)\.?$",
    re.IGNORECASE,
)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|^www\.|^[\w.-]+\.[a-z]{2,}/", re.IGNORECASE)
_EMAIL = re.compile(r"^\S+@\S+\.\S+$")
# Longer than any name a byline holds: a sentence or a bio, not a name.
_MAX_NAME_CHARS = 100
_MAX_NAME_WORDS = 10


def author_names(values: list[str]) -> list[str]:
    """The names in ``values``, normalised, in order, without repeats (case-insensitively)."""
    names: dict[str, str] = {}
    for value in values:
        for name in _split(value):
            names.setdefault(name.casefold(), name)
    return list(names.values())


def _split(value: str) -> list[str]:
    text = collapse_whitespace(value.replace("\u00a0", " "))
    if text is None or _is_not_a_name(text):
        return []
    text = _BYLINE_PREFIX.sub("", text).strip()
    names: list[str] = []
    for part in _SEPARATORS.split(text):
        name = _BYLINE_PREFIX.sub("", part.strip(" \t-\u2013\u2014:")).strip()
        if not name:
            continue
        if names and _SUFFIX.match(name):
            names[-1] = f"{names[-1]}, {name}"
        elif not _is_not_a_name(name):
            names.append(name)
    return names


def _is_not_a_name(text: str) -> bool:
    return (
        bool(_URL.match(text))
        or bool(_EMAIL.match(text))
        or text.startswith("@")
        or len(text) > _MAX_NAME_CHARS
        or len(text.split()) > _MAX_NAME_WORDS
        or not any(character.isalpha() for character in text)
    )
