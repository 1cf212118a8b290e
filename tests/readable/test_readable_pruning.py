"""What is left out inside the chosen root."""

from __future__ import annotations

from crawlextract import extract
from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._readable import select_content
from crawlextract._readable.flat import flatten
from crawlextract._readable.pruning import prune, site_of
from crawlextract._readable.scoring import score
from crawlextract._readable.select import fallback_root
from crawlextract._readable.tuning import Tuning

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "


def excluded_tags(html: str, tuning: Tuning | None = None) -> set[str]:
    """Tag.class of every excluded element."""
    dom = decode_document(html, None, None, Options()).dom
    selection = select_content(dom, tuning or Tuning())
    return {f"{e.tag}.{e.attrs.get('class', '')}" for e in dom.iter() if id(e) in selection.exclude}


def test_boilerplate_inside_the_article_is_dropped() -> None:
    """Share rows, captions, link lists and groups of short labels inside the article go.

    A figure's caption goes; the figure itself (its image) stays.
    """
    html = (
        f"<body><article><h1>Title</h1><p>{PROSE}</p>"
        "<div class=share><a href=#>Share</a></div>"
        "<figure><img src=a.jpg><figcaption>A photo</figcaption></figure>"
        f"<p>{PROSE}</p><ul class=x><li><a href=/1>One link here</a></li>"
        "<li><a href=/2>Two link here</a></li></ul>"
        "<div class=x>" + "<div>Advertisement label</div>" * 10 + "</div>"
        f"<p>{PROSE}</p></article></body>"
    )
    dropped = excluded_tags(html)
    assert {"h1.", "div.share", "figcaption.", "ul.x", "div.x"} <= dropped
    assert "figure." not in dropped
    assert not any(tag.startswith("p.") for tag in dropped)


def test_title_is_kept_when_asked() -> None:
    """With drop_title off the h1 stays."""
    html = f"<body><article><h1>Title</h1><p>{PROSE}</p><p>{PROSE}</p></article></body>"
    assert "h1." not in excluded_tags(html, Tuning(drop_title=False))


def test_hinted_element_holding_most_of_the_content_is_kept() -> None:
    """A hint on the element that holds most of the article does not drop the article."""
    html = (
        f"<body><div id=a><p>short intro, here.</p><div class=has-comments>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></div></body>"
    )
    assert "div.has-comments" not in excluded_tags(html)


def test_mobile_copy_inside_the_content_is_dropped() -> None:
    """Of a desktop and a phone copy of the same text, the phone copy goes; the desktop one stays.

    The desktop copy carries a hiding class that a wider breakpoint undoes, so it is no
    longer hidden softly either.
    """
    html = (
        f"<body><article><p>{PROSE}</p>"
        f"<div class='hidden lg:block'><p>{PROSE}</p></div>"
        f"<div class='lg:hidden'><p>{PROSE}</p></div>"
        f"<p>{PROSE}</p></article></body>"
    )
    dropped = excluded_tags(html)
    assert "div.lg:hidden" in dropped
    assert "div.hidden lg:block" not in dropped


def test_form_field_labels_inside_the_content_are_dropped() -> None:
    """A sign-up form with prose inside the article keeps its prose, not its field labels."""
    html = (
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p>"
        "<form><p>Fill out the form, and we will send you a copy of the report.</p>"
        "<div class=field><label for=a>First Name</label><input id=a></div>"
        "<div class=field><label for=b>Email</label><input id=b></div></form>"
        f"<p>{PROSE}</p></article></body>"
    )
    dropped = excluded_tags(html)
    assert "label." in dropped
    assert "form." not in dropped


def test_section_heading_linking_to_its_own_anchor_is_kept() -> None:
    """A heading wrapped in a link to its own anchor (documentation pages) stays, however long.

    A heading that links to another page (a listicle's item) is no navigation
    either, but a long one costs like a label and goes.
    """
    html = (
        f"<body><article><p>{PROSE}</p>"
        "<h2 id=setup class=anchored><a href=#setup>Setting it up on a server of your own</a></h2>"
        f"<p>{PROSE}</p>"
        "<h2 class=item><a href=/ninja>3. Ninja Promo</a></h2>"
        f"<p>{PROSE}</p>"
        "<h2 class=teaser><a href=/other>Another story about the lanterns on the pier</a></h2>"
        f"<p>{PROSE}</p><h2 class=home><a href=/>Home</a></h2></article></body>"
    )
    dropped = excluded_tags(html)
    assert "h2.anchored" not in dropped
    assert "h2.item" not in dropped
    assert "h2.teaser" in dropped
    # A linked heading with nothing after it heads nothing.
    assert "h2.home" in dropped


def test_permalinks_are_left_out_but_footnotes_and_pictures_stay() -> None:
    """A link into the page showing only an icon or a sign (a heading's permalink) goes.

    A footnote reference into the page (a digit) and a picture in such a link stay.
    """
    html = (
        f"<body><article><p>{PROSE}</p>"
        "<h2 id=usage>Usage <a class=icon href=#usage aria-label='Direct link'><svg></svg></a>"
        "<a class=sign href=#usage>\u00b6</a></h2>"
        f"<p>{PROSE}<a class=note href=#fn1>1</a></p>"
        "<p><a class=photo href=#><img src=a.jpg alt=Pier></a></p>"
        f"<p>{PROSE}</p></article></body>"
    )
    dropped = excluded_tags(html)
    assert {"a.icon", "a.sign"} <= dropped
    assert not {"a.note", "a.photo", "h2."} & dropped


