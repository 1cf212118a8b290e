"""What an element's tag and attributes say about it, before any text is counted.

Three kinds of signal, all soft except the first:

- never content: elements a reader does not see as text (form controls, embedded
  objects, ``hidden``/``aria-hidden``/``display:none``);
- boilerplate hints: ``<nav>``, ``<aside>``, ``<footer>``, and class/id tokens
  such as ``comment``, ``share``, ``related``, ``sidebar``, ``newsletter``;
- content hints: ``<article>``, ``<main>``, ``itemprop=articleBody``.

Class and id names are matched as words of the lowercased name (split on
``-``, ``_``, spaces and camelCase), so ``shareBar``, ``share-tools`` and
``post_share`` all say "share", while ``shareholder`` does not.
"""

from __future__ import annotations

import re

from crawlextract._html.visibility import INVISIBLE_TAGS

# Invisible tags the readable walk still visits: MathML, whose formulas are
# article text, and tags that hold no text (void, or never in the compact
# tree), so hiding them would change nothing but the walk's cost.
_WALKED_THOUGH_INVISIBLE = frozenset({
    "math", "base", "script", "style", "template", "source", "track", "area",
    "param", "optgroup", "progress", "meter",
})  # fmt: skip
# Visible tags that are still never the article: fallback copies of the page
# for browsers without scripts or plugins, dialogs and menus.
_NEVER_ARTICLE = frozenset({"noscript", "dialog", "applet", "menu"})

#: Tags whose subtree is never article text.
NEVER_CONTENT = (INVISIBLE_TAGS - _WALKED_THOUGH_INVISIBLE) | _NEVER_ARTICLE

#: Phrasing elements: their text belongs to the nearest block ancestor.
INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data",
    "del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr",
    "picture", "q", "rp", "rt", "ruby", "s", "samp", "small", "source", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})  # fmt: skip

#: Elements that hold page chrome rather than the article. ``<figure>`` is not
#: one: its image belongs to the article, only its caption is left out (keeping
#: figures measured -0.0001 F1 on the AEB pages, and the images matter to readers).
BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "header", "figcaption"})

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Flags of one element (bits of an int, cheap to store per element).
HIDDEN = 1  #: never content: skip the subtree
BOILERPLATE = 2  #: a boilerplate hint
CONTENT = 4  #: a content hint
#: Hidden from a reader with scripts on, but maybe the page's only copy of its
#: text: ``<noscript>`` (what a crawler or a reader without scripts sees) and
#: framework hiding classes (a page that scripts reveal). Skipped like
#: HIDDEN, unless a page shows too little text without it (see :mod:`.reveal`).
SOFT_HIDDEN = 8
#: Shown only on small screens (``md:hidden``, ``d-lg-none``): often the
#: mobile copy of what the desktop layout shows beside it. Counted like any
#: text, but left out inside the chosen content.
MOBILE_ONLY = 16
#: A form field's ``<label>`` ("First Name", "Email"): interface, not text.
LABEL = 32

#: Tags hidden only softly (see SOFT_HIDDEN).
SOFT_HIDDEN_TAGS = frozenset({"noscript"})

# Words of class and id names that say what an element is: comments and their
# forms ("reply" is left out: forum software names its posts so, and there the
# replies are the content); sharing and social widgets; related, recommended and promoted links;
# calls to action ("cta": a sign-up or demo box inside a post; F1 on the
# tuning halves wcxb +0.0003, AEB +0.0002, checked +0.0001 and +0.0015, while
# "toc" and "author" helped the tuning half and hurt the check half);
# author bios, copyright lines and feedback widgets ("bio", "copyright",
# "feedback": together wcxb +0.0005 tuning, +0.0007 check, AEB the same; of
# 16 such words tried one by one, those three gained on both halves, while
# "widget", "carousel", "slider", "gallery", "meta", "review" and
# "disclaimer" lost on at least one); signatures ("signature*": a forum
# member's sign-off under each post, a Q&A site's user card; wcxb tune half
# +0.0008, check half +0.0007, 13 forum pages up, AEB the same; found by
# two separate rounds; the Sphinx class "sig" of API signatures is not
# matched: "sig" as a word lost 0.002-0.03 on docs pages);
# newsletter and sign-up boxes; ads; consent and pop-up layers; and the words
# for comments and ads in a few other languages. Matched as whole
# words (split as in name_flags), or as a word prefix when the entry ends with "*".
_FUNCTION_WORDS = frozenset({
    "comment*", "disqus", "respond", "share*", "sharing",
    "social", "sociable", "sharethis", "addthis", "related", "recommend*", "recirc",
    "promo*", "cta", "sponsor*", "outbrain", "taboola", "trending", "popular", "newsletter*",
    "subscribe*", "subscription", "signup", "login", "register", "ad", "ads", "advert*",
    "advertisement", "adsense", "dfp", "cookie*",
    "tags", "taglist", "tagcloud", "keywords", "breadcrumb*", "pagination", "pager",
    "caption*", "credit*", "byline*", "dateline", "timestamp",
    "bio", "copyright", "feedback", "signature*",
    "kommentar*", "komentar*", "werbung", "publicidad", "publicite",
})  # fmt: skip

