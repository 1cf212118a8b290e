"""Segmenting the compact tree into boilerpipe text blocks."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from boilerpy3.parser import BoilerpipeHTMLParser
from hypothesis import given, settings
from hypothesis import strategies as st

import crawlextract
from crawlextract._api import decode_document
from crawlextract._base.deadline import NO_DEADLINE
from crawlextract._boilerpipe.blocks import segment
from crawlextract._html.dom import Element

if TYPE_CHECKING:
    from crawlextract._boilerpipe.model import TextDocument

logging.getLogger("boilerpy3").setLevel(logging.ERROR)


def _segment(html: str) -> TextDocument:
    return segment(decode_document(html, None, None, crawlextract.Options()).dom, NO_DEADLINE)


def _features(html: str) -> tuple[str | None, list[tuple[str, int, int]]]:
    document = _segment(html)
    return document.title, [(b.text, b.num_words, b.num_linked_words) for b in document.blocks]


def _reference_features(html: str) -> tuple[str | None, list[tuple[str, int, int]]]:
    parser = BoilerpipeHTMLParser()
    parser.feed(html)
    document = parser.to_text_document()
    blocks = [(b.text, b.num_words, b.num_words_in_anchor_text) for b in document.text_blocks]
    return document.title, blocks


def _page(body: str, title: str = "T") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def test_block_tags_separate_blocks() -> None:
    """Paragraphs, divs, list items and headings each make their own block."""
    _, blocks = _features(
        _page("<h1>Head</h1><p>one two</p><div>three</div><ul><li>four</li></ul>")
    )
    assert [b[0] for b in blocks] == ["Head", "one two", "three", "four"]


def test_inline_tags_glue_text() -> None:
    """Inline tags add no space: ``foo<b>bar</b>`` is one word, as in boilerpipe."""
    _, blocks = _features(_page("<p>foo<b>bar</b> <em>baz</em></p>"))
    assert blocks == [("foobar baz", 2, 0)]


def test_abbr_adds_spaces() -> None:
    """``abbr`` and ``acronym`` put a space on each side."""
    _, blocks = _features(_page("<p>the<abbr>UN</abbr>said</p>"))
    assert blocks == [("the UN said", 3, 0)]


def test_links_are_spaced_and_counted() -> None:
    """A link's words count as link text, and the link is set off by spaces."""
    _, blocks = _features(_page('<p>see <a href="/x">the page</a>. Then more</p>'))
    assert blocks == [("see the page . Then more", 5, 2)]


def test_link_state_outlives_a_block() -> None:
    """A link around several blocks makes all of their words link text."""
    _, blocks = _features(_page('<a href="/"><div>one two</div><div>three</div></a><p>four</p>'))
    assert blocks == [("one two", 2, 2), ("three", 1, 1), ("four", 1, 0)]


def test_br_ends_a_block() -> None:
    """``<br>`` is a block tag: the text on either side is two blocks."""
    _, blocks = _features(_page("<p>first line<br>second line</p>"))
    assert [b[0] for b in blocks] == ["first line", "second line"]


def test_ignorable_elements_hide_their_text() -> None:
    """Text in noscript, select options and objects makes no block."""
    body = "<p>kept</p><noscript>hidden</noscript><select><option>no</option></select>"
    _, blocks = _features(_page(body + "<object>gone</object><p>also kept</p>"))
    assert [b[0] for b in blocks] == ["kept", "also kept"]


def test_embed_hides_nothing_after_it() -> None:
    """An ``<embed>`` is closed at once, so the text after it stays (see docs/boilerpipe.md)."""
    _, blocks = _features(_page("<p>before</p><embed src=x><p>after</p>"))
    assert [b[0] for b in blocks] == ["before", "after"]


def test_punctuation_only_block_is_kept_without_words() -> None:
    """A block with a token but no word ("--") is kept; one with no token ("|") is not."""
    _, blocks = _features(_page("<p>--</p><p>|</p><p>word</p>"))
    assert blocks == [("--", 0, 0), ("word", 1, 0)]


def test_title_comes_from_the_head() -> None:
    """The document title is the ``<title>`` text, stripped."""
    title, blocks = _features(_page("<p>body text</p>", title="  Big news | Site  "))
    assert title == "Big news | Site"
    assert blocks == [("body text", 2, 0)]


def test_inner_whitespace_is_kept_and_ends_stripped() -> None:
    """Block text keeps the page's inner whitespace and loses it at the ends."""
    _, blocks = _features(_page("<p>\n  two\n  lines  </p>"))
    assert blocks == [("two\n  lines", 2, 0)]


def test_iframe_text_is_read_as_markup() -> None:
    """Raw text in an iframe has its entities decoded, as boilerpipe's parser reads it."""
    _, blocks = _features(_page("<p>before</p><iframe>&amp;lt;b&amp;gt; fallback</iframe>"))
    assert blocks == [("before", 1, 0), ("&lt;b&gt; fallback", 3, 0)]