def test_readable_markdown_has_no_permalink_labels() -> None:
    """The heading's permalink label does not reach the readable markdown."""
    html = (
        f"<body><article><p>{PROSE}</p>"
        "<h2 id=usage>Usage<a href=#usage aria-label='Direct link to heading'><svg></svg></a></h2>"
        f"<p>{PROSE}</p></article></body>"
    )
    markdown = extract(html, "https://example.com/").readable_markdown
    assert "## Usage" in markdown
    assert "Direct link" not in markdown


def test_short_links_to_other_sites_are_kept_internal_ones_dropped() -> None:
    """A short link line to another site (where to buy the reviewed thing) stays.

    The same line linking within the page's own site is navigation; without
    the page's URL nothing tells them apart, and both go.
    """
    html = (
        f"<body><article><p>{PROSE}</p>"
        "<p class=shop><a href='https://shop.example.net/kettle'>Buy it at Example Shop</a></p>"
        "<p class=own><a href='https://www.news.example.com/more'>More from our site</a></p>"
        f"<p>{PROSE}</p></article></body>"
    )
    dom = decode_document(html, None, None, Options()).dom
    for url, expected in (
        ("https://news.example.com/story", {"p.own"}),
        (None, {"p.own", "p.shop"}),
    ):
        selection = select_content(dom, Tuning(), url=url)
        dropped = {
            f"{e.tag}.{e.attrs.get('class', '')}" for e in dom.iter() if id(e) in selection.exclude
        }
        assert dropped & {"p.own", "p.shop"} == expected


def test_site_of_keeps_the_last_two_labels() -> None:
    """The site of a URL is its host's last two labels."""
    assert site_of("https://www.news.example.com/a") == "example.com"
    assert site_of("not a url") is None
    assert site_of(None) is None


def test_footer_inside_the_content_is_dropped_however_long() -> None:
    """A ``<footer>`` under the chosen root goes even when it holds most of the root's text.

    Its legal fine print can outweigh a product's few lines; a hinted ``<div>`` holding
    most of the root's text is still kept (the hint was on the article itself).
    """
    fine_print = f"<p>{PROSE}</p>" * 4
    html = f"<body><div class=intro><p>{PROSE}</p></div><footer>{fine_print}</footer></body>"
    dom = decode_document(html, None, None, Options()).dom
    flat = flatten(dom)
    tuning = Tuning()
    body = fallback_root(flat)
    dropped = {flat.elements[index].tag for index in prune(flat, score(flat, tuning), body, tuning)}
    assert "footer" in dropped
    hinted_div = html.replace("<footer>", "<div class=comments>").replace("</footer>", "</div>")
    flat = flatten(decode_document(hinted_div, None, None, Options()).dom)
    body = fallback_root(flat)
    assert not prune(flat, score(flat, tuning), body, tuning)


def test_description_list_without_prose_is_dropped() -> None:
    """A list of labels and values (a post's author stats) goes; a glossary of sentences stays."""
    html = (
        f"<body><article><p>{PROSE}</p>"
        "<dl class=stats><dt>Joined</dt><dd>Mar 3, 2019</dd><dt>Messages</dt><dd>1,204</dd></dl>"
        f"<p>{PROSE}</p><dl class=glossary><dt>Lantern</dt><dd>{PROSE}</dd></dl>"
        f"<p>{PROSE}</p></article></body>"
    )
    dropped = excluded_tags(html)
    assert "dl.stats" in dropped
    assert "dl.glossary" not in dropped
    assert "dl.stats" not in excluded_tags(html, Tuning(no_prose_tags=frozenset({"form"})))


def test_second_copy_of_a_section_is_dropped() -> None:
    """A carousel's cloned slide (two blocks, word for word) goes; the first copy stays.

    A single repeated paragraph is the page's own repetition and stays, and so
    does a copy far from the first one (more than ``copy_levels`` up).
    """
    slide = f"<h3>A happy customer</h3><p>{PROSE}</p><p>Five stars.</p>"
    html = (
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p>"
        f"<div class=track><div class=slide>{slide}</div>"
        f"<div class=clone>{slide}</div></div>"
        f"<p>{PROSE}</p></article></body>"
    )
    dropped = excluded_tags(html)
    assert "div.clone" in dropped
    assert "div.slide" not in dropped
    assert not any(tag.startswith("p.") for tag in dropped)
    assert "div.clone" not in excluded_tags(html, Tuning(copy_levels=0))
    far = (
        f"<body><article><div class=a><div><div><div><div class=first>{slide}</div>"
        f"</div></div></div></div><p>{PROSE}</p><div class=b><div><div><div>"
        f"<div class=again>{slide}</div></div></div></div></div></article></body>"
    )
    assert "div.again" not in excluded_tags(far)
    assert "div.b" in excluded_tags(far, Tuning(copy_levels=20))  # its wrapper: the whole copy


def test_many_parts_of_equal_length_are_compared_in_linear_time() -> None:
    """Thousands of distinct rows with equal text counts are no copies, and cost no pairwise pass.

    A generous bound: comparing every row with every earlier one took tens of
    seconds for these 6,000 rows; a lookup by text is linear.
    """
    import time  # noqa: PLC0415 - only this test times anything

    rows = "".join(
        f"<div class=row><p>Item {i:06d} is described here, briefly, with words to count.</p>"
        f"<p>Its price: {i:06d} units, in stock today.</p></div>"
        for i in range(6000)
    )
    html = f"<body><article><p>{PROSE}</p><div class=list>{rows}</div></article></body>"
    dom = decode_document(html, None, None, Options()).dom
    start = time.perf_counter()
    selection = select_content(dom)
    assert time.perf_counter() - start < 20
    assert not any(e.tag == "div" and id(e) in selection.exclude for e in dom.iter())
