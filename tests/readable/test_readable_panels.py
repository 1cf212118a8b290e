"""Collapsed panels (an FAQ's answers, closed tabs) inside the chosen content are opened."""

from __future__ import annotations

from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._extractors.native_readable import NativeReadable

PROSE = (
    "The committee met on Tuesday to discuss the new water plan, which would bring clean water "
    "to every village in the valley by the end of the decade, according to the chair."
)


def readable(html: str) -> str:
    """Run the native readable extractor on one page."""
    return NativeReadable().extract(decode_document(html, None, None, Options()))


def article(inner: str) -> str:
    """A page whose article holds ``inner`` between paragraphs of prose."""
    nav = "<nav><a href=/>Home</a></nav>"
    return f"<body>{nav}<article><p>{PROSE}</p>{inner}<p>{PROSE}</p></article></body>"


def test_faq_answer_named_by_its_trigger_is_shown() -> None:
    """An answer hidden until its button (``aria-controls``) opens it is part of the content."""
    html = article(
        "<h3><button aria-controls=answer-1 aria-expanded=false>When does it open?</button></h3>"
        "<div id=answer-1 style='display:none'>"
        "<p>It opens in May, after the spring rains.</p></div>"
    )
    assert "It opens in May, after the spring rains." in readable(html)


def test_closed_tab_panel_is_shown_in_document_order() -> None:
    """A tab panel that is not active (``hidden``) is shown, where it stands in the page."""
    html = article(
        "<div role=tabpanel hidden aria-labelledby=tab-2><p>Weight: 2 kg, steel frame.</p></div>"
    )
    markdown = readable(html)
    assert "Weight: 2 kg, steel frame." in markdown
    first, last = markdown.index("committee"), markdown.rindex("committee")
    assert first < markdown.index("Weight") < last


def test_hidden_element_that_is_no_panel_stays_out() -> None:
    """Hidden text with no trigger naming it, and a dialog, stay out."""
    html = article(
        "<div style='display:none'><p>Internal note, not shown.</p></div>"
        "<div id=terms role=dialog aria-labelledby=t style='display:none'><p>Terms text.</p></div>"
        "<div class=modal-box id=signup aria-labelledby=s hidden><p>Sign up now.</p></div>"
        "<button aria-controls=signup>Open</button>"
    )
    markdown = readable(html)
    assert "Internal note" not in markdown
    assert "Terms text" not in markdown
    assert "Sign up now" not in markdown
    assert "committee" in markdown


def test_text_hidden_from_screen_readers_only_is_shown() -> None:
    """``aria-hidden`` text in the content (a carousel's card) is seen by the eye: shown.

    Hidden as well by CSS, or too short to be a paragraph (an icon's glyph), it stays out.
    """
    html = article(
        "<ul><li aria-hidden=true><p>A quiet house by the river, three rooms and a garden.</p></li>"
        "<li aria-hidden=true style='display:none'><p>A flat above the bakery, two rooms.</p></li>"
        "</ul><span aria-hidden=true>\u2605\u2605\u2605</span>"
    )
    markdown = readable(html)
    assert "A quiet house by the river" in markdown
    assert "above the bakery" not in markdown
    assert "\u2605" not in markdown


def test_aria_hidden_text_larger_than_the_content_stays_out() -> None:
    """An ``aria-hidden`` block with more text than the content shows (a hidden menu) stays out."""
    menu = "".join(f"<p>Menu entry number {n} with its own description.</p>" for n in range(40))
    html = article(f"<div aria-hidden=true>{menu}</div>")
    markdown = readable(html)
    assert "Menu entry" not in markdown
    assert "committee" in markdown
