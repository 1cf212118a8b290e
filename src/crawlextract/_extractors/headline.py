"""The page's headline on top of the readable markdown (``Options(readable_title=True)``).

Readable markdown leaves the page title out by default (the benchmarks' annotated
bodies do), but a reader, or a language model, given the main content alone
wants to know what it is about. The headline is, in this order:

1. the first visible ``<h1>`` inside the selected content;
2. else the last visible ``<h1>`` before it in document order (the headline of
   an article usually sits in a header above the body, often with a byline,
   a lead image or share buttons between);
3. else the page's ``<title>``.

How this was chosen: on the 498 wcxb pages whose annotations give the page's
title, this order matches the annotated title with token F1 0.839 (tune half
0.841, check half 0.837), against 0.797 for the ``<title>`` alone and 0.788 for
an ``<h1>`` inside the content alone. Limiting how far before the content the
``<h1>`` may be (200 to 5,000 characters of text between) scored lower on both
halves (0.816 to 0.835), so there is no limit. As built here (rendered, and
skipped where the content already starts with it), on the 486 pages whose
readable markdown is not empty: 0.848 (tune 0.849, check 0.846).

Backends that do not say which part of the page they chose (trafilatura,
readability) get the first visible ``<h1>`` of the page, else the ``<title>``.

It is rendered as a level-1 heading by the same renderer (links and images
left out), and not added when the content already shows that ``<h1>`` (a
selection that keeps it), when the readable markdown already starts with a
heading of the same words (for a ``<title>``: a heading whose words occur in
it, as titles add the site's name), or is empty (a headline alone is no content).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from crawlextract._html.dom import Element
from crawlextract._html.visibility import INVISIBLE_TAGS, is_hidden
from crawlextract._markdown import render
from crawlextract._metadata.head import collapse_whitespace
from crawlextract._readable.signals import HIDDEN, name_flags

if TYPE_CHECKING:
    from collections.abc import Sequence
    from collections.abc import Set as AbstractSet

    from crawlextract._config import Document
    from crawlextract._markdown import RenderContext

# Subtrees no reader sees: the renderer's skipped tags, <noscript> (what a
# browser with scripts on never shows) and hiding attributes or classes.
_INVISIBLE = INVISIBLE_TAGS | {"noscript"}
_WORD = re.compile(r"\w+")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")


def headline_element(
    dom: Element, roots: Sequence[Element], exclude: AbstractSet[int] = frozenset()
) -> tuple[Element, bool] | None:
    """The headline ``<h1>``, and whether the content already shows it.

    The first visible ``<h1>`` with text inside ``roots``, else the last one
    before them; with no ``roots`` (a backend that does not say what it chose),
    the first visible ``<h1>`` of the page. The content shows it when it is
    inside a root and neither it nor an ancestor is in ``exclude`` (``id()`` s
    of what the render leaves out).
    """
    root_ids = {id(root) for root in roots}
    before: Element | None = None
    reached = False  # a root has begun: later headings outside the roots come after it
    # (element, inside a root, left out of the render), in document order; a
    # stack, so no recursion.
    stack: list[tuple[Element, bool, bool]] = [(dom, False, False)]
    while stack:
        element, inside, left_out = stack.pop()
        if element.tag in _INVISIBLE or _hidden(element):
            continue
        if id(element) in root_ids:
            inside = reached = True
        left_out = left_out or id(element) in exclude
        if element.tag == "h1":
            if (inside or not root_ids) and element.text().strip():
                return element, inside and not left_out
            if not reached and element.text().strip():
                before = element
            continue
        stack.extend(
            (child, inside, left_out)
            for child in reversed(element.children)
            if isinstance(child, Element)
        )
    return (before, False) if before is not None else None


def _hidden(element: Element) -> bool:
    attrs = element.attrs
    if not attrs or element.tag in ("body", "html"):
        return False
    if is_hidden(attrs):
        return True
    names = " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))
    return bool(names) and bool(name_flags(names) & HIDDEN)


def with_headline(
    markdown: str,
    document: Document,
    context: RenderContext,
    roots: Sequence[Element] = (),
    exclude: AbstractSet[int] = frozenset(),
) -> str:
    """``markdown`` with the page's headline on top (see the module docstring).

    ``roots`` and ``exclude`` are what was rendered, where the extractor knows.
    """
    if not markdown.strip():
        return markdown
    plain = dataclasses.replace(context, include_links=False, include_images=False)
    headline = ""
    found = headline_element(document.dom, roots, exclude)
    if found is not None:
        element, shown = found
        if shown:
            return markdown  # the content carries its headline where the page has it
        headline = render((element,), plain).strip()
    first = _words(_first_heading(markdown))
    if not headline:
        title = collapse_whitespace(document.head_facts.title)
        if title is None:
            return markdown
        heading = Element("h1", {})
        heading.children = [title]
        headline = render((heading,), plain).strip()
        # A <title> adds the site's name to the page's own ("SELECT | Docs"):
        # content that starts with a heading found within it has its headline.
        if first and _contains(_words(headline), first):
            return markdown
    if not headline or first == _words(headline):
        return markdown
    return f"{headline}\n\n{markdown.lstrip()}"


def _first_heading(markdown: str) -> str:
    # The first line, if it is an ATX heading (the renderer writes no other kind).
    line = markdown.lstrip().split("\n", 1)[0]
    return line if _HEADING.match(line) else ""


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _contains(words: list[str], part: list[str]) -> bool:
    # Whether ``part`` occurs in ``words`` as a run of consecutive words.
    size = len(part)
    return any(words[start : start + size] == part for start in range(len(words) - size + 1))