# Whole class names of common CSS frameworks that hide an element or show it
# only in print or to screen readers.
_HIDING_CLASSES = frozenset({
    "hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader-text", "screen-reader-only", "print-only", "invisible",
})  # fmt: skip

# Words that say where an element sits in the page layout. Content can sit in
# such a region ("content-with-sidebar", "main-rail"), so these hints are void
# when a content word is also present.
_LAYOUT_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "sidebar", "rail", "footer", "masthead",
    "topbar", "toolbar", "skip", "jump", "banner", "overlay",
})  # fmt: skip

# Words that say an element is a layer over the page (a dialog, a consent
# form): shown on demand, above the page, never its content however long (a
# privacy policy in a dialog). Softly hidden, like <noscript>.
_LAYER_WORDS = frozenset({"modal", "popup", "consent", "gdpr"})

# Words that say an element is an embedded post (a quoted tweet, a video):
# part of the article even inside "social" or "media" wrappers.
_EMBED_WORDS = frozenset({"embed", "embedded", "tweet", "blockquote"})

# Words that say an element holds content.
_CONTENT_NAME_WORDS = frozenset({
    "article", "content", "main", "body", "story", "entry", "text",
})  # fmt: skip

_CONTENT_WORDS = (
    "articlebody", "article-body", "entry-content", "post-content", "story-body",
)  # fmt: skip

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_FUNCTION = frozenset(word for word in _FUNCTION_WORDS if not word.endswith("*"))
_PREFIXES = tuple(word[:-1] for word in _FUNCTION_WORDS if word.endswith("*"))


# Responsive display classes of the common CSS frameworks, for the
# breakpoints a desktop screen (1280 px wide) passes: Tailwind ``md:hidden``
# / ``lg:block``, Bootstrap 4-5 ``d-lg-none`` / ``d-md-flex``, and the older
# ``visible-xs`` / ``hidden-lg`` / ``hidden-md-up`` forms, which name the
# screens an element shows on. Each maps to (rank, shown on a desktop): the
# class for the widest breakpoint wins, as in the frameworks' cascades. 2xl /
# xxl (1400-1536 px) are left out: many desktop screens are narrower.
_BREAKPOINTS = {"sm": 1, "md": 2, "lg": 3, "xl": 4}
_DISPLAYS = (
    "block", "flex", "grid", "inline", "inline-block", "inline-flex", "table",
    "table-cell", "contents", "flow-root",
)  # fmt: skip
# The older forms name the desktop range itself: they outrank every breakpoint.
_DESKTOP_RANGE = 9
_RESPONSIVE = {
    **{f"{size}:hidden": (rank, False) for size, rank in _BREAKPOINTS.items()},
    **{f"d-{size}-none": (rank, False) for size, rank in _BREAKPOINTS.items()},
    **{
        name: (rank, True)
        for size, rank in _BREAKPOINTS.items()
        for display in _DISPLAYS
        for name in (f"{size}:{display}", f"d-{size}-{display}")
    },
    **dict.fromkeys(
        ("visible-xs", "visible-sm", "visible-md", "hidden-lg"), (_DESKTOP_RANGE, False)
    ),
    **{
        name: (_DESKTOP_RANGE, False)
        for size in ("sm", "md", "lg")
        for name in (f"hidden-up-{size}", f"hidden-{size}-up")
    },
    "visible-lg": (_DESKTOP_RANGE, True),
}
_RESPONSIVE_NAMES = frozenset(_RESPONSIVE)
# Every class name that hides or shows an element: the common test.
_DISPLAY_NAMES = _RESPONSIVE_NAMES | _HIDING_CLASSES


