r"""``<math>`` (MathML) as ``$…$`` inline and ``$$…$$`` on its own line.

The formula comes from its TeX annotation (``<annotation encoding="application/x-tex">``),
else its ``alttext``, else the text of its token elements (``<mi>``, ``<mo>``,
``<mn>`` …) separated by spaces. It is written as it is, never escaped (math
renderers read it raw), except that whitespace collapses, ``<`` and ``>``
become ``\lt``/``\gt`` and ``](`` becomes ``] (`` (so it can never read as
HTML or a link), a bare ``$`` is escaped, and ``|`` is escaped in a table
cell. ``display="block"`` puts it on a line of its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .escape import collapse_whitespace
from .tokens import BLOCK, Literal

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

_DOLLAR = re.compile(r"(?<!\\)\$")
# Annotations are alternative forms, not part of the formula's own text.
_ANNOTATIONS = frozenset({"annotation", "annotation-xml"})


def tex(element: Element) -> str:
    """The formula's TeX (its annotation or ``alttext``), else its visible text; collapsed."""
    for found in element.iter():
        if found.tag == "annotation" and "tex" in found.attrs.get("encoding", "").lower():
            source = collapse_whitespace(found.text())
            if source:
                return _safe(source)
    alttext = collapse_whitespace(element.attrs.get("alttext", ""))
    if alttext:
        return _safe(alttext)
    words: list[str] = []
    stack: list[Element | str] = list(reversed(element.children))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if not node.isspace():
                words.append(node)
        elif node.tag not in _ANNOTATIONS:
            stack.extend(reversed(node.children))
    return _safe(collapse_whitespace(" ".join(words)))


def _safe(source: str) -> str:
    # TeX ignores spaces in math mode, so "] (" means what "](" did, but a
    # CommonMark parser can no longer read a link (its target would be live).
    if "<" in source or ">" in source:
        source = source.replace("<", "\\lt ").replace(">", "\\gt ")
    if "](" in source:
        source = source.replace("](", "] (")
    if "$" in source:
        source = _DOLLAR.sub(r"\\$", source)  # a bare $ would end the formula
    return source


def math(walker: Walker, element: Element) -> None:
    """Write the formula: a ``$$`` block for ``display="block"``, else ``$`` inline."""
    source = tex(element)
    if not source:
        return
    if walker.cell_depth:
        source = source.replace("|", "\\|")
    if element.attrs.get("display", "").strip().lower() == "block" and not walker.flat:
        walker.emit(BLOCK)
        walker.emit(Literal(f"$${source}$$"))
        walker.emit(BLOCK)
    else:
        walker.emit(Literal(f"${source}$"))
