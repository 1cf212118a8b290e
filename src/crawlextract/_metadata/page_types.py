"""Page types: what JSON-LD, OpenGraph and microdata declare, as one coarse vocabulary."""

from __future__ import annotations

import re

from .head import collapse_whitespace

# Coarse page types, so JSON-LD, OpenGraph and microdata speak alike; a type not
# listed comes out lowercased as declared.
_PAGE_TYPE_WORDS = {
    "article": "article",
    "advertisercontentarticle": "article",
    "analysisnewsarticle": "article",
    "askpublicnewsarticle": "article",
    "backgroundnewsarticle": "article",
    "blogposting": "article",
    "blog": "article",
    "liveblogposting": "article",
    "newsarticle": "article",
    "opinionnewsarticle": "article",
    "report": "article",
    "reportagenewsarticle": "article",
    "reviewnewsarticle": "article",
    "satiricalarticle": "article",
    "scholarlyarticle": "article",
    "techarticle": "article",
    "product": "product",
    "productgroup": "product",
    "og:product": "product",
    "videoobject": "video",
    "movie": "video",
    "discussionforumposting": "discussion",
    "socialmediaposting": "discussion",
    "question": "discussion",
    "qapage": "discussion",
    "jobposting": "job",
    "profilepage": "profile",
    "person": "profile",
    "collectionpage": "listing",
    "searchresultspage": "listing",
    "faqpage": "faq",
    "website": "website",
    "webpage": "webpage",
    "itempage": "webpage",
    "aboutpage": "webpage",
    "contactpage": "webpage",
    "podcastepisode": "audio",
    "softwareapplication": "software",
}


def item_type_names(item_type: str) -> list[str]:
    """The type names in a microdata ``itemtype`` (URLs), without their vocabulary."""
    return [re.split(r"[/:#]", url.rstrip("/"))[-1] for url in item_type.split() if url]


def page_type_word(name: str) -> str | None:
    """A declared type as a coarse page type (``NewsArticle`` and ``article`` give ``article``)."""
    word = collapse_whitespace(name)
    if word is None:
        return None
    lowered = word.lower()
    if lowered in _PAGE_TYPE_WORDS:
        return _PAGE_TYPE_WORDS[lowered]
    family = lowered.split(".", 1)[0]  # OpenGraph "video.movie", "music.song"
    if family in {"video", "music"}:
        return "video" if family == "video" else "audio"
    return lowered
