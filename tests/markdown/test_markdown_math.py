"""MathML formulas in the native markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

import crawlextract

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url="https://example.com/").markdown


def html_of(markdown: str) -> str:
    """Helper: markdown rendered to HTML (CommonMark + GFM tables)."""
    return _MARKDOWN.render(markdown).strip()


def test_tex_annotation_first() -> None:
    """The TeX annotation is the formula, written between dollars."""
    html = (
        "<p>E = <math><semantics><mrow><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow>"
        '<annotation encoding="application/x-tex">mc^{2}</annotation></semantics></math></p>'
    )
    assert md(html) == "E = $mc^{2}$"


def test_alttext_when_no_annotation() -> None:
    """Without a TeX annotation the alttext is the formula."""
    assert md('<p>so <math alttext="a+b"><mi>a</mi><mo>+</mo><mi>b</mi></math>.</p>') == "so $a+b$."


def test_text_when_nothing_else() -> None:
    """Without TeX or alttext the token elements' text, space-separated, is the formula."""
    assert md("<p><math><mi>x</mi><mo>=</mo><mn>1</mn></math></p>") == "$x = 1$"


def test_display_block_is_its_own_paragraph() -> None:
    """display="block" writes $$...$$ on a line of its own."""
    html = '<p>Then<math display="block" alttext="x^2"></math>holds.</p>'
    assert md(html) == "Then\n\n$$x^2$$\n\nholds."


def test_angle_brackets_never_become_html() -> None:
    """Angle brackets in a formula become TeX's lt and gt, so no HTML tag can form."""
    assert md('<math alttext="a<b>c"></math>') == "$a\\lt b\\gt c$"


def test_pipe_escaped_in_a_table_cell() -> None:
    """A formula in a table cell escapes its pipes."""
    html = (
        "<table><tr><th>f</th><th>n</th></tr>"
        '<tr><td><math alttext="|x|"></math></td><td>1</td></tr></table>'
    )
    assert md(html).split("\n")[2] == "| $\\|x\\|$ | 1 |"


def test_empty_math_writes_nothing() -> None:
    """A formula with no TeX and no text writes nothing."""
    assert md("<p>a<math></math>b</p>") == "ab"


def test_formula_text_never_makes_a_link() -> None:
    """Text in a formula that looks like a link stays inert, and a bare $ is escaped."""
    assert md("<math><mi>[a](javascript:x)</mi></math>") == "$[a] (javascript:x)$"
    assert md('<math alttext="5$ and \\$"></math>') == "$5\\$ and \\$$"