def desktop_display(classes: list[str]) -> bool | None:
    """Whether responsive classes show (True) or hide (False) an element on a desktop screen.

    ``classes`` are the element's class (and id) names. ``None`` when none of
    them is a responsive display class: the base classes decide.
    """
    if _RESPONSIVE_NAMES.isdisjoint(classes):
        return None
    return max(_RESPONSIVE[name] for name in classes if name in _RESPONSIVE_NAMES)[1]


def name_flags(names: str, word_cache: dict[str, int] | None = None) -> int:
    """Flags from a ``class`` + ``id`` string: SOFT_HIDDEN, BOILERPLATE, CONTENT or none.

    MOBILE_ONLY is added when responsive classes hide the element on a desktop screen.

    ``word_cache`` keeps what each word says between calls (one dict per page:
    words repeat across a page's names far more than whole names do).
    """
    classes = names.split()
    mobile = 0
    if not _DISPLAY_NAMES.isdisjoint(classes):  # one set test in C for most names
        desktop = desktop_display(classes)
        if desktop is None:
            return SOFT_HIDDEN  # a hiding class alone
        # A hiding class beside one that shows the element on wider screens
        # ("hidden lg:block") hides it on phones only: a desktop reader sees it.
        mobile = 0 if desktop else MOBILE_ONLY
    lowered = names.lower()
    # Every content phrase holds "body" or "content" (a test checks), so most
    # names skip the loop.
    if "body" in lowered or "content" in lowered:
        for phrase in _CONTENT_WORDS:
            if phrase in lowered:
                # A name that says "article body" outweighs any other word
                # beside it ("article-body pagination-first").
                return CONTENT | mobile
    # camelCase joins words too ("theiaStickySidebar"); most names have no
    # capital letter, and those skip the costlier split.
    split = " ".join(_CAMEL.split(names)).lower() if lowered != names else lowered
    cache = {} if word_cache is None else word_cache
    bits = 0
    for word in split.replace("-", " ").replace("_", " ").split():
        known = cache.get(word)
        if known is None:
            known = cache[word] = _word_bits(word)
        bits |= known
    return _FLAGS_BY_WORD_BITS[bits] | mobile


def is_layer(names: str) -> bool:
    """Whether a ``class`` + ``id`` string names a layer over the page (a modal, a pop-up)."""
    split = " ".join(_CAMEL.split(names)).lower().replace("-", " ").replace("_", " ")
    return any(word in _LAYER_WORDS for word in split.split())


# What one word of a name says, as bits (combined by OR over a name's words).
_EMBED_WORD = 1
_FUNCTION_WORD = 2
_LAYOUT_WORD = 4
_CONTENT_NAME_WORD = 8
_LAYER_WORD = 16


def _word_bits(word: str) -> int:
    # One lookup for the whole words, then the prefix test.
    bits = _WHOLE_WORD_BITS.get(word, 0)
    if word.startswith(_PREFIXES):
        bits |= _FUNCTION_WORD
    return bits


def _whole_word_bits(word: str) -> int:
    bits = _EMBED_WORD if word in _EMBED_WORDS else 0
    if word in _FUNCTION:
        bits |= _FUNCTION_WORD
    if word in _LAYOUT_WORDS:
        bits |= _LAYOUT_WORD
    if word in _CONTENT_NAME_WORDS:
        bits |= _CONTENT_NAME_WORD
    if word in _LAYER_WORDS:
        bits |= _LAYER_WORD
    return bits


_WHOLE_WORD_BITS = {
    word: _whole_word_bits(word)
    for word in _EMBED_WORDS | _FUNCTION | _LAYOUT_WORDS | _CONTENT_NAME_WORDS | _LAYER_WORDS
}


def _flags_of_word_bits(bits: int) -> int:
    if bits & _EMBED_WORD:  # an embedded post is part of the article
        return 0
    if bits & _LAYER_WORD:
        return SOFT_HIDDEN
    if bits & _FUNCTION_WORD:
        return BOILERPLATE
    if bits & _LAYOUT_WORD and not bits & _CONTENT_NAME_WORD:
        return BOILERPLATE
    return 0


_FLAGS_BY_WORD_BITS = tuple(_flags_of_word_bits(bits) for bits in range(2 * _LAYER_WORD))
