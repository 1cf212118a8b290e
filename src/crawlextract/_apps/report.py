"""The HTML inspector report: one self-contained page for one extracted page.

Inline CSS, no scripts, no external assets (no fonts, no images: the page's
own images are not loaded, the markdown is shown as source), so the file can
be opened anywhere, attached to a ticket or kept as a CI artifact. Every
string from the page is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from crawlextract._page.views import OUTPUTS, detail_rows, filter_rows
from crawlextract._version import __version__

if TYPE_CHECKING:
    from crawlextract._page.page import Page

_STYLE = """
:root { color-scheme: light dark; --line: #8884; --muted: #888; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1.5rem;
       max-width: 110rem; }
h1 { font-size: 1.4rem; margin: 0 0 .2rem; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.sub { color: var(--muted); margin: 0 0 1rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem;
         border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { width: 9rem; white-space: nowrap; }
.flag { font-weight: 600; }
.outputs { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem;
           margin-top: 1.6rem; }
@media (max-width: 60rem) { .outputs { grid-template-columns: 1fr; } }
.outputs section { border: 1px solid var(--line); border-radius: 6px; min-width: 0; }
.outputs h2 { margin: 0; padding: .5rem .8rem; border-bottom: 1px solid var(--line); }
.count { color: var(--muted); font-weight: normal; font-size: .85rem; }
pre { margin: 0; padding: .8rem; white-space: pre-wrap; overflow-wrap: anywhere;
      font: 13px/1.4 ui-monospace, monospace; max-height: 80vh; overflow: auto; }
.empty { color: var(--muted); font-style: italic; padding: .8rem; margin: 0; }
footer { color: var(--muted); font-size: .8rem; margin-top: 1.5rem; }
"""


_FLAG = ' class="flag"'
# No network at all, even if an escaped string were ever mistaken for markup.
_CSP = (
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
)


def render_report(page: Page) -> str:
    """Return the inspector report of a page as one self-contained HTML document."""
    title = page.metadata.title or page.url or "Untitled page"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        _CSP,
        f"<title>{html.escape(title)} · crawlextract report</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="sub">{html.escape(page.url or "(no URL given)")}</p>',
        "</header>",
        '<section id="details">',
        "<h2>Page details</h2>",
        _table(detail_rows(page)),
        "</section>",
        '<section id="filters">',
        "<h2>Page filters</h2>",
        _table(filter_rows(page), flagged=_flagged_filters(page)),
        "</section>",
    ]
    if page.warnings:
        items = "".join(f"<li>{html.escape(warning)}</li>" for warning in page.warnings)
        parts += ['<section id="warnings">', "<h2>Warnings</h2>", f"<ul>{items}</ul>", "</section>"]
    parts.append('<div class="outputs">')
    for label, attribute, section_id in OUTPUTS:
        text: str = getattr(page, attribute)
        body = f"<pre>{html.escape(text)}</pre>" if text.strip() else '<p class="empty">(empty)</p>'
        parts += [
            f'<section id="{section_id}">',
            f'<h2>{html.escape(label)} <span class="count">{len(text):,} characters</span></h2>',
            body,
            "</section>",
        ]
    parts += [
        "</div>",
        f"<footer>crawlextract {html.escape(__version__)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _flagged_filters(page: Page) -> frozenset[str]:
    # The filter rows that would keep a crawler from indexing this URL.
    filters = page.filters
    flagged = set()
    if filters.canonical == "other":
        flagged.add("Canonical")
    if filters.noindex:
        flagged.add("Noindex")
    return frozenset(flagged)


def _table(rows: list[tuple[str, str]], *, flagged: frozenset[str] = frozenset()) -> str:
    cells = "".join(
        f"<tr><th>{html.escape(label)}</th>"
        f"<td{_FLAG if label in flagged else ''}>{html.escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"<table>{cells}</table>"
