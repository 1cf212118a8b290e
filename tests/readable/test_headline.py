"""The headline on top of readable markdown: ``Options(readable_title=True)``."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

import crawlextract
from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._extractors.headline import headline_element, with_headline
from crawlextract._markdown import RenderContext, render

PROSE = (
    "The committee met on Tuesday to discuss the new water plan, which would bring clean water "
    "to every village in the valley by the end of the decade, according to the chair."
)
BODY = "".join(f"<p>{PROSE.replace('water', f'water{n}')}</p>" for n in range(4))
TITLED = Options(readable_title=True)


def readable(html: str, options: Options = TITLED) -> str:
    """The readable markdown of one page."""
    return crawlextract.extract(html, options=options).readable_markdown


def test_off_by_default() -> None:
    """Without the option the readable markdown carries no headline (the benchmarks expect none)."""
    html = f"<title>Site</title><body><article><h1>The water plan</h1>{BODY}</article></body>"
    text = readable(html, Options())
    assert "The water plan" not in text
    assert "water0" in text
    assert text.splitlines()[0].startswith("The committee")


def test_h1_inside_the_content_is_the_headline() -> None:
    """The content's own h1 (left out of the body by default) comes first, as a # heading."""
    html = f"<title>Site | x</title><body><article><h1>The water plan</h1>{BODY}</article></body>"
    text = readable(html)
    assert text.startswith("# The water plan\n\nThe committee")
    assert text.count("The water plan") == 1
    assert text.endswith(readable(html, Options()))


def test_h1_before_the_content_is_the_headline() -> None:
    """An h1 in a header above the body, with a byline between, is the content's headline."""
    html = (
        "<title>Site name</title><body><header class=masthead><h1>Site name</h1></header>"
        "<main><div class=head><h1>Valley gets <a href='/w'>clean water</a></h1>"
        "<p class=byline>By A. Writer</p></div>"
        f"<div class=entry-content>{BODY}</div></main></body>"
    )
    text = readable(html)
    assert text.startswith("# Valley gets clean water\n\n")
    assert "Site name" not in text
    assert "water3" in text


def test_page_title_when_there_is_no_h1() -> None:
    """With no h1 on the page, the <title> is the headline."""
    html = f"<head><title>  Plans for\nthe valley </title></head><body><article>{BODY}</article>"
    assert readable(html).startswith("# Plans for the valley\n\nThe committee")


def test_no_headline_at_all() -> None:
    """No h1 and no <title>: the readable markdown is as without the option."""
    html = f"<body><article>{BODY}</article></body>"
    assert readable(html) == readable(html, Options())


def test_hidden_h1_is_not_the_headline() -> None:
    """An h1 a reader never sees (screen-reader only, hidden) is passed over."""
    html = (
        "<title>T</title><body><h1 class=sr-only>Home page</h1><h1 hidden>Secret</h1>"
        f"<h1>Visible headline</h1><article>{BODY}</article></body>"
    )
    text = readable(html)
    assert text.startswith("# Visible headline\n\n")
    assert "Home page" not in text
    assert "Secret" not in text


def test_not_duplicated_when_the_content_starts_with_it() -> None:
    """Content that already opens with a heading of the same words gets no second one."""
    html = f"<title>Site</title><body><article><h2>The Water Plan</h2>{BODY}</article></body>"
    plain = readable(html, Options())
    assert plain.startswith("## The Water Plan")
    page_title = f"<title>The Water Plan | Site</title><body><article><h2>The Water Plan</h2>{BODY}"
    assert readable(page_title) == readable(page_title, Options())
    h1_before = f"<title>Site</title><h1>The water plan</h1><article><h2>The Water Plan</h2>{BODY}"
    assert readable(h1_before) == readable(h1_before, Options())


def test_headline_is_escaped_markdown() -> None:
    """Page text in the headline never turns into markup."""
    html = f"<title>*Stars* [1] #2 ##</title><body><article>{BODY}</article></body>"
    first = readable(html).splitlines()[0]
    assert first.startswith("# ")
    assert MarkdownIt("commonmark").render(first) == "<h1>*Stars* [1] #2 ##</h1>\n"


def test_empty_content_gets_no_headline() -> None:
    """A headline alone is no content: an empty readable markdown stays empty."""
    assert readable("<title>Only a title</title><body></body>") == ""


def test_headline_element_without_roots_is_the_first_visible_h1() -> None:
    """For backends that do not say what they chose, the page's first visible h1 is taken."""
    document = decode_document(
        "<body><h1 aria-hidden=true>No</h1><h1>First</h1><h1>Second</h1></body>", None, None, TITLED
    )
    found = headline_element(document.dom, ())
    assert found is not None
    element, shown = found
    assert element.text() == "First"
    assert not shown


def test_an_h1_the_selection_keeps_is_not_repeated() -> None:
    """An h1 the content renders (nothing excludes it) is shown there: no headline is added."""
    document = decode_document(
        f"<title>T</title><article><p>Kicker</p><h1>Kept</h1>{BODY}</article>", None, None, TITLED
    )
    article = document.dom.find("article")
    assert article is not None
    heading = article.find("h1")
    assert heading is not None
    assert headline_element(document.dom, (article,)) == (heading, True)
    assert headline_element(document.dom, (article,), {id(heading)}) == (heading, False)
    context = RenderContext.for_document(document, "readable")
    markdown = render((article,), context)
    assert with_headline(markdown, document, context, (article,)) == markdown
    hidden = render((article,), context, {id(heading)})
    assert with_headline(hidden, document, context, (article,), {id(heading)}).startswith(
        "# Kept\n\nKicker"
    )


@pytest.mark.parametrize("backend", ["trafilatura", "readability"])
def test_other_readable_backends_honour_the_option(backend: str) -> None:
    """The built-in peer backends put the headline on top too."""
    pytest.importorskip(backend)
    html = f"<title>Site</title><body><h1>Valley water</h1><article>{BODY}</article></body>"
    text = readable(html, Options(readable=backend, readable_title=True))
    assert text.startswith("# Valley water\n\n")
    assert text.count("Valley water") == 1
