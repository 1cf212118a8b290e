"""Author names as pages write them, normalised (``docs/metadata.md``, "Authors").

One value may hold several names ("Ann Lee and Bo Chan", "Ann Lee, Bo Chan")
and words that are no name ("By Ann Lee", a profile URL, an email address, a
``@handle``). :func:`author_names` returns the names alone, one per entry.
"""

from __future__ import annotations

import re

from .head import collapse_whitespace

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
# Names a page puts in an author field when it has none.
_PLACEHOLDERS = frozenset({"undefined", "null", "none", "unknown", "n/a", "admin", "author"})
# Arrows and bullets: a link label or a list of details, never part of a name.
_NOT_IN_NAMES = frozenset("\u00bb\u00ab\u203a\u2039\u2192\u2022\u00b7")
# Different bylines on one page beyond which it is a list of articles: an
# article page has its own and, at most, those of a few related articles.
_MAX_DISTINCT_BYLINES = 3
# Where a byline's parts meet: a bullet, a pipe, a spaced dash.
_BYLINE_PARTS = re.compile(r"\s*[\u2022\u00b7|]\s*|\s+[-\u2013\u2014]\s+")
# Words in a name read from a byline element: more is a sentence, not a name.
_MAX_BYLINE_NAME_WORDS = 4
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


def is_a_name(name: str) -> bool:
    """Whether a normalised name is a name: no placeholder, label or link arrow."""
    # Not a placeholder, no label ("Topic Author"), no link arrow ("More »").
    lowered = name.casefold()
    return (
        lowered not in _PLACEHOLDERS
        and "author" not in lowered
        and not any(character in _NOT_IN_NAMES for character in name)
    )


def byline_names(bylines: list[str]) -> list[str]:
    """The names a page's byline elements give (``docs/metadata.md``, "Authors")."""
    # The first byline part that reads as names. A byline often goes on with
    # details ("By Ann Lee \u2022 March 3, 2025"): it is read in parts, split at
    # bullets, pipes and spaced dashes, and a part with a digit is no name.
    found = [names for byline in bylines if (names := _names_in_byline(byline))]
    # A page with bylines naming many different people is a list of articles
    # (teasers), and no one of them is the page's author.
    if len({tuple(names) for names in found}) > _MAX_DISTINCT_BYLINES:
        return []
    return found[0] if found else []


def _names_in_byline(byline: str) -> list[str]:
    for part in _BYLINE_PARTS.split(byline):
        names = author_names([part])
        if names and all(_looks_like_a_byline_name(name) for name in names):
            return names
    return []


def _looks_like_a_byline_name(name: str) -> bool:
    words = name.split()
    return len(words) <= _MAX_BYLINE_NAME_WORDS and not any(
        character.isdigit() for character in name
    )
