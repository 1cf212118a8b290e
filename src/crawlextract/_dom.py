"""The compact tree every output walks, built once per page from the Lexbor parse.

Walking Lexbor from Python creates a wrapper object per node per visit; walking
plain Python objects is several times cheaper, and every output walks the tree
at least once. So the parse is converted once into :class:`Element` objects whose
children are ``Element`` or ``str`` (text, entities already decoded).

What the tree leaves out: comments, ``<script>``, ``<style>``, ``<template>``
contents and processing instructions. It keeps everything else, ``<head>``
included, so each output decides what is visible.

Budgets: nesting deeper than ``Limits.max_depth`` is flattened (the element at
the limit keeps its subtree's text), and building stops after ``Limits.max_nodes``
nodes. Both add a warning. So every algorithm may assume depth <= max_depth and
should still prefer iteration to recursion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from ._deadline import Deadline
    from ._options import Limits

#: Tags whose contents are never page text.
SKIPPED_TAGS = frozenset({"script", "style", "template", "-comment", "!doctype"})
# How many nodes to build between deadline checks: often enough to stop within
# a few milliseconds of the budget, rarely enough to cost nothing measurable.
_CHECK_EVERY = 4096


class Element:
    """An element of the page: lowercase tag, attributes, children, parent."""

    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(
        self,
        tag: str,
        attrs: dict[str, str],
        parent: Element | None,
    ) -> None:
        """Make an element with no children yet."""
        #: Lowercase tag name (``#document`` for the root).
        self.tag = tag
        #: Attribute values; a valueless attribute has ``""``.
        self.attrs = attrs
        #: Child elements and text, in document order.
        self.children: list[Element | str] = []
        #: The parent element, ``None`` for the root.
        self.parent = parent

    def __repr__(self) -> str:
        """Show the tag and how many children."""
        return f"<Element {self.tag} children={len(self.children)}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return an attribute value."""
        return self.attrs.get(name, default)

    def iter(self) -> Iterator[Element]:
        """Yield this element and its descendant elements in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(
                child for child in reversed(element.children) if isinstance(child, Element)
            )

    def text(self) -> str:
        """Return the concatenated text of this element's subtree."""
        parts: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            else:
                stack.extend(reversed(node.children))
        return "".join(parts)

    def find(self, tag: str) -> Element | None:
        """Return the first descendant element (or self) with this tag."""
        for element in self.iter():
            if element.tag == tag:
                return element
        return None


class BuildReport:
    """What building the tree had to cut, for ``Page.warnings``."""

    __slots__ = ("depth_limited", "node_limited", "nodes")

    def __init__(self) -> None:
        """Start with nothing cut."""
        self.nodes = 0
        self.depth_limited = False
        self.node_limited = False


def build(html_node: LexborNode, limits: Limits, deadline: Deadline) -> tuple[Element, BuildReport]:
    """Convert the Lexbor tree under ``html_node`` into :class:`Element` objects."""
    report = BuildReport()
    document = Element("#document", {}, None)
    root = _element(html_node, document)
    document.children.append(root)
    max_depth = limits.max_depth
    max_nodes = limits.max_nodes
    # Iterative depth-first walk: a stack of (Lexbor child iterator, parent, depth).
    stack = [(html_node.iter(include_text=True), root, 1)]
    count = 0
    while stack:
        children, parent, depth = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            continue
        count += 1
        if count % _CHECK_EVERY == 0:
            deadline.check()
        if count > max_nodes:
            report.node_limited = True
            break
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                parent.children.append(text)
            continue
        if tag is None or tag in SKIPPED_TAGS:
            continue
        element = _element(node, parent)
        parent.children.append(element)
        if depth >= max_depth:
            report.depth_limited = True
            flat = node.text(deep=True)
            if flat:
                element.children.append(flat)
            continue
        stack.append((node.iter(include_text=True), element, depth + 1))
    report.nodes = count
    return document, report


def _element(node: LexborNode, parent: Element) -> Element:
    attrs = node.attributes
    if attrs:
        # Lexbor gives None for a valueless attribute; the tree promises str.
        attrs = {name: value or "" for name, value in attrs.items()}
    return Element(node.tag or "", attrs, parent)
