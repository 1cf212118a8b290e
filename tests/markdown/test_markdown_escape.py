"""Escaping page text so it never turns into markdown markup."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

import crawlextract
from crawlextract._markdown.escape import clean_text, code_span, escape_line_start, escape_text

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html).markdown


def text_of(markdown: str) -> str:
    """The plain text markdown-it reads from markdown (text and code spans only)."""
    parts = []
    for token in PARSER.parse(markdown):
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                else:
                    parts.append(f"<{child.type}>")
        elif token.type not in ("paragraph_open", "paragraph_close"):
            parts.append(f"<{token.type}>")
    return "".join(parts)


TEXTS = [
    "2*3*4 and *stars* and **bold**",
    "_under_ and __dunder__ and snake_case_name",
    "[link](http://x) and ![img](y) and [ref]",
    "`code` and ``double``",
    "<b>tag</b> <http://autolink> <!-- comment --> <?pi?>",
    "&copy; &amp; &#169; AT&T",
    "back\\slash\\* and trailing\\",
    "~~strike~~ and ~approx",
    "a | b | c",
    "# heading",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2024) year",
    "===",
    "---",
    "***",
    "_ _ _",
    "|---|---|",
    ":--|--:",
    "    indented",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_round_trips(text: str) -> None:
    """Escaped page text parses back to exactly the same text, with no markup."""
    html = "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>"
    assert text_of(md(html)) == text.strip()


def test_script_text_never_live() -> None:
    """<script> written as page text renders as text, never as an HTML tag."""
    out = md("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;img src=x onerror=y&gt;</p>")
    rendered = PARSER.render(out)
    assert "<script" not in rendered
    assert "<img" not in rendered


def test_prose_not_over_escaped() -> None:
    """Ordinary prose keeps its punctuation unescaped."""
    text = "Hello, world! It's 5 * 3 = 15 (roughly); snake_case, C# and e-mail: ok? #1 #tag"
    assert md(f"<p>{text}</p>") == text


def test_escape_text_rules() -> None:
    """Each candidate character is escaped only where it could become markup."""
    assert escape_text("a*b a * b") == "a\\*b a * b"
    assert escape_text("x_y _x") == "x_y \\_x"
    assert escape_text("a < b <c") == "a < b \\<c"
    assert escape_text("&amp; & x") == "\\&amp; & x"


def test_line_start_rules() -> None:
    """Only line starts that open a block are escaped."""
    assert escape_line_start("# x") == "\\# x"
    assert escape_line_start("#x") == "#x"
    assert escape_line_start("12. x") == "12\\. x"
    assert escape_line_start("12.5 x") == "12.5 x"
    assert escape_line_start("+1") == "+1"


def test_code_span_round_trip() -> None:
    """A code span of any backtick content reads back as that content."""
    for content in ["a", "`", "a``b", "``x``", "` a `"]:
        tokens = PARSER.parse(code_span(content, in_table=False))[1].children
        assert tokens is not None
        assert tokens[0].type == "code_inline"
        assert tokens[0].content == content


def test_control_characters_removed() -> None:
    """Control characters in page text never reach the output."""
    assert md("<p>a\x01b\x7fc\x9fd</p>") == "abcd"


def test_unused_marker_characters_removed() -> None:
    """A character of the marker range other than the marker itself is dropped from text."""
    assert clean_text("a\udbff b\ud801") == "a b"
