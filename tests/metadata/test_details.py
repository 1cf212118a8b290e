"""The extended page-detail rules (docs/metadata.md, "Details for indexing"), for every backend.

One test per source and per precedence rule, on small hand-written pages.
"""

from __future__ import annotations

import json
import pickle
import threading

import pytest

import crawlextract
from crawlextract import Metadata

BACKENDS = [info.name for info in crawlextract.available_extractors("metadata") if info.installed]


@pytest.fixture(params=BACKENDS)
def details_of(request: pytest.FixtureRequest):
    """Return a function that extracts page details with one backend."""
    options = crawlextract.Options(metadata=request.param)

    def run(html: str, url: str | None = "https://example.com/news/story", headers=None):
        return crawlextract.extract(html, url=url, headers=headers, options=options).metadata

    return run


def ld(value: object) -> str:
    """A JSON-LD script holding ``value``."""
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "author": {"@type": "Person", "name": "Ann Lee"},
    "datePublished": "2025-08-25T10:00:00Z",
    "dateModified": "2025-08-26",
}


# --- authors -------------------------------------------------------------------


def test_author_from_json_ld_person(details_of) -> None:
    """A JSON-LD article's author object gives its name."""
    assert details_of(ld(ARTICLE)).authors == ("Ann Lee",)


def test_author_json_ld_wins_over_meta(details_of) -> None:
    """JSON-LD comes before `<meta name=author>` for authors."""
    html = '<meta name="author" content="Meta Name">' + ld(ARTICLE)
    assert details_of(html).authors == ("Ann Lee",)


def test_author_from_meta_and_byline_prefix_stripped(details_of) -> None:
    """`<meta name=author>` gives the author, without a leading "By"."""
    assert details_of('<meta name="author" content="By  Ann Lee">').authors == ("Ann Lee",)


def test_author_list_split_and_suffix_kept(details_of) -> None:
    """A list "A, B and C" is three names; a degree after a comma stays with its name."""
    html = '<meta name="author" content="Ann Lee, Ph.D., Bo Chan and Cy Dee">'
    assert details_of(html).authors == ("Ann Lee, Ph.D.", "Bo Chan", "Cy Dee")


def test_author_urls_emails_and_handles_are_not_names(details_of) -> None:
    """A profile URL, an email address or a @handle is dropped; the next source counts."""
    html = (
        '<meta property="article:author" content="https://facebook.com/ann">'
        '<meta name="author" content="ann@example.com">'
        '<div itemscope itemtype="https://schema.org/Article">'
        '<span itemprop="author">Ann Lee</span></div>'
    )
    assert details_of(html).authors == ("Ann Lee",)


def test_author_json_ld_array_and_id_reference(details_of) -> None:
    """Authors may be an array, and a `{"@id"}` reference resolves within the `@graph`."""
    graph = {
        "@graph": [
            {"@type": "BlogPosting", "author": [{"@id": "#ann"}, "Bo Chan"]},
            {"@type": "Person", "@id": "#ann", "name": "Ann Lee"},
        ]
    }
    assert details_of(ld(graph)).authors == ("Ann Lee", "Bo Chan")


def test_author_from_microdata_first_item_only(details_of) -> None:
    """Microdata authors come from the first item that has one (not every reply's)."""
    html = (
        '<div itemscope itemtype="https://schema.org/Question">'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Asker</span></span></div>'
        '<div itemscope itemtype="https://schema.org/Answer">'
        '<span itemprop="author">Replier</span></div>'
    )
    assert details_of(html).authors == ("Asker",)


def test_author_from_twitter_card_label_and_data(details_of) -> None:
    """A Twitter card pair labelled "Written by" gives the author."""
    html = (
        '<meta name="twitter:label1" content="Est. reading time">'
        '<meta name="twitter:data1" content="3 minutes">'
        '<meta name="twitter:label2" content="Written by">'
        '<meta name="twitter:data2" content="Ann Lee">'
    )
    assert details_of(html).authors == ("Ann Lee",)


def test_author_from_rel_author_link(details_of) -> None:
    """`<a rel=author>` text gives the author when nothing structured does."""
    assert details_of('<p>By <a rel="author" href="/ann">Ann Lee</a></p>').authors == ("Ann Lee",)


def test_author_from_byline_element_last(details_of) -> None:
    """An element whose class says byline gives the author only when nothing else does."""
    html = '<div class="post-byline">Written by Ann Lee</div>'
    assert details_of(html).authors == ("Ann Lee",)
    with_meta = '<meta name="author" content="Bo Chan">' + html
    assert details_of(with_meta).authors == ("Bo Chan",)


