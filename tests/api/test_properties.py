"""Properties over generated HTML: no exception, clean text, determinism, safe markdown."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import crawlextract
from output_contract import check_markdown, check_page
from strategies import PROPERTY_SETTINGS, URLS, html_bytes, html_documents, page_urls


@PROPERTY_SETTINGS
@given(html=html_documents(), url=page_urls)
def test_generated_html_meets_the_output_contract(html: str, url: str | None) -> None:
    """Any generated page gives str outputs without controls and safe markdown, never raising."""
    check_page(crawlextract.extract(html, url))


@PROPERTY_SETTINGS
@given(page=html_bytes(), url=page_urls)
def test_generated_bytes_meet_the_output_contract(
    page: tuple[bytes, dict[str, str]], url: str | None
) -> None:
    """Encoded, cut or random bytes with a possibly lying charset never break the contract."""
    data, headers = page
    check_page(crawlextract.extract(data, url, headers))


@PROPERTY_SETTINGS
@given(html=html_documents(), url=page_urls)
def test_same_input_gives_the_same_output(html: str, url: str | None) -> None:
    """Two extractions of one page give equal dicts (and warnings, in the same order)."""
    first = crawlextract.extract(html, url).to_dict()
    second = crawlextract.extract(html, url).to_dict()
    assert first == second


@PROPERTY_SETTINGS
@given(page=html_bytes(), url=page_urls)
def test_page_details_do_not_depend_on_reading_order(
    page: tuple[bytes, dict[str, str]], url: str | None
) -> None:
    """Page details read first equal those read after every other output."""
    data, headers = page
    first = crawlextract.extract(data, url, headers).metadata
    last = crawlextract.extract(data, url, headers).to_dict()["metadata"]
    assert first.to_dict() == last


STANDARD_FIELDS = ("title", "description", "canonical", "robots", "language")

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@type", "@id", "@graph", "author", "name", "datePublished", "image"])
            | st.text(max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@PROPERTY_SETTINGS
@given(value=JSON_VALUES, junk=st.text(max_size=30), url=page_urls)
def test_any_json_ld_meets_the_output_contract(value: object, junk: str, url: str | None) -> None:
    """Any JSON value (or JSON with junk around it) in a JSON-LD block never breaks a page."""
    block = json.dumps(value).replace("</", "<\\/") + junk.replace("<", "")
    html = f'<title>t</title><script type="application/ld+json">{block}</script><p>x</p>'
    check_page(crawlextract.extract(html, url))


@PROPERTY_SETTINGS
@given(page=html_bytes(), url=page_urls)
def test_standard_details_do_not_depend_on_reading_the_extended_ones(
    page: tuple[bytes, dict[str, str]], url: str | None
) -> None:
    """The standard page details are the same whether the extended fields were read or not."""
    data, headers = page
    alone = crawlextract.extract(data, url, headers).metadata
    standard_alone = [getattr(alone, name) for name in STANDARD_FIELDS]
    extended_first = crawlextract.extract(data, url, headers).metadata
    _ = (extended_first.authors, extended_first.published, extended_first.page_type)
    assert [getattr(extended_first, name) for name in STANDARD_FIELDS] == standard_alone
    assert extended_first == alone  # and the extended fields, read later, agree too


@PROPERTY_SETTINGS
@given(
    target=st.sampled_from(URLS),
    label=st.text(max_size=20),
    kind=st.sampled_from(("a", "img")),
    url=page_urls,
)
def test_link_targets_in_markdown_are_never_executable(
    target: str, label: str, kind: str, url: str | None
) -> None:
    """Links and images with any spelling of javascript:/vbscript:/data: never reach markdown."""
    escaped = target.replace('"', "&quot;")
    element = (
        f'<img src="{escaped}" alt="{label}">'
        if kind == "img"
        else f'<a href="{escaped}">{label or "link"}</a>'
    )
    html = f"<html><body><article><h1>T</h1><p>Some text here. {element} more.</p></article>"
    page = crawlextract.extract(html, url)
    check_markdown(page.markdown)
    check_markdown(page.readable_markdown)


@PROPERTY_SETTINGS
@given(words=st.lists(st.sampled_from(("<script>alert(1)</script>", "<img src=x onerror=y>",
                                       "<b>", "</div>", "<!--", "<a href='javascript:x'>",
                                       "<iframe src=//evil>", "plain")), min_size=1))  # fmt: skip
def test_escaped_markup_in_text_stays_text(words: list[str]) -> None:
    """HTML written as text (entities) never becomes live HTML when the markdown is rendered."""
    body = " ".join(word.replace("&", "&amp;").replace("<", "&lt;") for word in words)
    html = f"<html><body><article><p>{body}</p><pre>{body}</pre></article></body></html>"
    check_page(crawlextract.extract(html))
