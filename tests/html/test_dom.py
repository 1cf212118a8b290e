"""The compact tree: its shape, what it leaves out, and its budgets (depth, nodes, time)."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import crawlextract
from crawlextract import Limits, Options, TimeBudgetExceeded
from crawlextract._api import decode_document
from crawlextract._base.deadline import NO_DEADLINE, Deadline
from crawlextract._html.dom import Element, build


def tree_of(html: str, limits: Limits | None = None) -> Element:
    """Build the compact tree of a page with the given limits."""
    options = Options(limits=limits or Limits())
    return decode_document(html, None, None, options).dom


def depth_of(root: Element) -> int:
    """Return the deepest element's distance from ``root``, iteratively."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((c, depth + 1) for c in element.children if isinstance(c, Element))
    return deepest


# --- shape ------------------------------------------------------------------


def test_root_is_document_with_html_head_body() -> None:
    """The root is a `#document` whose only child is `<html>` with `<head>` and `<body>`."""
    root = tree_of("<title>t</title><p>x</p>")
    assert root.tag == "#document"
    (html,) = root.children
    assert isinstance(html, Element)
    assert html.tag == "html"
    assert [c.tag for c in html.children if isinstance(c, Element)] == ["head", "body"]


def test_built_elements_have_every_slot_set() -> None:
    """The builder's fast construction sets every slot `Element.__init__` sets."""
    built = []
    for element in tree_of("<div a=1><p>x</p><br></div>").iter():
        values = {slot: getattr(element, slot) for slot in Element.__slots__}  # none unset
        children = [c if isinstance(c, str) else c.tag for c in values["children"]]
        built.append((values["tag"], values["attrs"], children))
        # The same types as __init__ gives, not look-alikes (a fresh dict, a list).
        assert (type(values["attrs"]), type(values["children"])) == (dict, list)
    assert built == [
        ("#document", {}, ["html"]),
        ("html", {}, ["head", "body"]),
        ("head", {}, []),
        ("body", {}, ["div"]),
        ("div", {"a": "1"}, ["p", "br"]),
        ("p", {}, ["x"]),
        ("br", {}, []),
    ]


def test_text_nodes_are_decoded_strings_with_raw_whitespace() -> None:
    """Text children are `str` with entities decoded and whitespace untouched."""
    root = tree_of("<p>Tom &amp;\n  Jerry&nbsp;!</p>")
    p = root.find("p")
    assert p is not None
    assert p.children == ["Tom &\n  Jerry\u00a0!"]


def test_tags_are_lowercase_even_in_svg() -> None:
    """Tag names are lowercase, also for SVG's camel-case elements."""
    root = tree_of("<DIV><svg><foreignObject><P>x</P></foreignObject></svg></DIV>")
    tags = [e.tag for e in root.iter()]
    assert "foreignobject" in tags
    assert all(tag == tag.lower() for tag in tags)


def test_custom_elements_keep_their_names() -> None:
    """Custom elements (per-document tag ids in Lexbor) keep their own names."""
    root = tree_of("<my-card a><x-y>1</x-y></my-card><my-card>2</my-card>")
    assert [e.tag for e in root.iter() if "-" in e.tag] == ["my-card", "x-y", "my-card"]


def test_valueless_attribute_is_empty_string() -> None:
    """A valueless attribute has the value `""`; others keep theirs."""
    root = tree_of('<input disabled type="text">')
    element = root.find("input")
    assert element is not None
    assert element.attrs == {"disabled": "", "type": "text"}
    assert element.get("disabled") == ""
    assert element.get("missing", "d") == "d"


def test_comments_scripts_styles_templates_are_left_out() -> None:
    """Comments, `<script>`, `<style>` and `<template>` are not in the tree."""
    root = tree_of(
        "<head><style>s{}</style><script>var a;</script></head>"
        "<body><!-- c --><p>keep</p><template><p>t</p></template><script>b()</script></body>"
    )
    tags = {e.tag for e in root.iter()}
    assert not tags & {"script", "style", "template", "-comment"}
    assert root.text() == "keep"


def test_iter_is_document_order() -> None:
    """`iter()` yields the element itself, then its descendants in document order."""
    root = tree_of("<body><div><p><b>1</b></p><i>2</i></div><span>3</span></body>")
    body = root.find("body")
    assert body is not None
    assert [e.tag for e in body.iter()] == ["body", "div", "p", "b", "i", "span"]


