"""Recovery from a fragment: revealed hidden text, and widening a too-small root."""

from __future__ import annotations

import crawlextract
from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._readable.flat import flatten
from crawlextract._readable.reveal import renderable_roots

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "


def readable(html: str) -> str:
    """The readable markdown of a page."""
    return crawlextract.extract(html).readable_markdown


def test_text_only_in_noscript_is_found() -> None:
    """A page that shows its posts only to readers without scripts is not empty."""
    html = (
        "<body><section id=splash><div class=spinner></div></section>"
        f"<noscript><div id=posts><p>{PROSE}</p><p>Second post, with a reply.</p></div>"
        "</noscript></body>"
    )
    text = readable(html)
    assert "keep the old lanterns" in text
    assert "Second post" in text


def test_text_in_a_container_scripts_reveal_is_found() -> None:
    """A page whose whole content waits under a hiding class for a script is not empty."""
    html = f"<body><div class='root hide'><h2>Notes</h2><p>{PROSE}</p><p>{PROSE}</p></div></body>"
    assert "keep the old lanterns" in readable(html)


def test_noscript_stays_out_when_the_page_shows_its_text() -> None:
    """A <noscript> notice is left out of a page that has visible prose."""
    html = (
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article>"
        "<noscript><p>Please turn on scripts to use this site, it works better.</p></noscript>"
        "</body>"
    )
    text = readable(html)
    assert "keep the old lanterns" in text
    assert "turn on scripts" not in text


def test_a_fragment_is_widened_to_the_product() -> None:
    """One sentence of promotion does not win over a product's short specification lines."""
    specs = "".join(f"<tr><th>Part {n}</th><td>{n} cm</td></tr>" for n in range(30))
    html = (
        "<body><main><div class=strip><p>Free shipping, this week only, on every order.</p></div>"
        f"<div class=product><h2>Garden bench</h2><table>{specs}</table></div></main>"
        "</body>"
    )
    text = readable(html)
    assert "| Part 7 | 7 cm |" in text
    assert "Garden bench" in text


def test_an_article_is_not_widened() -> None:
    """An article holding most of the page's text keeps its own root (no menu pulled in)."""
    menu = "".join(f"<li><a href=/{n}>Section {n}</a></li>" for n in range(10))
    html = (
        f"<body><ul>{menu}</ul><div class=aside-note>Short note beside the story.</div>"
        f"<div id=story><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></body>"
    )
    text = readable(html)
    assert "keep the old lanterns" in text
    assert "Short note" not in text


def _post(author: str, body: str) -> str:
    return (
        f"<div class='post entry'><div class=meta><b>{author}</b></div>"
        f"<div class=wrap><div class=inner><div class=text><p>{body}</p></div></div></div></div>"
    )


def test_every_post_of_a_thread_is_kept_in_order() -> None:
    """A thread of alike posts gives all of them, in order, not only the longest."""
    posts = (
        _post("ann", "How do I keep lanterns lit, in wind, on a pier? I tried oil and wax.")
        + _post("bo", PROSE * 3)
        + _post("cy", "Wax, in my experience, lasts longer than oil, and smokes less.")
    )
    html = f"<body><nav><a href=/>Home</a></nav><div id=thread>{posts}</div></body>"
    text = readable(html)
    assert text.index("keep lanterns lit") < text.index("old lanterns") < text.index("Wax, in")
    assert "ann" in text
    assert "cy" in text


def test_a_layout_grid_is_not_a_thread() -> None:
    """Alike layout columns do not pull a short sidebar column in beside the article."""
    html = (
        "<body><div class=col><div class=card><p>Menu</p></div><div class=card><p>More</p></div>"
        f"<div id=story><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></div>"
        "<div class=col><p>A sidebar note, short, about another story.</p></div></body>"
    )
    text = readable(html)
    assert "old lanterns" in text
    assert "sidebar note" not in text


def test_a_long_dialog_layer_is_not_the_content() -> None:
    """A privacy policy in a modal layer loses to the page's own shorter text."""
    policy = "".join(f"<p>{PROSE}We keep data, as the law asks, {n} days.</p>" for n in range(12))
    html = (
        f"<body><div id=privacy-modal class=modal-layer>{policy}</div>"
        "<div class=intro><h2>Walking shoes</h2>"
        "<p>Light, soft and warm, these shoes suit a long day outside.</p>"
        "<p>Each pair is made of wool, and washes well.</p>"
        "<p>The soles, of natural rubber, grip on wet stones and last for years.</p>"
        "<p>Sizes run from small to large, and each comes in three colours.</p></div></body>"
    )
    text = readable(html)
    assert "Light, soft and warm" in text
    assert "We keep data" not in text


def test_posts_with_state_classes_are_one_thread() -> None:
    """Posts whose classes add a state after the first ("post accepted") are still alike."""
    posts = (
        _post("ann", "How do I keep lanterns lit, in wind, on a pier? I tried oil and wax.")
        + _post("bo", PROSE * 3).replace("'post entry'", "'post accepted'")
        + _post("cy", "Wax, in my experience, lasts longer than oil, and smokes less.")
    )
    text = readable(f"<body><div id=thread>{posts}</div></body>")
    assert "keep lanterns lit" in text
    assert "Wax, in" in text


def test_a_lead_beside_the_chosen_container_is_kept() -> None:
    """A long lead paragraph just before the article's container is kept, before it."""
    lead = "In a town by the sea, an old quarrel, over light, came back this spring. " * 6
    more = "".join(
        f"<li><a href=/{n}>Another story about the sea, number {n}</a></li>" for n in range(14)
    )
    html = (
        f"<body><div class=story><div class=lead><p>{lead}</p></div>"
        f"<div class=locked><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div><ul>{more}</ul></div></body>"
    )
    text = readable(html)
    assert text.index("old quarrel") < text.index("old lanterns")
    assert "Another story" not in text


