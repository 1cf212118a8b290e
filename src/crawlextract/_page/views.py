"""How a :class:`~crawlextract.Page` shows itself in a notebook (HTML and markdown).

Page text is untrusted: every string from the page is escaped, the rendered
markdown never passes raw HTML through, and nothing here emits a script.
"""

from __future__ import annotations

import html
import re
from typing import Protocol

from crawlextract._metadata.head import Metadata

from .filters import PageFilters


class Page(Protocol):
    """What the views read of a :class:`~crawlextract.Page` (so they need not import it)."""

    @property
    def url(self) -> str | None:
        """The page URL."""
        ...

    @property
    def encoding(self) -> str | None:
        """The encoding used."""
        ...

    @property
    def metadata(self) -> Metadata:
        """The page details."""
        ...

    @property
    def filters(self) -> PageFilters:
        """The page filters."""
        ...

    @property
    def warnings(self) -> tuple[str, ...]:
        """What was cut or failed."""
        ...

    @property
    def readable_markdown(self) -> str:
        """The readable markdown."""
        ...


#: The three text outputs: (label, ``Page`` attribute, id used by the report).
OUTPUTS: tuple[tuple[str, str, str], ...] = (
    ("Boilerpipe text", "boilerpipe_text", "boilerpipe"),
    ("Markdown", "markdown", "markdown"),
    ("Readable markdown", "readable_markdown", "readable"),
)

# Characters with a meaning inside a line of markdown (`<` starts raw HTML,
# `&` an entity, `|` a table cell): backslash-escaped wherever page text is
# put into a table cell. Line-start markers (#, -, 1.) cannot occur there.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def detail_rows(page: Page) -> list[tuple[str, str]]:
    """Return the page details as ``(label, value)`` rows, as the inspector shows them."""
    metadata = page.metadata
    return [
        ("URL", page.url or "(not given)"),
        ("Title", metadata.title or "(none)"),
        ("Description", metadata.description or "(none)"),
        ("Canonical", metadata.canonical or "(none)"),
        ("Encoding", page.encoding or "(given as text)"),
        ("Language", metadata.language or "(none)"),
        ("Robots", ", ".join(metadata.robots) or "(none)"),
        ("Authors", "; ".join(metadata.authors) or "(none)"),
        ("Published", metadata.published or "(none)"),
        ("Modified", metadata.modified or "(none)"),
        ("Site name", metadata.site_name or "(none)"),
        ("Image", metadata.image or "(none)"),
        ("Languages", _languages(metadata.declared_language, metadata.detected_language)),
        ("Keywords", ", ".join(metadata.keywords) or "(none)"),
        ("Categories", ", ".join(metadata.categories) or "(none)"),
        ("Page type", metadata.page_type or "(none)"),
    ]


def _languages(declared: str | None, detected: str | None) -> str:
    # One short row for both, so every label stays as narrow as "Description".
    return f"declared {declared or '(none)'}, detected {detected or '(none)'}"


def filter_rows(page: Page) -> list[tuple[str, str]]:
    """Return the page filters as ``(label, value)`` rows."""
    filters = page.filters
    canonical = {
        "not set": "not set",
        "self": "self",
        "other": f"other URL: {page.metadata.canonical}",
        "unknown": "declared, but the page URL was not given",
    }[filters.canonical]
    noindex = "yes: robots say noindex" if filters.noindex else "no"
    return [("Canonical", canonical), ("Noindex", noindex)]


