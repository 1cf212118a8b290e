"""Behaviour of the native readable extractor on small pages."""

from __future__ import annotations

import pytest

import crawlextract
from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._extractors.native_readable import NativeReadable

PROSE = (
    "The committee met on Tuesday to discuss the new water plan, which would bring clean water "
    "to every village in the valley by the end of the decade, according to the chair."
)


def readable(html: str | bytes) -> str:
    """Run the native readable extractor on one page."""
    return NativeReadable().extract(decode_document(html, None, None, Options()))


def paragraphs(count: int, word: str = "water") -> str:
    """``count`` distinct prose paragraphs."""
    return "".join(f"<p>{PROSE.replace('water', f'{word}{n}')}</p>" for n in range(count))


def test_article_beats_a_larger_link_heavy_sidebar() -> None:
    """A sidebar with more text, all of it links, loses to the article."""
    links = "".join(
        f'<li><a href="/s{n}">Another story about topic {n} today</a></li>' for n in range(60)
    )
    html = (
        f"<body><div class=col><ul>{links}</ul></div>"
        f"<div class=col><h1>Title</h1>{paragraphs(4)}</div></body>"
    )
    text = readable(html)
    assert "water0" in text
    assert "water3" in text
    assert "Another story" not in text


def test_comments_section_is_dropped() -> None:
    """A comment thread after the article is left out, even with long comments."""
    comments = "".join(
        f"<div class=comment><p>{PROSE.replace('water', f'reply{n}')}</p></div>" for n in range(6)
    )
    html = (
        f"<body><article>{paragraphs(3)}</article><section id=comments>{comments}</section></body>"
    )
    text = readable(html)
    assert "water2" in text
    assert "reply" not in text


def test_share_and_related_boxes_inside_the_article_are_dropped() -> None:
    """Share bars and related-link boxes inside the article container are left out."""
    share = '<div class="share-tools"><a href="#">Facebook</a> <a href="#">Twitter</a></div>'
    related = (
        '<aside class="related-stories"><h3>Related</h3><p>'
        + PROSE.replace("water", "related")
        + "</p></aside>"
    )
    html = (
        f"<body><article>{share}{paragraphs(2)}{related}{paragraphs(2, 'river')}</article></body>"
    )
    text = readable(html)
    assert "water1" in text
    assert "river1" in text
    assert "Facebook" not in text
    assert "related" not in text.lower()


def test_one_paragraph_page_is_not_empty() -> None:
    """A page whose only content is one short paragraph still gives it."""
    assert readable("<html><body><p>Closed today.</p></body></html>") == "Closed today."


def test_page_with_only_a_table_keeps_the_table() -> None:
    """A page that is one data table (short cells) gives the table's text."""
    rows = "".join(f"<tr><td>Item {n}</td><td>{n * 3}</td></tr>" for n in range(8))
    text = readable(f"<body><table><tr><th>Name</th><th>Count</th></tr>{rows}</table></body>")
    assert "Item 7" in text
    assert "21" in text


def test_page_with_only_a_list_keeps_the_list() -> None:
    """A page that is one list of short items gives the items."""
    items = "".join(f"<li>Bring item number {n}</li>" for n in range(6))
    text = readable(f"<body><h2>Packing list</h2><ul>{items}</ul></body>")
    assert "item number 0" in text
    assert "item number 5" in text


def test_cjk_article_is_extracted() -> None:
    """Text in a script without spaces is counted per character and chosen."""
    sentence = (
        "今日は市の委員会が新しい水道計画について話し合い、"
        "谷のすべての村に清潔な水を届けることを決めました。"
    )
    body = "".join(f"<p>{sentence}{n}</p>" for n in range(4))
    menu = "".join(f'<li><a href="/{n}">ニュース{n}</a></li>' for n in range(10))
    text = readable(f"<body><nav><ul>{menu}</ul></nav><div>{body}</div></body>")
    assert "水道計画" in text
    assert "ニュース" not in text