def test_a_lead_beside_the_wrappers_of_the_chosen_container_is_kept() -> None:
    """A lead beside a wrapper that holds only the chosen container is kept too.

    Page builders wrap each block in components: the lead's component sits
    beside the component around the body's rich text, not beside the body.
    """
    lead = "In a town by the sea, an old quarrel, over light, came back this spring. " * 6
    more = "".join(
        f"<li><a href=/{n}>Another story about the sea, number {n}</a></li>" for n in range(14)
    )
    # Long enough that the body's own wrapper outscores the column holding both.
    body = f"<p>{PROSE}</p>" * 30
    html = (
        f"<body><div class=column><div class=intro-block><div class=rich><p>{lead}</p>"
        f"</div></div><div class=body-block><div class=rich><div>{body}</div></div></div>"
        f"</div><ul>{more}</ul></body>"
    )
    text = readable(html)
    assert text.index("old quarrel") < text.index("old lanterns")
    assert "Another story" not in text


def test_the_section_heading_just_before_the_chosen_container_is_kept() -> None:
    """An <h2> over the chosen block comes with it; the page's <h1> does not."""
    more = "".join(
        f"<li><a href=/{n}>Another story about the sea, number {n}</a></li>" for n in range(14)
    )
    html = (
        "<body><div class=page><h1>The page</h1><h2>Lanterns on the pier</h2>"
        f"<div class=body-block>{f'<p>{PROSE}</p>' * 12}</div><ul>{more}</ul></div></body>"
    )
    text = readable(html)
    assert text.index("Lanterns on the pier") < text.index("old lanterns")
    assert "The page" not in text


def test_a_form_without_prose_is_left_out() -> None:
    """A sign-up form's labels inside the article are not article text."""
    html = (
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p>"
        "<form><label>First name*</label><input name=a><label>Company*</label><input name=b>"
        f"</form><p>{PROSE}</p></article></body>"
    )
    text = readable(html)
    assert "old lanterns" in text
    assert "First name" not in text


def test_streamed_content_parked_under_the_hidden_attribute_is_found() -> None:
    """Server-streamed content waits in a `hidden` element for a script; it is not lost."""
    html = (
        "<body><main><p>Loading</p></main>"
        f"<div hidden id=S:1><section><h2>Plans</h2><p>{PROSE}</p><p>{PROSE}</p></section></div>"
        "</body>"
    )
    assert "old lanterns" in readable(html)


def test_hidden_attribute_stays_hidden_on_a_page_with_text() -> None:
    """On a page that shows its article, a `hidden` panel is still left out."""
    html = (
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>"
        "<div hidden><p>A hidden panel, with a sentence, that nobody sees here.</p></div>"
        "</article></body>"
    )
    text = readable(html)
    assert "old lanterns" in text
    assert "hidden panel" not in text


def test_alike_blocks_of_one_text_are_kept_together() -> None:
    """An intro and the main list in two alike blocks, a call to action between, are both kept."""
    intro = "Builders, large and small, wire the towns we live in, and here they are. " * 12
    items = "".join(f"<h3>Firm {n}</h3><p>{PROSE}{PROSE}</p>" for n in range(20))
    more = "".join(f"<li><a href=/{n}>Another list of firms {n}</a></li>" for n in range(40))
    html = (
        f"<body><div id=post><div class='rich-text a'><p>{intro}</p></div>"
        "<div class=cta><p>Get a quote, today, for free.</p></div>"
        f"<div class='rich-text b'>{items}</div><ul>{more}</ul></div></body>"
    )
    text = readable(html)
    assert text.index("Builders, large") < text.index("Firm 3")
    assert "Get a quote" not in text


def test_a_page_of_link_cards_gives_its_items() -> None:
    """On a page whose items are links (a collection of cards), the items are the content."""
    cards = "".join(
        f"<li class=card><a href=/p/{n}>Wool runner shoe in colour {n}</a><b>$ {90 + n}</b></li>"
        for n in range(24)
    )
    html = (
        "<body><nav><a href=/>Home</a><a href=/men>Men</a><a href=/women>Women</a></nav>"
        f"<main><p>Free returns on all orders.</p><ul class=grid>{cards}</ul></main>"
        "<footer><a href=/help>Help</a><a href=/about>About us</a></footer></body>"
    )
    text = readable(html)
    assert "Wool runner shoe in colour 7" in text
    assert "$ 107" in text
    assert "About us" not in text


def test_revealed_text_beside_visible_text_keeps_both() -> None:
    """A revealed root holding a <noscript> part and visible parts is split into both, in order."""
    html = (
        "<body><div id=thread><p>Thread, opened today.</p>"
        f"<noscript><div id=posts><p>{PROSE}</p></div></noscript>"
        "<p hidden>Parked reply.</p><p>Last reply, an hour ago.</p></div></body>"
    )
    flat = flatten(decode_document(html, None, None, Options()).dom, reveal=True)
    thread = next(i for i, e in enumerate(flat.elements) if e.attrs.get("id") == "thread")
    parts = [flat.elements[index] for index in renderable_roots(flat, [thread], [])]
    assert [part.tag for part in parts] == ["p", "div", "p"]
    assert parts[1].attrs.get("id") == "posts"
    assert parts[2].children == ["Last reply, an hour ago."]
