"""``<pre>`` as a fenced block with its whitespace verbatim; ``<code>`` as a code span."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crawlextract._html.visibility import is_hidden

from .hidden import SKIPPED
from .tokens import CodeBlock, CodeSpan

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

from .escape import clean_code, collapse_whitespace

INLINE_CODE_TAGS = ("code", "kbd", "samp", "tt")
_LANGUAGE_PREFIXES = ("language-", "lang-")
# What a fence info string may hold: no spaces (CommonMark reads the first word
# only) and no backticks (a backtick fence forbids them).
_LANGUAGE = re.compile(r"[\w+#.-]{1,40}")
_SKIPPED = SKIPPED


def _language_of(element: Element) -> str:
    for token in element.attrs.get("class", "").split():
        for prefix in _LANGUAGE_PREFIXES:
            if token.startswith(prefix):
                name = token[len(prefix) :]
                if _LANGUAGE.fullmatch(name):
                    return name
    return ""


def language(pre: Element) -> str:
    """The language named by ``language-xx``/``lang-xx`` on the ``<pre>`` or its ``<code>``."""
    found = _language_of(pre)
    if found:
        return found
    for child in pre.children:
        if not isinstance(child, str) and child.tag == "code":
            return _language_of(child)
    return ""


def verbatim_text(element: Element) -> str:
    """The text of a subtree as a browser shows it in ``<pre>``: ``<br>`` is a newline."""
    parts: list[str] = []
    stack: list[Element | str] = list(reversed(element.children))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
        elif node.tag == "br":
            parts.append("\n")
        elif node.tag not in _SKIPPED and not (node.attrs and is_hidden(node.attrs)):
            stack.extend(reversed(node.children))
    return "".join(parts)


def pre(walker: Walker, element: Element) -> None:
    """A fenced code block; inside a table cell or a heading, a code span."""
    text = verbatim_text(element)
    if walker.flat:
        _span(walker, text)
        return
    text = clean_code(text)
    if text.strip():
        walker.emit(CodeBlock(text, language(element)))


def inline_code(walker: Walker, element: Element) -> None:
    """A code span with a fence longer than any backtick run inside it."""
    _span(walker, verbatim_text(element))


def _span(walker: Walker, text: str) -> None:
    collapsed = collapse_whitespace(text)
    if not collapsed:
        if text:
            walker.parts.append(" ")
        return
    parts = walker.parts
    # Collapsed whitespace at an end moves outside the span (a no-break space stays in).
    if collapsed[0] != text[0]:
        parts.append(" ")
    walker.emit(CodeSpan(collapsed, in_table=walker.cell_depth > 0))
    if collapsed[-1] != text[-1]:
        parts.append(" ")