def test_iframe_markup_ends_blocks_but_escaped_markup_is_text() -> None:
    """A tag written in iframe text is a block boundary; an escaped one is text."""
    body = "<iframe><p>Your browser &amp; frames</p>&lt;b&gt;</iframe>"
    _, blocks = _features(_page(body))
    assert blocks == [("Your browser & frames", 3, 0), ("<b>", 1, 0)]
    assert _features(_page(body)) == _reference_features(_page(body))


def test_tag_level_is_the_nesting_of_the_first_text() -> None:
    """Deeper text has a higher tag level."""
    document = _segment(_page("<div><p>shallow</p><div><div><p>deep</p></div></div></div>"))
    shallow, deep = document.blocks
    assert deep.tag_level > shallow.tag_level


def test_empty_tree_has_no_blocks() -> None:
    """A tree with nothing in it gives no title and no blocks."""
    document = segment(Element("#document", {}), NO_DEADLINE)
    assert document.title is None
    assert document.blocks == []


def _element(tag: str, *children: Element | str) -> Element:
    element = Element(tag, {})
    element.children.extend(children)
    return element


def test_text_outside_body_makes_no_block() -> None:
    """Text before and after ``<body>`` makes no block, but the ``<title>`` text is the title.

    A hand-made tree, since an HTML5 parse puts such text into ``<body>``. The
    level of text taken out carries over to the next block, as in boilerpipe.
    """
    head = _element("div", _element("div", _element("title", "The title")))
    body = _element("body", "first", _element("p", "second"))
    document = segment(_element("#document", head, body, "after the body"), NO_DEADLINE)
    assert document.title == "The title"
    assert [(b.text, b.tag_level) for b in document.blocks] == [("first", 3), ("second", 2)]


def test_deep_nesting_is_walked_without_recursion() -> None:
    """A tree far deeper than Python's recursion limit is segmented."""
    root = Element("#document", {})
    body = Element("body", {})
    root.children.append(body)
    node = body
    for _ in range(20_000):
        child = Element("div", {})
        node.children.append(child)
        node = child
    node.children.append("deep text here")
    assert [b.text for b in segment(root, NO_DEADLINE).blocks] == ["deep text here"]


@pytest.mark.parametrize(
    "body",
    [
        '<div class="nav"><a href="/">Home</a> | <a href="/n">News</a></div><p>Text here.</p>',
        "<p>one<span>two</span><abbr>three</abbr>four</p><p>five, six; seven!</p>",
        '<ul><li><a href="#">x</a></li><li>y <a href="#">z</a> w</li></ul>',
        "<table><tr><td>cell one</td><td>cell <b>two</b></td></tr></table>",
        "<h2>Head</h2>\n<p>para <code>x = 1</code> and <sup>2</sup></p>\n<hr>\n<p>after</p>",
        "<div>text <img src=x> more <input> text</div><noscript><p>no</p></noscript>",
        "<blockquote>quoted <q>inner</q> text</blockquote><footer>© 2026 Name</footer>",
    ],
)
def test_blocks_match_boilerpy3(body: str) -> None:
    """Block texts, word counts and link words equal boilerpy3's on ordinary markup."""
    html = _page(body)
    assert _features(html) == _reference_features(html)


# Well-formed documents whose HTML5 parse has the same shape as the markup, so
# any difference from boilerpy3 is a difference in boilerpipe semantics.
_WORDS = st.sampled_from(
    ["news", "the", "U.S.", "it's", "--", "|", "a,b", "2026", "café", "don\u2019t", "x" * 90,
     "Add your comment", "42 comments", "\u00b7", "é"]
)  # fmt: skip
_SPACE = st.sampled_from(["", " ", "\n", "  \t"])
_TEXT = st.builds(lambda a, w, b: a + w + b, _SPACE, _WORDS, _SPACE)
_INLINE_TAGS = ("b", "i", "span", "em", "abbr", "code", "small", "time")


_NO_LINKS = st.recursive(
    _TEXT | st.just("<br>"),
    lambda children: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>",
        st.sampled_from(_INLINE_TAGS),
        st.lists(children, max_size=3),
    ),
    max_leaves=6,
)
_LINK = st.lists(_NO_LINKS, max_size=3).map(lambda parts: f"<a href=x>{''.join(parts)}</a>")
_PHRASING = st.lists(_NO_LINKS | _LINK, max_size=4).map("".join)
_BLOCKS = st.recursive(
    st.builds(lambda tag, inner: f"<{tag}>{inner}</{tag}>", st.sampled_from(["p", "h2", "li"]),
              _PHRASING),
    lambda children: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>",
        st.sampled_from(["div", "section", "noscript", "blockquote"]),
        st.lists(children | _PHRASING, max_size=3),
    ),
    max_leaves=8,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCKS, max_size=5).map("\n".join), _WORDS)
def test_generated_documents_match_boilerpy3(body: str, title: str) -> None:
    """On generated well-formed pages, blocks and title equal boilerpy3's."""
    html = _page(body, title=title)
    assert _features(html) == _reference_features(html)
