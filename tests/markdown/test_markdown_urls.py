"""Link target resolution and markdown-safe URLs."""

from __future__ import annotations

import pytest

from crawlextract._base.urls import resolve
from crawlextract._markdown.urls import LinkTargets, markdown_safe

BASE = "https://example.com/dir/page.html?q=1#frag"


@pytest.mark.parametrize(
    "href",
    [
        "https://other.org/x", "http://other.org/", "//cdn.example.net/a.png", "/root",
        "/a/./b/../c", "#top", "?page=2", "?page=2#x", "rel/path", "../up", "./same",
        "mailto:a@example.com", "", "  /spaced  ",
    ],
)  # fmt: skip
def test_fast_paths_match_resolve(href: str) -> None:
    """The hand-joined forms give what crawlextract._base.urls.resolve gives."""
    expected = resolve(href, BASE)
    assert expected is not None
    assert LinkTargets(BASE).target(href) == markdown_safe(expected)


@pytest.mark.parametrize(
    "href", ["javascript:x", " javascript:x", "\x01javascript:x", "DATA:x", "vbscript:x"]
)
def test_unsafe_is_none(href: str) -> None:
    """Unsafe schemes give None, whatever their case or leading junk."""
    assert LinkTargets(BASE).target(href) is None


def test_markdown_safe_encodes() -> None:
    """Characters that end a destination or split a table are percent-encoded."""
    assert markdown_safe("https://x/a b(c)<d>|e`f\\g") == (
        "https://x/a%20b%28c%29%3Cd%3E%7Ce%60f%5Cg"
    )


def test_markdown_safe_removes_newlines() -> None:
    """Tabs and newlines inside a URL are removed, as browsers do."""
    assert markdown_safe("https://x/a\nb\tc") == "https://x/abc"


def test_no_base_keeps_relative() -> None:
    """Without a base a relative target is kept as written."""
    assert LinkTargets(None).target("a/b") == "a/b"
