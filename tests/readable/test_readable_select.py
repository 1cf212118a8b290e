"""Choosing the main-content root."""

from __future__ import annotations

from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._readable.flat import Flat, flatten
from crawlextract._readable.scoring import score
from crawlextract._readable.select import choose_root, fallback_root
from crawlextract._readable.tuning import Tuning

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "


def flat_of(html: str) -> Flat:
    """The flat view of a page."""
    return flatten(decode_document(html, None, None, Options()).dom)


def root_of(html: str) -> tuple[Flat, int]:
    """The flat view and the chosen root."""
    flat = flat_of(html)
    tuning = Tuning()
    return flat, choose_root(flat, score(flat, tuning), tuning)


def test_tightest_container_of_the_paragraphs_wins() -> None:
    """The article's own container is chosen, not the page wrapper around it and a menu."""
    menu = "".join(f"<li><a href=/{n}>Section {n}</a></li>" for n in range(20))
    flat, root = root_of(
        f"<body><div id=page><ul>{menu}</ul><div id=story>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></div></body>"
    )
    assert flat.elements[root].attrs.get("id") == "story"


def test_content_inside_a_comment_thread_is_never_the_root() -> None:
    """A long comment is not chosen over a shorter article."""
    long_comment = PROSE * 4
    flat, root = root_of(
        f"<body><div id=story><p>{PROSE}</p><p>{PROSE}</p></div>"
        f"<div id=comments><div><p>{long_comment}</p></div></div></body>"
    )
    assert flat.elements[root].attrs.get("id") == "story"


def test_misleading_hint_is_ignored_when_everything_else_is_weak() -> None:
    """If the only prose sits under a hinted name, the hint is ignored, not the prose."""
    flat, root = root_of(
        f"<body><p>Menu</p><div class=overlay-wrap><p>{PROSE}</p><p>{PROSE}</p></div></body>"
    )
    assert flat.elements[root].attrs.get("class") == "overlay-wrap"


def test_page_without_prose_falls_back_to_body() -> None:
    """With no paragraph anywhere, the body is the root."""
    flat, root = root_of("<body><a href=/a>A</a><a href=/b>B</a></body>")
    assert flat.elements[root].tag == "body"
    assert fallback_root(flat) == root


def _holds(flat: Flat, root: int, ident: str) -> bool:
    # Whether the element with this id is the root or inside it.
    return any(
        flat.elements[index].attrs.get("id") == ident for index in range(root, flat.end[root])
    )


def test_long_footer_fine_print_never_wins() -> None:
    """A <footer> full of legal prose is not taken for a hinted wrapper of the content."""
    legal = "".join(f"<p>{PROSE}Terms, as stated, apply to offer {n}.</p>" for n in range(12))
    flat, root = root_of(
        "<body><main><div id=lineup><h2>Watches</h2>"
        "<p id=pitch>Our watches, light and strong, last for years.</p></div></main>"
        f"<footer><div class=fine-print>{legal}</div></footer></body>"
    )
    assert _holds(flat, root, "pitch")


def test_hint_on_a_wrapper_of_the_article_is_still_voided() -> None:
    """A layout hint around the only prose is still ignored (firm tags are only <footer>)."""
    flat, root = root_of(
        f"<body><p>Menu</p><aside class=wrap><div id=story><p>{PROSE}</p><p>{PROSE}</p></div>"
        "</aside></body>"
    )
    assert _holds(flat, root, "story")
