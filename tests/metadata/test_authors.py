"""Author names normalised (crawlextract._metadata.authors)."""

from __future__ import annotations

import pytest

from crawlextract._metadata.authors import author_names


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["By Ann Lee"], ["Ann Lee"]),
        (["Written by: Ann Lee"], ["Ann Lee"]),
        (["Author: Ann Lee"], ["Ann Lee"]),
        (["Autor: Jan Nowak"], ["Jan Nowak"]),
        (
            ["\u0410\u0432\u0442\u043e\u0440: \u0418\u0432\u0430\u043d"],
            ["\u0418\u0432\u0430\u043d"],
        ),
        (["Ann Lee and Bo Chan"], ["Ann Lee", "Bo Chan"]),
        (["Ann Lee & Bo Chan; Cy Dee"], ["Ann Lee", "Bo Chan", "Cy Dee"]),
        (["Ann Lee, Bo Chan, and Cy Dee"], ["Ann Lee", "Bo Chan", "Cy Dee"]),
        (["Ann Lee, Jr."], ["Ann Lee, Jr."]),
        (["Ann Lee", "ann lee"], ["Ann Lee"]),
        (["  Ann \n Lee "], ["Ann Lee"]),
        (["https://example.com/ann"], []),
        (["www.example.com"], []),
        (["ann@example.com"], []),
        (["@annlee"], []),
        (["1234"], []),
        (["x" * 200], []),
    ],
)
def test_author_names(values: list[str], expected: list[str]) -> None:
    """Bylines lose their prefix, lists split, URLs/emails/handles are dropped."""
    assert author_names(values) == expected
