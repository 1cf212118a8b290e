"""Numbering and text counts of the readable extractor's flat view."""

from __future__ import annotations

from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._html.dom import Element
from crawlextract._readable import signals
from crawlextract._readable.flat import flatten


def dom(html: str) -> Element:
    """The compact tree of a page."""
    return decode_document(html, None, None, Options()).dom


def test_subtrees_are_contiguous_ranges() -> None:
    """Every element's subtree is exactly the numbers from it to its end."""
    flat = flatten(dom("<body><div><p>a <b>b</b></p><p>c</p></div><p>d</p></body>"))
    for index, element in enumerate(flat.elements):
        inside = {id(e) for e in element.iter()}
        numbered = {id(flat.elements[i]) for i in range(index, flat.end[index])}
        assert inside == numbered


def test_block_text_includes_inline_descendants_and_links() -> None:
    """A paragraph's block counts its inline children's text; link text is counted apart."""
    flat = flatten(dom("<body><p>Hello <a href=x>world</a>, again.</p></body>"))
    index = next(i for i, e in enumerate(flat.elements) if e.tag == "p")
    assert flat.block_chars[index] == len("Hello") + len("world") + len(", again.")
    assert flat.block_link[index] == len("world")
    assert flat.chars[index] == flat.block_chars[index]
    assert flat.block_punct[index] == 1


def test_hidden_subtrees_are_numbered_but_not_counted() -> None:
    """A hidden element is numbered (so it can be excluded) and its text is not counted."""
    flat = flatten(dom("<body><p>seen</p><div hidden><p>unseen text</p></div></body>"))
    body = next(i for i, e in enumerate(flat.elements) if e.tag == "body")
    assert flat.chars[body] == len("seen")
    assert any(e.tag == "div" for e in flat.elements)


def test_cjk_pages_scale_character_thresholds() -> None:
    """A page mostly in CJK characters gets a scale above 1; a Latin page gets 1."""
    cjk = flatten(dom("<p>" + "日本語の文章です。" * 10 + "</p>"))
    latin = flatten(dom("<p>" + "An English sentence. " * 10 + "</p>"))
    assert cjk.scale > 1
    assert latin.scale == 1


def test_deep_tree_is_walked_without_recursion() -> None:
    """A tree deeper than Python's recursion limit is numbered (iterative walk)."""
    root = Element("#document", {})
    node = root
    for _ in range(5000):
        child = Element("div", {})
        node.children.append(child)
        node = child
    node.children.append("bottom text")
    flat = flatten(root)
    assert len(flat.elements) == 5001
    assert flat.chars[0] == len("bottom text")


def test_pages_past_the_first_list_block_are_counted_alike() -> None:
    """A page with thousands of elements (the per-element lists grow) counts every one."""
    items = 3000
    page = "<ul>" + "<li><a href=/x>link</a> and some words, here.</li>" * items + "</ul>"
    flat = flatten(dom(page))
    assert [element.tag for element in flat.elements].count("li") == items
    for name in ("parent", "end", "flags", "is_block", "chars", "link_chars", "block_chars"):
        assert len(getattr(flat, name)) == len(flat.elements), name
    per_item = len("link") + len("and some words, here.")  # counted stripped
    items_at = [i for i, element in enumerate(flat.elements) if element.tag == "li"]
    assert flat.chars[0] == items * per_item
    assert flat.link_chars[0] == items * len("link")
    assert {flat.block_chars[i] for i in items_at} == {per_item}


def test_an_id_spelling_the_heading_is_an_anchor_not_a_hint() -> None:
    """A section whose id is its heading's slug is not hinted by the words in it.

    "social" in ``what-is-social-media-marketing`` says nothing about the
    section; a short id that names a role (``comments``) still hints.
    """
    flat = flatten(
        dom(
            "<body><section id=what-is-social-media-marketing><h2>What is social media"
            " marketing?</h2><p>Text.</p></section>"
            "<section id=comments><h2>Comments</h2><p>Nice.</p></section></body>"
        )
    )
    sections = [i for i, e in enumerate(flat.elements) if e.tag == "section"]
    assert not flat.flags[sections[0]] & signals.BOILERPLATE
    assert flat.flags[sections[1]] & signals.BOILERPLATE


def test_an_id_hint_stays_when_the_id_is_not_the_heading() -> None:
    """A long id that is not the heading's slug still hints."""
    flat = flatten(
        dom("<body><div id=related-posts-list-box><h3>Read next</h3><p>x</p></div></body>")
    )
    box = next(i for i, e in enumerate(flat.elements) if e.tag == "div")
    assert flat.flags[box] & signals.BOILERPLATE