def test_hidden_elements_are_left_out() -> None:
    """Elements hidden by attribute, style or a hiding class never reach the output."""
    hidden = (
        '<p hidden>secret one</p><p style="display: none">secret two</p>'
        '<p class="sr-only">secret three</p><p aria-hidden="true">secret four</p>'
    )
    text = readable(f"<body><article>{paragraphs(2)}{hidden}</article></body>")
    assert "water1" in text
    assert "secret" not in text


def test_title_h1_is_left_out_and_subheadings_kept() -> None:
    """The page title (h1) is left out; section headings inside the article stay."""
    html = (
        f"<body><article><h1>Big title</h1>{paragraphs(2)}"
        f"<h2>Background</h2>{paragraphs(2, 'lake')}</article></body>"
    )
    text = readable(html)
    assert "Big title" not in text
    assert "Background" in text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b"", ""),
        (b"   ", ""),
        ("", ""),
        # Not UTF-8 and no BOM (the NUL comes first): windows-1252, the NUL removed.
        (b"\x00\xff\xfe garbage", "ÿþ garbage"),
        (b"<p>unclosed <div><table><tr><td>", "unclosed"),
        (b"<html></html>", ""),
        ("<" * 5000, "<" * 5000),  # text, not tags: no letter follows any "<"
        ("<div>" * 3000 + "deep" + "</div>" * 3000, "deep"),
    ],
    ids=["empty-bytes", "blank", "empty-str", "binary", "unclosed", "no-body", "brackets", "deep"],
)
def test_bad_input_gives_text_or_nothing_without_raising(html: str | bytes, expected: str) -> None:
    """Empty, binary, broken and absurdly nested inputs give their text (or "") and never raise."""
    assert readable(html) == expected


def test_empty_page_gives_empty_string() -> None:
    """A page with no text gives ""."""
    assert readable(b"") == ""
    assert readable("<html><body><div></div></body></html>") == ""


def test_wide_page_is_handled_in_linear_time() -> None:
    """A page of 100,000 sibling paragraphs is selected in one pass (a generous bound)."""
    import time  # noqa: PLC0415 - only this test times anything

    html = "<body><div>" + "<p>Row, one sentence. Another, here.</p>" * 100_000 + "</div></body>"
    document = decode_document(html, None, None, Options())
    document.dom  # noqa: B018 - build the tree outside the bound
    start = time.perf_counter()
    text = NativeReadable().extract(document)
    # Linear work is well under a few seconds even on a busy machine; a
    # quadratic step would take minutes.
    assert time.perf_counter() - start < 30
    assert text.count("Row, one sentence.") == 100_000


def test_forum_thread_keeps_every_post() -> None:
    """On a forum thread the replies are the content: all posts are kept."""
    posts = "".join(
        f'<div class="post reply"><div class=author>user{n}</div>'
        f"<div class=message><p>{PROSE.replace('water', f'post{n}')}</p></div></div>"
        for n in range(5)
    )
    menu = "".join(f'<li><a href="/f{n}">Forum {n}</a></li>' for n in range(15))
    text = readable(f"<body><ul>{menu}</ul><div class=replies>{posts}</div></body>")
    assert all(f"post{n}" in text for n in range(5))
    assert "Forum 3" not in text


def test_figure_image_kept_caption_dropped() -> None:
    """An image in a figure inside the article stays, with its lazy source; its caption goes."""
    prose = "The keepers walk the pier every evening and light each lantern by hand. " * 6
    html = (
        f"<body><article><p>{prose}</p><figure><img src='data:image/gif;base64,R0lGOD' "
        "data-src='/pier.jpg' alt='The pier at dusk'><figcaption>Photo: archive</figcaption>"
        f"</figure><p>{prose}</p></article></body>"
    )
    out = crawlextract.extract(html, url="https://e.example/a").readable_markdown
    assert "![The pier at dusk](https://e.example/pier.jpg)" in out
    assert "Photo: archive" not in out
