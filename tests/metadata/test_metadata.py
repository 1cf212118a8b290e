"""The metadata rules of docs/metadata.md, one test per rule, for every metadata backend."""

from __future__ import annotations

import pytest

import crawlextract
from crawlextract import Metadata

BACKENDS = [info.name for info in crawlextract.available_extractors("metadata") if info.installed]


@pytest.fixture(params=BACKENDS)
def metadata_of(request: pytest.FixtureRequest):
    """Return a function that extracts page details with one backend."""
    options = crawlextract.Options(metadata=request.param)

    def run(html: str | bytes, url: str | None = None, headers=None) -> Metadata:
        return crawlextract.extract(html, url=url, headers=headers, options=options).metadata

    return run


# --- title -----------------------------------------------------------------


def test_title_entities_decoded_whitespace_collapsed(metadata_of) -> None:
    """The title has entities decoded and ASCII whitespace stripped and collapsed."""
    assert metadata_of("<title>\n  Tom &amp;\tJerry  </title>").title == "Tom & Jerry"


def test_title_keeps_no_break_space(metadata_of) -> None:
    """Only ASCII whitespace collapses: a no-break space survives, as in `document.title`."""
    assert metadata_of("<title>a&nbsp;b</title>").title == "a\u00a0b"


def test_first_title_wins(metadata_of) -> None:
    """With several `<title>`s, the first in tree order is the title."""
    assert metadata_of("<title>one</title><body><title>two</title>").title == "one"


def test_svg_title_never_counts(metadata_of) -> None:
    """An `<svg><title>` is not in the HTML namespace, so it is never the page title."""
    html = "<body><svg><title>icon</title></svg><title>real</title></body>"
    assert metadata_of(html).title == "real"


def test_title_absent_or_empty_is_none(metadata_of) -> None:
    """No `<title>`, or one with only whitespace, gives `None`."""
    assert metadata_of("<p>no title</p>").title is None
    assert metadata_of("<title>  \n </title>").title is None


def test_og_title_never_replaces_title(metadata_of) -> None:
    """`og:title` is not the title."""
    assert metadata_of('<meta property="og:title" content="OG"><p>x</p>').title is None


# --- description ---------------------------------------------------------------


def test_description_first_meta(metadata_of) -> None:
    """The first `<meta name=description>` gives the description."""
    html = '<meta name="description" content="first"><meta name="description" content="second">'
    assert metadata_of(html).description == "first"


def test_description_name_case_insensitive(metadata_of) -> None:
    """The `name` is matched case-insensitively."""
    assert metadata_of('<meta name="Description" content="x">').description == "x"


def test_description_whitespace_collapsed(metadata_of) -> None:
    """The content has its whitespace collapsed."""
    assert metadata_of('<meta name="description" content="  a \n\n b  ">').description == "a b"


def test_description_absent_or_empty_is_none(metadata_of) -> None:
    """No description, or an empty one, gives `None`."""
    assert metadata_of("<p>x</p>").description is None
    assert metadata_of('<meta name="description" content="   ">').description is None


# --- canonical -------------------------------------------------------------------


def test_canonical_resolved_against_page_url(metadata_of) -> None:
    """A relative canonical is resolved against the page URL."""
    html = '<link rel="canonical" href="/a/b">'
    assert metadata_of(html, url="https://e.com/x/y").canonical == "https://e.com/a/b"


def test_canonical_resolved_against_base_href(metadata_of) -> None:
    """`<base href>` (itself resolved against the page URL) is the base for the canonical."""
    html = '<base href="/dir/"><link rel="canonical" href="page">'
    assert metadata_of(html, url="https://e.com/x/y").canonical == "https://e.com/dir/page"


def test_canonical_rel_is_a_token_list(metadata_of) -> None:
    """`rel` is a case-insensitive, whitespace-separated token list."""
    html = '<link rel="alternate  CANONICAL" href="https://e.com/c">'
    assert metadata_of(html).canonical == "https://e.com/c"


def test_first_canonical_wins(metadata_of) -> None:
    """With several canonicals, the first in tree order wins."""
    html = '<link rel=canonical href="https://e.com/1"><link rel=canonical href="https://e.com/2">'
    assert metadata_of(html).canonical == "https://e.com/1"


def test_canonical_without_href_is_skipped(metadata_of) -> None:
    """A canonical `<link>` without a target declares nothing; the next one counts."""
    html = '<link rel=canonical><link rel=canonical href="https://e.com/2">'
    assert metadata_of(html).canonical == "https://e.com/2"


def test_canonical_from_link_header(metadata_of) -> None:
    """Without a `<link>`, the HTTP `Link` header's canonical is used, resolved against the URL."""
    headers = {"Link": '</c>; rel="canonical"'}
    assert (
        metadata_of("<p>x</p>", url="https://e.com/a", headers=headers).canonical
        == "https://e.com/c"
    )


def test_html_canonical_beats_link_header(metadata_of) -> None:
    """The page's own `<link rel=canonical>` comes before the header."""
    headers = {"Link": '<https://e.com/header>; rel="canonical"'}
    html = '<link rel=canonical href="https://e.com/html">'
    assert metadata_of(html, headers=headers).canonical == "https://e.com/html"


def test_canonical_never_defaults_to_url(metadata_of) -> None:
    """Nothing declared means `None`, never the input URL."""
    assert metadata_of("<p>x</p>", url="https://e.com/a").canonical is None


def test_unsafe_canonical_is_ignored(metadata_of) -> None:
    """A `javascript:` canonical is not a URL to index."""
    assert metadata_of('<link rel=canonical href="javascript:alert(1)">').canonical is None


def test_canonical_relative_without_any_base_stays_relative(metadata_of) -> None:
    """With no page URL and no `<base>`, a relative canonical is returned as written."""
    assert metadata_of('<link rel=canonical href="/a">').canonical == "/a"


# --- robots and language ---------------------------------------------------------


def test_robots_from_meta_and_header(metadata_of) -> None:
    """Robots directives come from `<meta name=robots>` and unscoped `X-Robots-Tag`."""
    headers = [("X-Robots-Tag", "noarchive"), ("X-Robots-Tag", "otherbot: noindex")]
    meta = metadata_of('<meta name="ROBOTS" content="NoIndex, follow">', headers=headers)
    assert meta.robots == ("noindex", "follow", "noarchive")
    assert meta.noindex


def test_language_from_html_lang(metadata_of) -> None:
    """`<html lang>` gives the language."""
    assert metadata_of('<html lang="de-AT"><p>x</p>').language == "de-AT"


def test_to_dict_is_the_documented_schema(metadata_of) -> None:
    """`Metadata.to_dict()` has exactly the documented keys."""
    keys = set(metadata_of("<title>t</title>").to_dict())
    assert keys == {
        "title", "description", "canonical", "robots", "language",
        "authors", "published", "modified", "site_name", "image",
        "declared_language", "detected_language", "keywords", "categories", "page_type",
    }  # fmt: skip


# --- page filters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "url", "status"),
    [("<p>x</p>", "https://e.com/a", "not set"),
     ('<link rel=canonical href="https://E.com/a#top">', "https://e.com/a", "self"),
     ('<link rel=canonical href="https://e.com/b">', "https://e.com/a", "other"),
     ('<link rel=canonical href="https://e.com/b">', None, "unknown")],
)  # fmt: skip
def test_canonical_filter(html: str, url: str | None, status: str) -> None:
    """The canonical filter says whether the page is its own canonical."""
    assert crawlextract.extract(html, url=url).filters.canonical == status