def test_byline_details_after_a_bullet_are_not_names(details_of) -> None:
    """A byline is read in parts (bullets, pipes, spaced dashes); a part with a digit is no name."""
    html = '<div class="byline">By Ann Lee \u2022 March 3, 2025</div>'
    assert details_of(html).authors == ("Ann Lee",)
    assert details_of('<span class="author-info">3 May 2024</span>').authors == ()


def test_bylines_of_many_people_are_a_listing(details_of) -> None:
    """A page whose bylines name more than three different people has no one author."""
    teasers = "".join(
        f'<article><h2>Story {n}</h2><p class="byline">By Writer {name}</p></article>'
        for n, name in enumerate(("Ann", "Bo", "Cy", "Di"))
    )
    assert details_of(teasers).authors == ()
    assert details_of(teasers.replace("Di", "Ann")).authors == ("Writer Ann",)


def test_author_that_is_the_site_yields_to_a_person(details_of) -> None:
    """An author equal to the site name yields to a later source naming a person."""
    html = (
        '<meta property="og:site_name" content="Daily News">'
        '<meta name="author" content="Daily News">'
        '<a rel="author" href="/ann">Ann Lee</a>'
    )
    assert details_of(html).authors == ("Ann Lee",)
    only_site = (
        '<meta property="og:site_name" content="Daily News">'
        '<meta name="author" content="Daily News">'
    )
    assert details_of(only_site).authors == ("Daily News",)


def test_placeholder_author_dropped(details_of) -> None:
    """Placeholders such as "undefined" are no author."""
    assert details_of('<meta name="author" content="undefined">').authors == ()


# --- dates ---------------------------------------------------------------------


def test_published_and_modified_from_json_ld(details_of) -> None:
    """JSON-LD `datePublished`/`dateModified` give the dates, in ISO 8601."""
    details = details_of(ld(ARTICLE))
    assert details.published == "2025-08-25T10:00:00+00:00"
    assert details.modified == "2025-08-26"


def test_published_json_ld_wins_over_opengraph(details_of) -> None:
    """JSON-LD comes before `article:published_time`."""
    html = '<meta property="article:published_time" content="2020-01-01">' + ld(ARTICLE)
    assert details_of(html).published == "2025-08-25T10:00:00+00:00"


def test_published_from_article_meta(details_of) -> None:
    """`article:published_time` and `article:modified_time` give the dates."""
    html = (
        '<meta property="article:published_time" content="2024-03-05T08:09:10+0100">'
        '<meta property="article:modified_time" content="2024-03-06">'
    )
    details = details_of(html)
    assert details.published == "2024-03-05T08:09:10+01:00"
    assert details.modified == "2024-03-06"


def test_published_from_dublin_core(details_of) -> None:
    """`dc.date` gives the date when nothing better does."""
    assert details_of('<meta name="DC.date" content="March 5, 2024">').published == "2024-03-05"


def test_published_from_microdata_time(details_of) -> None:
    """Microdata `datePublished` on a `<time>` reads its `datetime`."""
    html = '<time itemprop="datePublished" datetime="2023-11-02">2 Nov</time>'
    assert details_of(html).published == "2023-11-02"


def test_published_from_date_element_last(details_of) -> None:
    """An element whose class says date gives the date when no field does."""
    assert details_of('<span class="post-date">December 17, 2025</span>').published == "2025-12-17"


def test_published_from_byline_element_after_date_elements(details_of) -> None:
    """A byline's date counts after every other source."""
    html = '<p class="author">Ann Lee<br>4 August 2010</p>'
    assert details_of(html).published == "2010-08-04"


def test_no_date_from_the_url(details_of) -> None:
    """A date in the URL is never used."""
    assert details_of("<p>x</p>", url="https://e.com/2024/03/05/story").published is None


def test_unreadable_date_is_skipped(details_of) -> None:
    """A date field that is no date gives way to the next source."""
    html = (
        '<meta property="article:published_time" content="soon">'
        '<meta name="date" content="2024-02-29">'
    )
    assert details_of(html).published == "2024-02-29"


# --- site name, image, language ------------------------------------------------


def test_site_name_opengraph_first(details_of) -> None:
    """`og:site_name` comes before a JSON-LD WebSite name."""
    website = ld({"@type": "WebSite", "name": "LD"})
    html = '<meta property="og:site_name" content="OG Site">' + website
    assert details_of(html).site_name == "OG Site"
    assert details_of(ld({"@type": "WebSite", "name": "LD"})).site_name == "LD"


