"""Main-content selection on the compact tree: which subtrees are the article.

The pipeline, in order (each stage is one module):

1. :mod:`.flat` numbers the elements and counts their text and link text, per
   element and per block, in one linear pass;
2. :mod:`.scoring` values each block (prose, navigation, label) and sums the
   values up the tree, with :mod:`.signals` hints applied;
3. :mod:`.select` picks the element with the highest score;
4. :mod:`.pruning` lists what to leave out inside it;
5. :mod:`.recover` widens a root that keeps a sliver of the page's text (a
   fragment), by non-link text or, on a page of links, by all text;
6. :mod:`.siblings` adds a long lead just before the root, or takes the run of
   alike posts (or parts of one text) around it;
7. when the page shows almost no text, the page is walked again with softly
   hidden elements revealed, and :mod:`.reveal` splits the roots around the
   wrappers the renderer skips.

Before that split, link-heavy blocks that make up a large part of the chosen
content (a list of items, the cards of a collection) are kept
(:func:`link_items`, stage 6b of ``docs/readable.md``); on a thread whose
posts mark up their authors and dates, each post's label groups are left out
and its author and date kept (:mod:`.bylines`, stage 6c).

The result is a :class:`Selection`: roots in document order and the ``id()``
of every element to skip, which is exactly what the markdown renderer takes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import signals
from .bylines import post_labels, thread_bylines, with_bylines
from .flat import Flat, flatten
from .pruning import prune, site_of, with_form_labels
from .recover import all_text, is_fragment, kept_text, own_text, widen
from .reveal import collapsed_panels, open_panels, renderable_roots, shown_to_the_eye
from .scoring import Scores, score
from .select import choose_root, fallback_root
from .siblings import lead_siblings, repeated_siblings
from .tuning import Tuning

if TYPE_CHECKING:
    from crawlextract._base.deadline import Deadline
    from crawlextract._html.dom import Element

__all__ = ["Selection", "Tuning", "select_content"]

DEFAULT_TUNING = Tuning()


@dataclass(frozen=True, slots=True)
class Selection:
    """The main content of a page: subtrees to render and elements to skip inside them."""

    #: The subtrees that form the main content, in document order.
    roots: tuple[Element, ...]
    #: ``id()`` of each element to skip, with its subtree, while rendering the roots.
    exclude: frozenset[int]


def select_content(
    dom: Element,
    tuning: Tuning = DEFAULT_TUNING,
    deadline: Deadline | None = None,
    url: str | None = None,
) -> Selection:
    """Find the main content under ``dom`` (the compact tree's ``#document``).

    ``url``, the page's address, tells links to other sites (a list of
    sources) from the site's own navigation.
    """
    site = site_of(url)
    flat = flatten(dom, deadline)
    flat.site = site
    roots, dropped = _choose(flat, tuning)[:2]
    shown = own_text(flat, fallback_root(flat))
    if shown < tuning.reveal_below:
        # Too little text shows: the page may keep its text in <noscript> (what
        # a reader without scripts sees) or in a container scripts reveal.
        revealed = flatten(dom, deadline, reveal=True)
        revealed.site = site
        if own_text(revealed, fallback_root(revealed)) >= tuning.reveal_gain * max(shown, 1):
            flat = revealed
            roots, dropped = _choose(flat, tuning)[:2]
    elements = flat.elements
    dropped = with_form_labels(flat, roots, dropped)
    # Collapsed panels (an FAQ's answers, closed tabs) in the content are
    # opened, and what is hidden from screen readers only is shown.
    panels = sorted(
        collapsed_panels(flat, dropped) + shown_to_the_eye(flat, roots, dropped, tuning)
    )
    opened = set(panels)
    return Selection(
        _elements(flat, roots, dropped, panels),
        frozenset(id(elements[index]) for index in dropped if index not in opened),
    )


def _choose(flat: Flat, tuning: Tuning) -> tuple[list[int], list[int], int]:
    # The roots, what to drop inside them, and the non-link text kept.
    scores = score(flat, tuning)
    root = choose_root(flat, scores, tuning)
    roots = [root]
    dropped = prune(flat, scores, root, tuning)
    kept = kept_text(flat, root, dropped)
    body = fallback_root(flat)
    if root != body and is_fragment(flat, kept, body, tuning):
        wider = widen(flat, root, body, tuning)
        if wider != root:
            # Judged with its items kept if they are its content (a chart of
            # links and short labels widens to the whole chart).
            wide_dropped = link_items(
                flat, scores, [wider], prune(flat, scores, wider, tuning), tuning
            )
            wide_kept = kept_text(flat, wider, wide_dropped)
            # Pruning may take out what widening brought in (a hinted region).
            if wide_kept >= tuning.widen_gain * kept:
                roots, dropped, kept = [wider], wide_dropped, wide_kept
    if (
        roots == [root]
        and root != body
        and kept < tuning.link_page_kept / flat.scale
        and flat.link_chars[body] >= tuning.link_page_share * flat.chars[body]
    ):
        # A page of links (a collection of cards, a list of posts): its items
        # are links, so the non-link text kept says little.
        wider = widen(flat, root, body, tuning, all_text)
        link_dropped = prune(flat, scores, wider, tuning, links=True)
        if kept_text(flat, wider, link_dropped, all_text) >= tuning.widen_gain * kept_text(
            flat, root, dropped, all_text
        ):
            roots, dropped, kept = [wider], link_dropped, kept_text(flat, wider, link_dropped)
    if roots == [root]:
        lead, lead_dropped = _lead(flat, scores, root, tuning)
        if lead:
            kept += sum(kept_text(flat, one, []) for one in lead)
            kept -= sum(own_text(flat, index) for index in lead_dropped)
            roots = [*lead, root]
            dropped = lead_dropped + dropped
    run = repeated_siblings(flat, scores, root, tuning)
    if len(run) > 1:
        run_dropped = [index for one in run for index in prune(flat, scores, one, tuning)]
        run_kept = sum(kept_text(flat, one, []) for one in run)
        run_kept -= sum(own_text(flat, index) for index in run_dropped)
        # The posts replace what was chosen only if they hold more text.
        if run_kept > kept:
            # The opening post (a question) is often built unlike the
            # replies, just before their container.
            opening, opening_dropped = _lead(flat, scores, flat.parent[run[0]], tuning)
            roots, dropped, kept = [*opening, *run], opening_dropped + run_dropped, run_kept
    return roots, _final_prune(flat, scores, roots, dropped, tuning), kept


def _final_prune(
    flat: Flat, scores: Scores, roots: list[int], dropped: list[int], tuning: Tuning
) -> list[int]:
    # What to drop under the final roots: their items kept (6b), and on a
    # thread, each post's labels left out and its byline kept (6c).
    items = link_items(flat, scores, roots, dropped, tuning)
    bylines = thread_bylines(flat, roots, sorted(items), scores.paragraphs, tuning)
    if not bylines:
        return items
    if items is dropped:  # no list of linked items: pruned as a thread
        # The label groups of each post (a member's title, join date and
        # post count) go; its author and date come back.
        strict = replace(tuning, prune_below=tuning.thread_prune_below)
        pruned = [index for one in roots for index in prune(flat, scores, one, strict)]
        items = post_labels(
            flat, dropped, pruned, bylines, lambda one: prune(flat, scores, one, strict)
        )
    return with_bylines(flat, items, bylines)


def _lead(flat: Flat, scores: Scores, anchor: int, tuning: Tuning) -> tuple[list[int], list[int]]:
    # The lead siblings before ``anchor`` and what to drop inside them.
    if not tuning.lead_siblings:
        return [], []
    lead = lead_siblings(flat, scores, anchor, tuning)
    return lead, [index for one in lead for index in prune(flat, scores, one, tuning)]


def link_items(
    flat: Flat, scores: Scores, roots: list[int], dropped: list[int], tuning: Tuning
) -> list[int]:
    """What to drop under ``roots``, keeping link-heavy blocks when they are the content.

    Link-heavy blocks and label groups at the edge of an article are chrome;
    when they hold a large part of the chosen content's text (a list of
    items, a table of links, the cards of a collection), they are the
    content, and only hinted regions and hidden elements still go.
    """
    items = [index for one in roots for index in prune(flat, scores, one, tuning, links=True)]
    if items == dropped:
        return dropped
    pruned = sum(kept_text(flat, one, [], all_text) for one in roots)
    kept = pruned - sum(all_text(flat, index) for index in dropped)
    # The evidence is the link text the items add: labels alone (a column
    # of "Advertisement") are no list of items.
    links = flat.link_chars
    added = sum(links[index] for index in dropped) - sum(links[index] for index in items)
    if added >= tuning.link_items_share * kept:
        return items
    return dropped


def _elements(
    flat: Flat, roots: list[int], dropped: list[int], panels: list[int]
) -> tuple[Element, ...]:
    elements = flat.elements
    if not flat.hidden & signals.SOFT_HIDDEN:  # a revealed walk
        roots = renderable_roots(flat, roots, dropped)
    if panels:
        return tuple(open_panels(flat, roots, panels, dropped))
    return tuple(elements[root] for root in roots)
