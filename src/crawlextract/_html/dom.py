"""The compact tree every output walks, built once per page from the Lexbor parse.

Walking Lexbor from Python creates a wrapper object per node per visit; walking
plain Python objects is several times cheaper, and every output walks the tree
at least once. So the parse is converted once into :class:`Element` objects whose
children are ``Element`` or ``str`` (text, entities already decoded).

What the tree leaves out: comments, ``<script>``, ``<style>``, ``<template>``
contents and processing instructions. It keeps everything else, ``<head>``
included, so each output decides what is visible.

Budgets: nesting deeper than ``Limits.max_depth`` is flattened (the element at
the limit keeps its subtree's text as one string, still without script or style
text), and building stops after ``Limits.max_nodes`` nodes. Both add a warning.
So every algorithm may assume depth <= max_depth and should still prefer
iteration to recursion.
"""

from __future__ import annotations

import functools

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from collections.abc import Iterator
from typing import cast

from selectolax.lexbor import LexborHTMLParser, LexborNode

from crawlextract._base.deadline import Deadline
from crawlextract._base.exceptions import CrawlextractError
from crawlextract._base.limits import Limits

#: Tags whose contents are never page text.
SKIPPED_TAGS = frozenset({"script", "style", "template", "-comment", "-doctype", "!doctype"})
# Check the deadline every 4096 nodes: often enough to stop within a few
# milliseconds of the budget, rarely enough to cost nothing measurable.
_CHECK_EVERY = 4096