def test_site_name_from_json_ld_publisher(details_of) -> None:
    """A JSON-LD article's publisher names the site when no WebSite does."""
    article = {**ARTICLE, "publisher": {"@type": "Organization", "name": "The Paper"}}
    assert details_of(ld(article)).site_name == "The Paper"


def test_image_relative_made_absolute(details_of) -> None:
    """A relative `og:image` resolves against the page URL."""
    html = '<meta property="og:image" content="../img/a.png">'
    assert details_of(html).image == "https://example.com/img/a.png"


def test_image_resolves_against_base_href(details_of) -> None:
    """`<base href>` is the base of a relative image URL."""
    html = '<base href="https://cdn.example.net/s/"><meta name="twitter:image" content="b.jpg">'
    assert details_of(html).image == "https://cdn.example.net/s/b.jpg"


def test_image_opengraph_before_twitter_and_json_ld(details_of) -> None:
    """`og:image` comes before `twitter:image` and JSON-LD `image`."""
    html = (
        ld({**ARTICLE, "image": {"@type": "ImageObject", "url": "/ld.png"}})
        + '<meta name="twitter:image" content="/tw.png">'
        + '<meta property="og:image" content="/og.png">'
    )
    assert details_of(html).image == "https://example.com/og.png"


def test_image_from_json_ld_image_object_and_unsafe_skipped(details_of) -> None:
    """A JSON-LD ImageObject gives its URL; a `javascript:` image is skipped."""
    html = '<meta property="og:image" content="javascript:alert(1)">' + ld(
        {**ARTICLE, "image": [{"@type": "ImageObject", "url": "/ld.png"}]}
    )
    assert details_of(html).image == "https://example.com/ld.png"


def test_declared_language_sources(details_of) -> None:
    """`<html lang>` first; else Content-Language, then `og:locale` (normalised)."""
    assert details_of('<html lang="EN-gb"><p>x</p>').declared_language == "en-GB"
    html = '<meta property="og:locale" content="pt_BR"><p>x</p>'
    assert details_of(html).declared_language == "pt-BR"
    headers = {"Content-Language": "de-AT, en"}
    assert details_of(html, headers=headers).declared_language == "de-AT"


def test_language_keeps_its_standard_meaning(details_of) -> None:
    """`language` is only `<html lang>`, whatever else the page declares."""
    assert details_of('<meta property="og:locale" content="fr_FR">').language is None


# --- keywords, categories, page type ---------------------------------------------


def test_keywords_json_ld_string_split(details_of) -> None:
    """JSON-LD `keywords` as one string is split at commas, repeats dropped."""
    details = details_of(ld({**ARTICLE, "keywords": "Go, rust, go"}))
    assert details.keywords == ("Go", "rust")


def test_keywords_article_tags_before_meta_keywords(details_of) -> None:
    """`article:tag` metas come before `<meta name=keywords>`."""
    html = (
        '<meta name="keywords" content="x, y">'
        '<meta property="article:tag" content="Elections">'
        '<meta property="article:tag" content="Europe">'
    )
    assert details_of(html).keywords == ("Elections", "Europe")
    assert details_of('<meta name="keywords" content="x, y">').keywords == ("x", "y")


def test_categories_from_json_ld_and_article_section(details_of) -> None:
    """`articleSection` (JSON-LD) and `article:section` give the categories."""
    assert details_of(ld({**ARTICLE, "articleSection": ["World"]})).categories == ("World",)
    html = '<meta property="article:section" content="Sport">'
    assert details_of(html).categories == ("Sport",)


def test_page_type_json_ld_before_opengraph(details_of) -> None:
    """A JSON-LD main-entity type comes before `og:type`, mapped to a coarse word."""
    html = '<meta property="og:type" content="website">' + ld({"@type": "Product", "name": "P"})
    assert details_of(html).page_type == "product"
    assert details_of('<meta property="og:type" content="video.movie">').page_type == "video"


def test_page_type_opengraph_before_json_ld_web_page(details_of) -> None:
    """`og:type` comes before a JSON-LD WebPage (which describes any page)."""
    html = '<meta property="og:type" content="article">' + ld({"@type": "WebPage"})
    assert details_of(html).page_type == "article"
    assert details_of(ld({"@type": "WebPage"})).page_type == "webpage"


def test_page_type_from_microdata_item_type(details_of) -> None:
    """A top-level microdata item's type names the page type when nothing else does."""
    html = '<div itemscope itemtype="https://schema.org/Recipe"><p>Soup</p></div>'
    assert details_of(html).page_type == "recipe"


