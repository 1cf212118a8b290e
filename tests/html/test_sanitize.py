"""Converter markdown loses unsafe link targets and keeps everything else."""

from __future__ import annotations

import pytest

from crawlextract._html.sanitize import strip_unsafe_links


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [("see [this](javascript:alert(1)) now", "see this now"),
     ("a ![pixel](data:image/gif;base64,R0lG) b", "a  b"),
     ("[x]( JavaScript:void(0) )", "x"),
     ("[x](<vbscript:msgbox>)", "x"),
     ("go <javascript:alert(1)> there", "go  there"),
     ("[1]: javascript:alert(1)\ntext", "\ntext"),
     ("[a [b] c](javascript:x)", "[a [b] c](#x)")],
)  # fmt: skip
def test_unsafe_targets_removed(markdown: str, expected: str) -> None:
    """Links keep their text, images and autolinks go, whatever the case or spacing."""
    assert strip_unsafe_links(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    ["[ok](https://e.com/a_(b))", "![i](https://e.com/i.png)", "prose about javascript: is fine",
     "no links at all", '[t](/relative "title")'],
)  # fmt: skip
def test_safe_markdown_unchanged(markdown: str) -> None:
    """Safe links, images and prose mentioning a scheme are left alone."""
    assert strip_unsafe_links(markdown) == markdown


@pytest.mark.parametrize("markdown", ["[t](<\x01javascript:x>)", "[a [b]](<\x01javascript:x>)"])
def test_control_characters_before_the_scheme_do_not_hide_it(markdown: str) -> None:
    """Browsers skip leading control characters in a URL, so such a target is still unsafe."""
    assert "javascript" not in strip_unsafe_links(markdown).lower()