def test_text_and_find() -> None:
    """`text()` concatenates the subtree's text in order; `find()` returns the first match."""
    root = tree_of("<body><p>a<b>b</b>c</p><p>d</p></body>")
    assert root.text() == "abcd"
    first = root.find("p")
    assert first is not None
    assert first.text() == "abc"
    assert root.find("table") is None


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.text(alphabet="ab <&>;\n", max_size=5),
        lambda inner: st.tuples(
            st.sampled_from(["div", "p", "b", "script", "span", "li", "table", "td"]),
            st.lists(inner, max_size=4),
        ).map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
        max_leaves=30,
    )
)
def test_text_matches_lexbor_without_scripts(html: str) -> None:
    """The tree's text equals Lexbor's own text of the page once scripts are removed."""
    reference = LexborHTMLParser(html)
    for script in reference.css("script"):
        script.decompose()
    assert reference.root is not None
    assert tree_of(html).text() == reference.root.text(deep=True)


# --- budgets ----------------------------------------------------------------


def test_deep_nesting_is_flattened_at_max_depth() -> None:
    """Nesting past `max_depth` becomes one text child at that depth; no text is lost."""
    html = "<body>" + "<div>" * 50 + "deep<b>er</b><script>x</script>" + "</div>" * 50
    document = decode_document(html, None, None, Options(limits=Limits(max_depth=10)))
    root = document.dom
    body = root.find("body")
    assert body is not None
    # #document -> html (1) -> body (depth 1 under html) ... at most 10 below html.
    assert depth_of(root) <= 10 + 1
    assert root.text() == "deeper"
    leaves = [e for e in root.iter() if e.children and isinstance(e.children[0], str)]
    assert [leaf.children for leaf in leaves] == [["deeper"]]
    assert "elements nested deeper than 10 flattened" in document.warnings


def test_shallow_page_has_no_depth_warning() -> None:
    """A page within the depth limit is built whole and warns nothing."""
    document = decode_document("<div><p>x</p></div>", None, None, Options())
    assert document.dom.text() == "x"
    assert document.warnings == ()


def test_hostile_nesting_builds_without_recursion() -> None:
    """A page 100,000 elements deep builds (no RecursionError) within the default depth."""
    html = "<span>" * 100_000 + "x" + "</span>" * 100_000
    root = tree_of(html)
    assert depth_of(root) <= Limits().max_depth + 1
    assert root.text() == "x"


def test_max_nodes_cuts_the_document() -> None:
    """Past `max_nodes` the rest of the page is dropped and a warning says so."""
    html = "<body>" + "".join(f"<p>{i}</p>" for i in range(100)) + "</body>"
    document = decode_document(html, None, None, Options(limits=Limits(max_nodes=21)))
    kept = [e for e in document.dom.iter() if e.tag == "p"]
    assert 0 < len(kept) < 100
    assert "document cut after 21 nodes" in document.warnings


def test_build_reports_node_count_within_limit() -> None:
    """The build report counts visited nodes and never more than `max_nodes`."""
    tree = LexborHTMLParser("<p>a</p><p>b</p><p>c</p>")
    assert tree.root is not None
    _, report = build(tree.root, Limits(max_nodes=4), NO_DEADLINE)
    assert report.nodes == 4
    assert report.node_limited
    _, full = build(tree.root, Limits(), NO_DEADLINE)
    assert not full.node_limited
    assert full.nodes > 4


def test_spent_deadline_stops_the_build() -> None:
    """A spent time budget raises TimeBudgetExceeded during a large build."""
    tree = LexborHTMLParser("<p>x</p>" * 10_000)
    assert tree.root is not None
    deadline = Deadline("tree", 0.0)
    time.sleep(0.001)
    with pytest.raises(TimeBudgetExceeded):
        build(tree.root, Limits(), deadline)


def test_large_flat_page_is_linear() -> None:
    """200,000 sibling elements build in seconds (a bound that only catches blow-ups)."""
    html = "<body>" + "<p>x</p>" * 200_000 + "</body>"
    start = time.perf_counter()
    root = tree_of(html)
    assert sum(1 for e in root.iter() if e.tag == "p") == 200_000
    assert time.perf_counter() - start < 30


def test_tree_has_no_cycle_for_the_collector() -> None:
    """Dropping a built tree frees it by reference counting alone."""
    gc.collect()
    gc.disable()
    try:
        root = tree_of("<div><p>a<b>b</b></p><ul><li>1<li>2</ul></div>" * 50)
        del root
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_extraction_leaves_no_cycle_for_the_collector() -> None:
    """A page whose outputs were all read leaves nothing for the cycle collector."""
    gc.collect()
    gc.disable()
    try:
        page = crawlextract.extract(
            b"<title>t</title><div><p>a <b>b</b></p><ul><li>1<li>2</ul></div>"
        )
        _ = (page.metadata, page.boilerpipe_text, page.markdown, page.readable_markdown)
        del page
        assert gc.collect() == 0
    finally:
        gc.enable()
