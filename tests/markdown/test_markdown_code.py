"""Code blocks and code spans in the native markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

import crawlextract


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html).markdown


def test_pre_is_fenced_and_verbatim() -> None:
    """Whitespace inside <pre> is kept exactly, tabs and blank lines included."""
    code = "def f():\n\treturn  1\n\n\n    # end"
    assert md(f"<pre>{code}</pre>") == f"```\n{code}\n```"


def test_language_from_class() -> None:
    """language-xx / lang-xx on <pre> or its <code> names the fence language."""
    assert md('<pre><code class="hl language-python">x</code></pre>') == "```python\nx\n```"
    assert md('<pre class="lang-js">y</pre>') == "```js\ny\n```"


def test_fence_longer_than_backtick_runs() -> None:
    """A fence is longer than any backtick run in the code, which parses back verbatim."""
    code = "a\n```\nb ````"
    out = md(f"<pre>{code}</pre>")
    assert out.startswith("`````\n")
    tokens = MarkdownIt("commonmark").parse(out)
    assert tokens[0].type == "fence"
    assert tokens[0].content == code + "\n"


def test_br_in_pre_is_newline() -> None:
    """A <br> inside <pre> is a line break in the code."""
    assert md("<pre>a<br>b</pre>") == "```\na\nb\n```"


def test_inline_code_backticks() -> None:
    """Code spans use a longer fence and pad a span that starts or ends with a backtick."""
    assert md("<p><code>a`b</code> <code>`x</code></p>") == "``a`b`` `` `x ``"


def test_inline_code_not_escaped() -> None:
    """Markdown characters inside code are literal, not backslash-escaped."""
    assert md("<p>run <code>a*b_[c]</code> now</p>") == "run `a*b_[c]` now"


def test_inline_code_spaces_outside() -> None:
    """Spaces at the edge of <code> go outside the span, so words are not glued."""
    assert md("<p>a<code> b </code>c</p>") == "a `b` c"


def test_pre_in_table_cell_is_code_span() -> None:
    """A <pre> inside a cell becomes a one-line code span."""
    html = (
        "<table><tr><td><pre>x\n  y</pre></td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>"
    )
    assert md(html).split("\n")[0] == "| `x y` | b |"


def test_huge_single_line_pre() -> None:
    """A 5 MB single-line <pre> is copied through in linear time."""
    line = "x" * 5_000_000
    assert md(f"<pre>{line}</pre>") == f"```\n{line}\n```"


def test_adjacent_code_spans_merge() -> None:
    """Two code spans in a row become one (their fences would merge into one run)."""
    assert md("<p><code>a</code><code>`b</code> <code>c</code></p>") == "``a`b`` `c`"


def test_inline_code_skips_form_controls() -> None:
    """Text of a <textarea> or hidden element inside <code> is not code text."""
    assert md("<p><code>x<textarea>t</textarea><span hidden>h</span></code></p>") == "`x`"


def test_long_run_of_adjacent_code_spans_is_split() -> None:
    """Adjacent spans merge up to a bounded length, then start afresh after a space."""
    out = md("<p>" + "<code>ab</code>" * 200 + "</p>")
    spans = out.split(" ")
    assert len(spans) == 2
    assert all(span.startswith("`") and span.endswith("`") for span in spans)
    assert out.replace("`", "").replace(" ", "") == "ab" * 200
