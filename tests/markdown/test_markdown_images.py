"""Images in the native markdown."""

from __future__ import annotations

import crawlextract
from crawlextract import Options
from crawlextract._base.deadline import NO_DEADLINE
from crawlextract._html.dom import Element
from crawlextract._markdown import RenderContext, render

URL = "https://example.com/dir/page.html"


def md(html: str, **options: object) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, url=URL, options=Options(**options)).markdown  # type: ignore[arg-type]


def test_image_absolute_with_alt() -> None:
    """An image is ![alt](absolute-src), its alt text escaped."""
    assert md('<img src="i.png" alt="a [b] *c*">') == (
        "![a \\[b\\] \\*c\\*](https://example.com/dir/i.png)"
    )


def test_lazy_attribute_wins_over_placeholder() -> None:
    """data-src, data-lazy-src and data-original beat a placeholder src."""
    for name in ("data-src", "data-lazy-src", "data-original"):
        html = f'<img src="data:image/gif;base64,R0l" {name}="/real.jpg">'
        assert md(html) == "![](https://example.com/real.jpg)"


def test_srcset_largest_candidate() -> None:
    """The largest srcset candidate is used (width or density descriptors)."""
    assert md('<img srcset="s.png 100w, l.png 800w, m.png 400w">') == (
        "![](https://example.com/dir/l.png)"
    )
    assert md('<img data-srcset="a.jpg 1x, b.jpg 2x">') == "![](https://example.com/dir/b.jpg)"


def test_srcset_url_with_commas() -> None:
    """A srcset URL may contain commas."""
    assert md('<img srcset="/c/w_100,h_50/a.jpg 100w, /c/w_900,h_450/a.jpg 900w">') == (
        "![](https://example.com/c/w_900,h_450/a.jpg)"
    )


def test_noscript_copy_not_duplicated() -> None:
    """An image with a real lazy source and its <noscript> copy render once."""
    html = '<img src="data:x" data-src="/a.jpg"><noscript><img src="/a.jpg"></noscript>'
    assert md(html) == "![](https://example.com/a.jpg)"


def test_noscript_used_when_placeholder_has_no_source() -> None:
    """When the placeholder has no usable source the <noscript> image is used."""
    html = '<img src="data:image/gif;base64,R0l"><noscript><img src="/real.jpg" alt="r"></noscript>'
    assert md(html) == "![r](https://example.com/real.jpg)"


def test_noscript_text_skipped() -> None:
    """<noscript> text (a 'please enable JavaScript' note) never shows."""
    assert md("<p>a</p><noscript><p>Enable JavaScript</p></noscript>") == "a"


def test_picture_source_when_img_has_none() -> None:
    """An <img> in <picture> without a source uses the <source srcset>."""
    html = '<picture><source srcset="/p.webp 2x"><img alt="p"></picture>'
    assert md(html) == "![p](https://example.com/p.webp)"


def test_picture_source_only_for_its_own_img() -> None:
    """Only an <img> directly in the <picture> falls back to its sources."""
    html = '<picture><source srcset="/p.webp"><span><img alt="p"></span></picture>'
    assert md(html) == ""
    html = '<picture><source srcset="/p.webp"><picture><img alt="q"></picture></picture>'
    assert md(html) == ""


def test_picture_source_inside_noscript() -> None:
    """A <noscript> copy in a <picture> falls back to that picture's sources."""
    html = (
        '<img src="data:x"><noscript><picture><source data-srcset="/n.webp">'
        '<img alt="n"></picture></noscript>'
    )
    assert md(html) == "![n](https://example.com/n.webp)"


def test_picture_source_without_parent_links() -> None:
    """The fallback needs no Element.parent: a hand-built tree without parents works."""
    picture = Element("picture", {})
    picture.children.append(Element("source", {"srcset": "/s.webp 1x, /l.webp 2x"}))
    picture.children.append(Element("img", {"alt": "x"}))
    context = RenderContext(
        base_url=URL,
        include_images=True,
        include_links=True,
        max_table_cells=100,
        deadline=NO_DEADLINE,
    )
    assert render([picture], context) == "![x](https://example.com/l.webp)"


def test_data_uri_dropped() -> None:
    """An image whose only source is a data: URI is not written."""
    assert md('<p>a<img src="data:image/png;base64,AAAA">b</p>') == "ab"


def test_include_images_false() -> None:
    """With include_images off no image is written."""
    assert md('<p>a <img src="/i.png"> b</p>', include_images=False) == "a b"


def test_linked_image() -> None:
    """An image inside a link is the link's text."""
    assert md('<a href="/big.jpg"><img src="/small.jpg" alt="s"></a>') == (
        "[![s](https://example.com/small.jpg)](https://example.com/big.jpg)"
    )


def test_image_title_kept() -> None:
    """An image's title attribute becomes its title."""
    assert md('<img src="/i.png" alt="a" title="T &quot;x&quot;">').endswith('i.png "T \\"x\\"")')
