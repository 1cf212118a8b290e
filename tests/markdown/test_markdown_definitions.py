"""Definition lists in the native markdown."""

from __future__ import annotations

import crawlextract


def test_term_bold_description_paragraph() -> None:
    """<dt> is a bold line, <dd> a paragraph (no indent: that would be code)."""
    html = "<dl><dt>Term</dt><dd>Meaning</dd><dt>Other</dt><dd>More</dd></dl>"
    assert crawlextract.extract(html).markdown == "**Term**\n\nMeaning\n\n**Other**\n\nMore"