def page_html(page: Page) -> str:
    """Return the notebook HTML view of a page (``Page._repr_html_``)."""
    rows = ["<tr><th colspan='2' style='text-align:left'>Page details</th></tr>"]
    rows += [_html_row(label, value) for label, value in detail_rows(page)]
    rows.append("<tr><th colspan='2' style='text-align:left'>Page filters</th></tr>")
    rows += [_html_row(label, value) for label, value in filter_rows(page)]
    parts = [
        "<div class='crawlextract-page'>",
        f"<table>{''.join(rows)}</table>",
    ]
    if page.warnings:
        items = "".join(f"<li>{html.escape(warning)}</li>" for warning in page.warnings)
        parts.append(f"<p><strong>Warnings</strong></p><ul>{items}</ul>")
    parts.append("<h4>Readable markdown</h4>")
    rendered = markdown_to_html(page.readable_markdown)
    parts.append(f"<div class='crawlextract-readable'>{rendered}</div>")
    for label, attribute, _ in OUTPUTS:
        text: str = getattr(page, attribute)
        summary = f"{label} ({len(text):,} characters)"
        parts.append(
            f"<details><summary>{html.escape(summary)}</summary>"
            f"<pre style='white-space:pre-wrap'>{html.escape(text)}</pre></details>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def page_markdown(page: Page) -> str:
    """Return the notebook markdown view of a page (``Page._repr_markdown_``)."""
    lines = ["| Page details | |", "|---|---|"]
    lines += [f"| {label} | {escape_markdown(value)} |" for label, value in detail_rows(page)]
    lines += ["", "| Page filters | |", "|---|---|"]
    lines += [f"| {label} | {escape_markdown(value)} |" for label, value in filter_rows(page)]
    if page.warnings:
        lines += ["", "**Warnings**", ""]
        lines += [f"- {escape_markdown(warning)}" for warning in page.warnings]
    readable = page.readable_markdown.strip("\n")
    lines += ["", "#### Readable markdown", "", neutralise_html(readable) or "*(empty)*"]
    return "\n".join(lines) + "\n"


def markdown_to_html(markdown: str) -> str:
    """Render markdown to safe HTML: raw HTML is shown as text, unsafe links dropped.

    Uses markdown-it-py (``pip install 'crawlextract[notebook]'``) when it is
    installed, else shows the markdown source, escaped.
    """
    try:
        from markdown_it import MarkdownIt  # noqa: PLC0415 - optional dependency
    except ImportError:
        return f"<pre style='white-space:pre-wrap'>{html.escape(markdown)}</pre>"
    # html=False escapes raw HTML; markdown-it's link validation already drops
    # javascript:, vbscript:, file: and non-image data: URLs.
    renderer = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    rendered: str = renderer.render(markdown)
    return rendered


def escape_markdown(text: str) -> str:
    """Escape text so markdown shows it literally, on one line (fit for a table cell)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def neutralise_html(markdown: str) -> str:
    """Keep markdown as it is but make raw HTML in it show as text.

    A ``<`` outside code becomes ``&lt;``, so no renderer reads it as a tag;
    fenced code blocks and code spans are left alone (``<`` is literal there).
    """
    out = []
    fence: str | None = None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(line)
        elif match:
            fence = match.group(1)
            out.append(line)
        else:
            out.append(_escape_outside_code_spans(line))
    return "\n".join(out)


def _escape_outside_code_spans(line: str) -> str:
    # A small scanner that follows CommonMark's reading of backslash escapes
    # and backtick runs, so text that only looks like a code span (an escaped
    # or unmatched backtick) never shields a tag. A code span that runs over
    # several lines gets its `<` escaped too: wrong-looking, never unsafe.
    out = []
    index, length = 0, len(line)
    while index < length:
        char = line[index]
        if char == "\\":
            out.append(line[index : index + 2])
            index += 2
        elif char == "`":
            run_end = index
            while run_end < length and line[run_end] == "`":
                run_end += 1
            run = line[index:run_end]
            close = _closing_run(line, run_end, len(run))
            if close is None:
                out.append(run)
                index = run_end
            else:
                out.append(line[index:close])
                index = close
        elif char == "<":
            out.append("&lt;")
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _closing_run(line: str, start: int, size: int) -> int | None:
    # The end of the first backtick run of exactly `size` after `start`.
    index = start
    while True:
        found = line.find("`" * size, index)
        if found < 0:
            return None
        end = found + size
        if (found == 0 or line[found - 1] != "`") and (end == len(line) or line[end] != "`"):
            return end
        while end < len(line) and line[end] == "`":
            end += 1
        index = end


def _html_row(label: str, value: str) -> str:
    return (
        f"<tr><td style='text-align:left'>{html.escape(label)}</td>"
        f"<td style='text-align:left'>{html.escape(value)}</td></tr>"
    )