# --- broken JSON-LD -------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "Article", "author": "Ann Lee",}',  # a trailing comma
        '<!-- {"@type": "Article", "author": "Ann Lee"} -->',  # an HTML comment around it
        '{"@type": "Article", "author": "Ann\nLee"}',  # a raw newline in a string
        '{"@type": "Article", "author": "Ann Lee"}{"@type": "WebSite"}',  # two objects
        '[{"@type": "Article", "author": "Ann Lee"}, 3, null]',  # an array with junk
    ],
)
def test_broken_json_ld_read_as_far_as_it_goes(details_of, script: str) -> None:
    """Common breakage in JSON-LD is repaired or skipped; what can be read is read."""
    html = f'<script type="application/ld+json">{script}</script>'
    assert details_of(html).authors == ("Ann Lee",)


@pytest.mark.parametrize(
    "script",
    ["{", "not json at all", "[" * 100_000, '{"@type": {"x": 1}, "author": 7}', "null", ""],
)
def test_hopeless_json_ld_never_raises(details_of, script: str) -> None:
    """JSON-LD that cannot be read gives no value and no error."""
    html = f'<script type="application/ld+json">{script}</script><meta name="author" content="A B">'
    details = details_of(html)
    assert details.authors == ("A B",)
    assert details.page_type is None


# --- laziness and the object ----------------------------------------------------


def test_standard_fields_do_not_depend_on_reading_the_others() -> None:
    """Reading an extended field first or never leaves the standard ones the same."""
    html = (
        '<html lang="en"><head><title>T</title><meta name="description" content="D">'
        '<link rel="canonical" href="/c"></head><body>' + ld(ARTICLE) + "<p>x</p></body></html>"
    )
    plain = crawlextract.extract(html, url="https://e.com/a").metadata
    extended_first = crawlextract.extract(html, url="https://e.com/a").metadata
    assert extended_first.authors == ("Ann Lee",)
    standard = ("title", "description", "canonical", "robots", "language")
    assert [getattr(plain, name) for name in standard] == [
        getattr(extended_first, name) for name in standard
    ]
    assert plain == extended_first  # equality reads (and so computes) every field


def test_extended_fields_are_computed_once_across_threads() -> None:
    """Threads reading the deferred fields at once all get the same values."""
    metadata = crawlextract.extract(ld(ARTICLE), url="https://e.com/a").metadata
    results: list[tuple[str, ...]] = []
    threads = [threading.Thread(target=lambda: results.append(metadata.authors)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [("Ann Lee",)] * 8


def test_metadata_pickles_with_its_extended_fields() -> None:
    """A pickled Metadata carries the extended fields (computed before pickling)."""
    metadata = crawlextract.extract(ld(ARTICLE), url="https://e.com/a").metadata
    copy = pickle.loads(pickle.dumps(metadata))  # noqa: S301 - our own object
    assert copy.published == "2025-08-25T10:00:00+00:00"
    assert copy == metadata


def test_metadata_built_by_hand_takes_every_field() -> None:
    """A custom extractor can build a Metadata with the extended fields directly."""
    metadata = Metadata(title="t", authors=("Ann",), page_type="article")
    assert metadata.to_dict()["authors"] == ["Ann"]
    assert json.loads(json.dumps(metadata.to_dict()))["page_type"] == "article"


def test_json_ld_escapes_never_put_controls_or_surrogates_in_outputs(details_of) -> None:
    """JSON-LD escapes for controls and lone surrogates are dropped or replaced."""
    script = (
        '{"@type": "Article", "author": "Ann\\u0007 Lee\\ud800", "keywords": "\\u0001",'
        ' "articleSection": "News\\u0000"}'
    )
    details = details_of(f'<script type="application/ld+json">{script}</script>')
    assert details.authors == ("Ann Lee\ufffd",)
    assert details.keywords == ()
    assert details.categories == ("News",)
    json.dumps(details.to_dict()).encode("utf-8")


def test_docs_name_every_meta_key_the_rules_read() -> None:
    """docs/metadata.md names every meta key in the rules' lists, so the two cannot drift."""
    from pathlib import Path  # noqa: PLC0415 - this test only

    from crawlextract._metadata import details as _details  # noqa: PLC0415 - this test only

    docs = (Path(__file__).parents[2] / "docs" / "metadata.md").read_text().lower()
    lists = [value for name, value in vars(_details).items() if name.endswith("_METAS")]
    keys = {key for keys in lists for key in keys if not key.startswith("http-equiv:")}
    assert keys, "no meta key lists found"
    assert sorted(key for key in keys if f"`{key}`" not in docs) == []
