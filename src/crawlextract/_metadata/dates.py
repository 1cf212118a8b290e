"""Dates as pages write them, read into ISO 8601 (``docs/metadata.md``, "Dates").

Only what a date field says is read: a date is never guessed from the URL or
from the text of the page. A value that is not a real calendar date, or whose
day and month cannot be told apart (``03/04/2025``), gives ``None``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

# Years a web page can carry: before the web there were no pages, and a year
# far in the future is a typo or a placeholder.
_FIRST_YEAR = 1990
_LAST_YEAR = 2100

_ISO = re.compile(
    r"(?P<year>\d{4})-?(?P<month>\d{2})-?(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?",
    re.IGNORECASE,
)
_SLASHED = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b")
_NUMERIC = re.compile(r"\b(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4})\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# Epoch values taken as seconds (10 digits) or milliseconds (13 digits).
_MILLISECOND_DIGITS = 13


def iso_date(text: str | None) -> str | None:
    """Read a date as pages write it; ISO 8601 (``2025-08-25`` or with its time), else ``None``.

    A time is kept when the value has one, with its offset if it has one
    (``Z``, ``UTC`` and ``GMT`` become ``+00:00``).
    """
    if not text:
        return None
    value = text.strip()
    if _EPOCH.match(value):
        return _from_epoch(value)
    match = _ISO.match(value)
    if match:
        return _from_iso(match)
    return _from_words(value)


def _from_iso(match: re.Match[str]) -> str | None:
    date = _date(match["year"], match["month"], match["day"])
    if date is None or match["hour"] is None:
        return date
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return date
    zone = _offset(match["zone"])
    return f"{date}T{hour:02d}:{minute:02d}:{second:02d}{zone}"


def _offset(zone: str | None) -> str:
    if zone is None:
        return ""
    if zone.upper() in {"Z", "UTC", "GMT"}:
        return "+00:00"
    digits = zone[1:].replace(":", "")
    minutes = digits[2:] or "00"
    return f"{zone[0]}{digits[:2]}:{minutes}"


def _from_words(value: str) -> str | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)  # RFC 2822: "Mon, 25 Aug 2025 ..."
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and _FIRST_YEAR <= parsed.year <= _LAST_YEAR:
        return parsed.isoformat()
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.search(value)
        if match:
            month = _MONTHS[match["month"].lower()]
            return _date(match["year"], str(month), match["day"])
    match = _SLASHED.search(value)
    if match:
        return _date(match["year"], match["month"], match["day"])
    match = _NUMERIC.search(value)
    if match:
        return _day_month_or_month_day(match)
    return None


def _day_month_or_month_day(match: re.Match[str]) -> str | None:
    # 25/08/2025 can only be day-first and 08/25/2025 only month-first;
    # 03/04/2025 could be either, so it says nothing.
    first, second = int(match["first"]), int(match["second"])
    months_in_a_year = 12
    if first > months_in_a_year >= second:
        return _date(match["year"], str(second), str(first))
    if second > months_in_a_year >= first:
        return _date(match["year"], str(first), str(second))
    if first == second:
        return _date(match["year"], str(first), str(second))
    return None


def _from_epoch(value: str) -> str | None:
    seconds = int(value) / (1000 if len(value) == _MILLISECOND_DIGITS else 1)
    try:
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    if not _FIRST_YEAR <= moment.year <= _LAST_YEAR:
        return None
    return moment.isoformat()


def _date(year: str, month: str, day: str) -> str | None:
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not _FIRST_YEAR <= date.year <= _LAST_YEAR:
        return None
    return date.isoformat()
