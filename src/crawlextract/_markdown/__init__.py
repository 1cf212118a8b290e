"""The native markdown renderer: the compact tree in, CommonMark/GFM out.

One iterative walk (:mod:`.walk`) hands each element to the rule registered for
its tag (:mod:`.rules`, one module per rule) and writes page text with marker
characters between (:mod:`.tokens`); the text is then cleaned and escaped in a
few passes over the whole page (:mod:`.escape`) and assembled into lines
(:mod:`.assemble`). Both markdown outputs use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from crawlextract._base.deadline import Deadline
from crawlextract._html.dom import build

from .assemble import assemble
from .escape import clean_text, escape_text
from .rules import RULE_BY_TAG
from .tokens import DATA
from .walk import Walker

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from collections.abc import Set as AbstractSet

    from crawlextract._config import Document, Options
    from crawlextract._html.dom import Element

__all__ = ["RenderContext", "html_fragment_to_markdown", "render"]


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What a render needs besides the tree."""

    #: Links and images resolve against this (``None``: relative ones stay relative).
    base_url: str | None
    #: Write images.
    include_images: bool
    #: Write link targets (the link text stays either way).
    include_links: bool
    #: Slots one table may have; larger tables lose their last rows.
    max_table_cells: int
    #: Checked every few thousand elements.
    deadline: Deadline
    #: Told about anything cut (a table over budget); ``None`` to say nothing.
    warn: Callable[[str], None] | None = None
    #: The tree's text is known to hold no control characters, so the render
    #: does not look for them (``Document.dom`` guarantees it: its tree is
    #: built from text the decoder cleaned).
    text_is_clean: bool = False

    @classmethod
    def for_document(cls, document: Document, stage: str) -> RenderContext:
        """The context for rendering part of ``document`` under the budget of ``stage``."""
        options = document.options
        return cls(
            base_url=document.base_url,
            include_images=options.include_images,
            include_links=options.include_links,
            max_table_cells=options.limits.max_table_cells,
            deadline=document.deadline(stage),
            warn=document.warn,
            text_is_clean=True,
        )


def render(
    roots: Sequence[Element],
    context: RenderContext,
    exclude: AbstractSet[int] = frozenset(),
) -> str:
    """Markdown of the given subtrees, in order.

    ``exclude`` holds ``id()`` of elements to leave out with their subtrees.
    """
    walker = Walker(context)
    walker.walk(roots, RULE_BY_TAG, exclude)
    text = "".join(walker.parts)
    if text.count(DATA) != len(walker.data):
        # Page text carried the marker character (only a hand-built tree can):
        # walk again, stripping marker characters from every text node. (Other
        # characters of the marker range are dropped by clean_text.)
        walker = Walker(context)
        walker.walk(roots, RULE_BY_TAG, exclude, clean_text=True)
        text = "".join(walker.parts)
    context.deadline.check()
    text = clean_text(text, controls=not context.text_is_clean)
    return assemble(escape_text(text), walker.data, walker.link_targets)


def html_fragment_to_markdown(html: str, base_url: str | None, options: Options) -> str:
    """Parse an HTML fragment with Lexbor, build the compact tree and render its body."""
    deadline = Deadline("markdown", options.limits.time_budget)
    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    document, _report = build(root, options.limits, deadline)
    body = document.find("body")
    context = RenderContext(
        base_url=base_url,
        include_images=options.include_images,
        include_links=options.include_links,
        max_table_cells=options.limits.max_table_cells,
        deadline=deadline,
    )
    return render([body if body is not None else document], context)
