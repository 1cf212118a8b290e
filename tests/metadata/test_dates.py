"""Dates as pages write them, read into ISO 8601 (crawlextract._metadata.dates)."""

from __future__ import annotations

import pytest

from crawlextract._metadata.dates import iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-08-25", "2025-08-25"),
        ("20250825", "2025-08-25"),
        ("2025-08-25T10:00:00Z", "2025-08-25T10:00:00+00:00"),
        ("2025-08-25T10:00:00.123+0530", "2025-08-25T10:00:00+05:30"),
        ("2025-08-25 10:00", "2025-08-25T10:00:00"),
        ("2025-08-25T10:00:00 GMT", "2025-08-25T10:00:00+00:00"),
        ("Mon, 25 Aug 2025 10:00:00 GMT", "2025-08-25T10:00:00+00:00"),
        ("August 25, 2025", "2025-08-25"),
        ("Aug. 25th, 2025", "2025-08-25"),
        ("Published 25 August 2025", "2025-08-25"),
        ("2025/8/25", "2025-08-25"),
        ("25/08/2025", "2025-08-25"),
        ("08/25/2025", "2025-08-25"),
        ("1756116000", "2025-08-25T10:00:00+00:00"),
        ("1756116000000", "2025-08-25T10:00:00+00:00"),
    ],
)
def test_common_forms_read(text: str, expected: str) -> None:
    """The forms pages use come out as ISO 8601, with the time when one is given."""
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "soon", "03/04/2025", "2025-02-30", "1850-01-01", "2025-13-01", "99999999999", None],
)
def test_no_date_from_what_is_not_one(text: str | None) -> None:
    """Ambiguous day/month, impossible days, implausible years and words give None."""
    assert iso_date(text) is None