class Element:
    """An element of the page: lowercase tag, attributes, children."""

    # No parent link on purpose: a tree without back references has no
    # reference cycles, so reference counting frees it the moment the last
    # output is computed (with parents, every tree waited for the cycle
    # collector, or for a walk that cut the links: about 0.1 ms a page).
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        """Make an element with no children yet.

        :func:`build` sets these same slots without calling ``__init__`` (it
        is the hot path): a new slot must be set there too.
        """
        #: Lowercase tag name (``#document`` for the root). Within one built
        #: tree, equal tag names are the same string object.
        self.tag = tag
        #: Attribute values; a valueless attribute has ``""``.
        self.attrs = attrs
        #: Child elements and text, in document order.
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        """Show the tag and how many children."""
        return f"<Element {self.tag} children={len(self.children)}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return an attribute value."""
        return self.attrs.get(name, default)

    def iter(self) -> Iterator[Element]:
        """Yield this element and its descendant elements in document order."""
        yield self
        # A stack of child-list iterators: no list is copied or reversed, which
        # makes this about twice as fast as a stack of elements.
        stack = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if not isinstance(child, str):
                    yield child
                    if child.children:
                        stack.append(iter(child.children))
                        break
            else:
                stack.pop()

    def text(self) -> str:
        """Return the concatenated text of this element's subtree."""
        children = self.children
        if len(children) == 1 and isinstance(children[0], str):
            return children[0]  # the common leaf case: nothing to join
        parts: list[str] = []
        append = parts.append
        stack = [iter(children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, str):
                    append(child)
                elif child.children:
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()
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


# One flat loop on purpose: it runs once per node of every page, and splitting
# it into helpers costs a Python call per node (measured: ~10% of the build).
def build(  # noqa: C901, PLR0912, PLR0915
    html_node: LexborNode, limits: Limits, deadline: Deadline
) -> tuple[Element, BuildReport]:
    """Convert the Lexbor tree under ``html_node`` into :class:`Element` objects.

    Tags are lowercase, one string object per name. A subtree nested deeper than
    ``limits.max_depth`` becomes one text child of its ancestor at that depth
    (without script or style text); past ``limits.max_nodes`` nodes the rest of
    the page is dropped. ``deadline`` is checked every few thousand nodes.
    """
    report = BuildReport()
    new = object.__new__
    document = Element("#document", {})
    # Tag names by Lexbor tag id, for this document only: ids of custom
    # elements are assigned per document, so the table must not outlive it.
    names: dict[int, str] = {}
    root = Element(_name(html_node, names), _attributes(html_node))
    document.children.append(root)
    max_depth = limits.max_depth
    max_nodes = limits.max_nodes
    # Elements that absorbed the text of a subtree nested past max_depth.
    flattened: list[Element] = []
    # An iterative walk along Lexbor's first-child / next-sibling links: one
    # wrapper object per node and no generator per element. The stack holds,
    # per open ancestor, where to resume: (its next sibling, its parent, depth).
    stack: list[tuple[LexborNode | None, Element, int]] = []
    parent = root
    children = root.children
    depth = 1  # of the nodes now being visited; <html> is 0
    node = html_node.first_child
    # Nodes are counted down in windows that end at every _CHECK_EVERY-th node
    # (check the deadline) and at node max_nodes + 1 (stop).
    visited = 0  # nodes in the windows already finished
    window = countdown = min(_CHECK_EVERY, max_nodes + 1)
    text_id = _text_tag_id()  # asked once per process, on first build: nothing parses at import
    while True:
        if node is None:
            if not stack:
                break
            node, parent, depth = stack.pop()
            children = parent.children
            continue
        countdown -= 1
        if not countdown:
            # The end of a window: one test per node covers both budgets.
            visited += window
            if visited > max_nodes:
                report.node_limited = True
                visited -= 1  # this node is not kept
                window = countdown = 0
                break
            deadline.check()
            window = countdown = min(_CHECK_EVERY, max_nodes + 1 - visited)
        tag_id = node.tag_id
        if tag_id == text_id:
            text = node.text_content
            if text:
                children.append(text)
            node = node.next
            continue
        name = names.get(tag_id)
        if name is None:
            name = _name(node, names)
        if not name:  # skipped: comments, scripts, non-element nodes
            node = node.next
            continue
        child = node.first_child
        if depth > max_depth:
            # Too deep: no element; its text goes to the ancestor at max_depth.
            if not report.depth_limited or flattened[-1] is not parent:
                report.depth_limited = True
                flattened.append(parent)
            if child is not None:
                stack.append((node.next, parent, depth))
                node = child
            else:
                node = node.next
            continue
        raw = node.attributes
        # Usually no value is None and Lexbor's fresh dict is used as it is.
        attrs: dict[str, str] = (
            _without_none(raw) if raw and None in raw.values() else raw  # type: ignore[assignment]
        )
        # Element(...) without the __init__ call: a tenth of the build saved.
        element = new(Element)
        element.tag = name
        element.attrs = attrs
        element.children = []
        children.append(element)
        if child is not None:
            stack.append((node.next, parent, depth))
            parent = element
            children = element.children
            depth += 1
            node = child
        else:
            node = node.next
    for element in flattened:
        # The absorbed text arrived as many strings; the promise is one run of text.
        if len(element.children) > 1:
            element.children = ["".join(element.children)]  # type: ignore[arg-type]
    report.nodes = visited + window - countdown
    return document, report


def _name(node: LexborNode, names: dict[int, str]) -> str:
    # The tag name, lowercase, or "" for a node the tree leaves out; remembered
    # for this document. Not sys.intern()ed: on some Pythons interned strings
    # live forever, and pages can invent any number of custom element names.
    tag = node.tag
    name = "" if tag is None or tag in SKIPPED_TAGS else tag.lower()
    names[node.tag_id] = name
    return name


def _attributes(node: LexborNode) -> dict[str, str]:
    attrs = node.attributes
    if attrs and None in attrs.values():
        return _without_none(attrs)
    return cast("dict[str, str]", attrs)


def _without_none(attrs: dict[str, str | None]) -> dict[str, str]:
    # Lexbor gives None for a valueless attribute; the tree promises str.
    return {name: value or "" for name, value in attrs.items()}


@functools.cache
def _text_tag_id() -> int:
    # Lexbor's id for text nodes, asked of Lexbor rather than hard-coded so a
    # different Lexbor build cannot turn text into elements.
    paragraph = LexborHTMLParser("<p>x</p>").css_first("p")
    text = paragraph.first_child if paragraph is not None else None
    if text is None or text.tag != "-text":
        raise CrawlextractError("selectolax did not parse a text node; unsupported version")
    return text.tag_id
