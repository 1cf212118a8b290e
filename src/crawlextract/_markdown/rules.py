"""The rule table: which rule renders which tag, read top to bottom.

A tag no rule claims is inline (``<span>``, ``<abbr>``, ``<small>``, custom
elements): its children are walked in place. Adding a rule is adding a module
and a line here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (
    blocks,
    code,
    definitions,
    emphasis,
    headings,
    hidden,
    images,
    links,
    lists,
    math,
    quotes,
    scripts,
    tables,
    tasks,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    from .walk import Rule

#: (tags, rule) in order; a later line overrides an earlier one for the same tag.
RULES: tuple[tuple[Collection[str], Rule], ...] = (
    (blocks.BLOCK_TAGS, blocks.block),
    (hidden.SKIPPED, hidden.skip),
    (headings.HEADING_TAGS, headings.heading),
    (lists.LIST_TAGS, lists.list_),
    (("li",), lists.item),
    (("blockquote",), quotes.blockquote),
    (("q",), quotes.inline_quote),
    (("dt",), definitions.term),
    (("dd",), definitions.description),
    (("pre",), code.pre),
    (code.INLINE_CODE_TAGS, code.inline_code),
    (("table",), tables.table),
    (("a",), links.link),
    (("img",), images.image),
    (("noscript",), images.noscript),
    (("picture",), images.picture),
    (emphasis.STRONG_TAGS, emphasis.strong),
    (emphasis.EM_TAGS, emphasis.em),
    (emphasis.STRIKE_TAGS, emphasis.strike),
    (("br",), blocks.line_break),
    (("hr",), blocks.rule),
    (("math",), math.math),
    (scripts.SCRIPT_TAGS, scripts.script),
    (("input",), tasks.checkbox),
)

#: Tag -> rule, built from :data:`RULES`.
RULE_BY_TAG: dict[str, Rule] = {tag: rule for tags, rule in RULES for tag in tags}
