"""Links in the native markdown."""

from __future__ import annotations

import crawlextract
from crawlextract import Options

URL = "https://example.com/dir/page.html"


def md(html: str, **options: object) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url=URL, options=Options(**options)).markdown  # type: ignore[arg-type]


def test_links_absolute() -> None:
    """Relative targets resolve against the page URL."""
    assert md('<a href="../x">t</a>') == "[t](https://example.com/x)"


def test_base_href_used() -> None:
    """<base href> is the base links resolve against."""
    html = '<head><base href="https://cdn.example.org/sub/"></head><a href="y">t</a>'
    assert md(html) == "[t](https://cdn.example.org/sub/y)"


def test_unsafe_targets_keep_text() -> None:
    """javascript:, vbscript: and data: links are dropped, their text kept."""
    html = (
        '<a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:x">b</a> '
        '<a href="vbscript:x">c</a> <a href="data:text/html,x">d</a> <a href="java\tscript:x">e</a>'
    )
    assert md(html) == "a b c d e"


def test_breaking_characters_encoded() -> None:
    """Spaces and parentheses in a target are percent-encoded."""
    assert md('<a href="/a(b) c">t</a>') == "[t](https://example.com/a%28b%29%20c)"


def test_empty_link_dropped() -> None:
    """A link with no text writes nothing."""
    assert md('<p>a<a href="/x"> </a>b</p>') == "a b"


def test_spaces_move_outside_link() -> None:
    """Spaces at the edges of link text go outside the brackets."""
    assert md('<p>a<a href="/x"> t </a>b</p>') == "a [t](https://example.com/x) b"


def test_include_links_false_keeps_text() -> None:
    """With include_links off only the link text is written."""
    assert md('<a href="/x">t</a>', include_links=False) == "t"


def test_link_text_with_brackets_escaped() -> None:
    """Brackets in link text are escaped so the link stays one link."""
    assert md('<a href="/x">a]b</a>') == "[a\\]b](https://example.com/x)"


def test_many_links_linear() -> None:
    """A hundred thousand links render in linear time."""
    out = md("".join(f'<a href="/p{i}">l{i}</a> ' for i in range(100_000)))
    assert out.count("](https://example.com/p") == 100_000


def test_title_kept() -> None:
    """A title attribute becomes a link title, escaped so it reads back exactly."""
    assert md('<a href="/x" title=\'say "hi" \\ &amp;\'>t</a>') == (
        '[t](https://example.com/x "say \\"hi\\" \\\\ \\&")'
    )


def test_exclamation_before_link_escaped() -> None:
    """'!' right before a link is escaped, or the link would read as an image."""
    assert md('!<a href="/u">foo</a>') == "\\![foo](https://example.com/u)"


def test_link_around_a_block_keeps_its_link() -> None:
    """A link whose text is a block still links that text."""
    html = '<a href="/x"><div>Licensing &amp; Reprints</div></a>'
    assert md(html) == "[Licensing & Reprints](https://example.com/x)"


def test_card_link_links_each_block() -> None:
    """A card link (image, heading, teaser) links the content of every block in it."""
    html = '<a href="/c"><div><img src="/i.png" alt="Pic"></div><h4>Title</h4><p>Teaser</p></a>'
    assert md(html) == (
        "[![Pic](https://example.com/i.png)](https://example.com/c)\n\n"
        "#### [Title](https://example.com/c)\n\n[Teaser](https://example.com/c)"
    )


def test_link_around_a_list_links_each_item() -> None:
    """A link around a list links each item's text."""
    assert md('<a href="/l"><ul><li>a</li><li>b</li></ul></a>') == (
        "- [a](https://example.com/l)\n- [b](https://example.com/l)"
    )


def test_link_of_an_unwritable_image_keeps_its_link() -> None:
    """A link showing only an image with no usable source is written with a stand-in text."""
    assert md('<a href="/a"><img alt="Logo"></a>') == "[Logo](https://example.com/a)"
    assert md('<a href="/r"><img src="data:image/png;base64,AA"></a>') == (
        "[\u2197](https://example.com/r)"
    )
    assert md('<a href="/x" aria-label="Share"><svg></svg></a>') == "[Share](https://example.com/x)"
    assert md('<a href="/s"><svg><title>Search</title></svg></a>') == (
        "[Search](https://example.com/s)"
    )


def test_link_showing_nothing_is_dropped() -> None:
    """A link whose content shows nothing (empty, or a hidden image) writes nothing."""
    assert md('<p>a<a href="/e"><span></span></a>b</p>') == "ab"
    assert md('<p>a<a href="/h"><img hidden src="/i.png"></a>b</p>') == "ab"


def test_link_around_many_blocks_links_only_the_first() -> None:
    """A link around a long run of blocks links its first blocks only (output stays linear)."""
    html = '<a href="/l">' + "".join(f"<p>p{i}</p>" for i in range(40)) + "</a>"
    lines = [line for line in md(html).split("\n") if line]
    assert len(lines) == 40
    linked = [line for line in lines if line.startswith("[")]
    assert len(linked) == 16
    assert lines[-1] == "p39"


def test_link_with_a_picture_inside_hidden_content_is_dropped() -> None:
    """A picture inside a hidden wrapper is not seen: the link writes nothing."""
    assert md('<p>a<a href="/h"><span hidden><img alt="x"></span></a>b</p>') == "ab"
