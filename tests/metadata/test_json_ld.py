"""JSON-LD read tolerantly (crawlextract._metadata.json_ld): every object, never an exception."""

from __future__ import annotations

import json

import pytest

from crawlextract._metadata.json_ld import json_ld_nodes, types_of


def test_graph_and_arrays_flattened_in_order() -> None:
    """Top-level arrays and `@graph` members are all nodes, in document order."""
    blocks = [
        json.dumps([{"@type": "WebSite"}, {"@type": "Article"}]),
        json.dumps({"@context": "x", "@graph": [{"@type": "Person"}, {"@type": "WebPage"}]}),
    ]
    nodes = json_ld_nodes(blocks).nodes
    assert [types_of(node) for node in nodes] == [["WebSite"], ["Article"], ["Person"], ["WebPage"]]


def test_main_nodes_rank_main_entities_before_pages() -> None:
    """Article-like types come before WebPage-like ones; other types are left out."""
    block = json.dumps(
        [{"@type": "WebPage", "n": 1}, {"@type": "Organization"}, {"@type": "schema:NewsArticle"}]
    )
    assert [types_of(node) for node in json_ld_nodes([block]).main_nodes()] == [
        ["NewsArticle"],
        ["WebPage"],
    ]


def test_references_resolve_to_nested_objects() -> None:
    """An `{"@id"}` reference resolves to the object with that id, even a nested one."""
    block = json.dumps(
        {"@type": "Article", "publisher": {"@id": "#org", "@type": "Organization", "name": "P"}}
    )
    json_ld = json_ld_nodes([block])
    assert json_ld.resolve({"@id": "#org"})["name"] == "P"
    assert json_ld.resolve({"@id": "#missing"}) == {"@id": "#missing"}


@pytest.mark.parametrize(
    "block",
    ["", "{", "]]]", "[" * 50_000 + "]" * 50_000, '{"a": ' * 5000, "<!-- -->", "\x00"],
)
def test_hopeless_blocks_give_nothing_and_never_raise(block: str) -> None:
    """Unreadable or absurdly deep blocks give no nodes and no error."""
    assert json_ld_nodes([block]).nodes == ()


def test_the_first_object_with_an_id_wins() -> None:
    """Two objects sharing an `@id`: the first in document order is the one a reference names."""
    block = json.dumps(
        [
            {"@type": "Article", "author": {"@id": "#p"}},
            {"@id": "#p", "@type": "Person", "name": "First"},
            {"@id": "#p", "@type": "Person", "name": "Second"},
        ]
    )
    assert json_ld_nodes([block]).resolve({"@id": "#p"})["name"] == "First"
