"""Class/id hints and hiding rules of the readable extractor."""

from __future__ import annotations

import pytest

from crawlextract._readable import signals


@pytest.mark.parametrize(
    "names",
    [
        "comments",
        "post-comments",
        "commentList",
        "share-bar",
        "shareTools",
        "social-links",
        "related-stories",
        "newsletter-signup",
        "ad",
        "sidebar",
        "theiaStickySidebar",
        "wp-caption",
        "byline",
        "tags",
        "blog_cta-holder",
        "author-bio",
        "site-copyright",
        "page-feedback",
        "post-signature",
        "signatureContainer",
        "message-signature",
        "cSignature",
    ],
)
def test_boilerplate_names(names: str) -> None:
    """Names of comment threads, share bars, related links, ads, sidebars and captions are hints."""
    assert signals.name_flags(names) == signals.BOILERPLATE


@pytest.mark.parametrize(
    "names", ["content", "col-md-8", "advantage", "row clearfix", "story", "sig sig-object py"]
)
def test_neutral_names(names: str) -> None:
    """Ordinary layout names, and words that merely contain a hint word, are not hints."""
    assert signals.name_flags(names) == 0


def test_content_phrase_outweighs_other_words() -> None:
    """A name that says "article body" is content even beside a boilerplate word."""
    assert signals.name_flags("article-body pagination-first") == signals.CONTENT
    assert signals.name_flags("entry-content") == signals.CONTENT


def test_layout_word_beside_a_content_word_is_void() -> None:
    """A layout name beside a content word ("content-with-sidebar") is no hint."""
    assert signals.name_flags("content-with-sidebar-wrp") == 0
    assert signals.name_flags("main-rail") == 0


def test_embedded_posts_are_not_social_chrome() -> None:
    """An embedded post inside a "social" wrapper is content."""
    assert signals.name_flags("social-media-embed") == 0


def test_hiding_classes() -> None:
    """Framework classes that hide an element are read as hidden."""
    assert signals.name_flags("d-none foo") == signals.SOFT_HIDDEN
    assert signals.name_flags("hidden-xs") != signals.SOFT_HIDDEN


def test_content_phrases_hold_the_words_the_quick_check_looks_for() -> None:
    """name_flags only looks for content phrases in names holding "body" or "content"."""
    assert all("body" in phrase or "content" in phrase for phrase in signals._CONTENT_WORDS)


def test_layer_names_are_softly_hidden() -> None:
    """Dialog and consent layers are hidden softly; a class merely mentioning a box is not."""
    assert signals.name_flags("modal fade") == signals.SOFT_HIDDEN
    assert signals.name_flags("cookieConsent") == signals.SOFT_HIDDEN
    assert signals.name_flags("enable-lightbox container") == 0


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        ("hidden lg:block", True),
        ("d-none d-md-flex", True),
        ("block lg:hidden xl:block", True),
        ("visible-lg", True),
        ("md:hidden", False),
        ("flex d-lg-none", False),
        ("visible-xs", False),
        ("product-description hidden-up-md", False),
        ("hidden-xs", None),
        ("card-body", None),
    ],
)
def test_desktop_display(names: str, *, shown: bool | None) -> None:
    """Responsive classes say what a desktop screen shows; the widest breakpoint wins."""
    assert signals.desktop_display(names.split()) is shown


def test_responsive_classes_decide_over_hiding_classes() -> None:
    """Shown from a breakpoint up is visible; shown on phones only is mobile-only, not hidden."""
    assert signals.name_flags("hidden lg:block") == 0
    assert signals.name_flags("d-none d-lg-block") == 0
    assert signals.name_flags("md:hidden") == signals.MOBILE_ONLY
    assert signals.name_flags("md:hidden sidebar") == signals.MOBILE_ONLY | signals.BOILERPLATE
