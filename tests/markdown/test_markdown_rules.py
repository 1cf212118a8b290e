"""The rule table."""

from __future__ import annotations

from crawlextract._markdown.blocks import block
from crawlextract._markdown.rules import RULE_BY_TAG, RULES


def test_every_rule_callable_and_tags_lowercase() -> None:
    """Each tag names a callable rule; tags are lowercase like the tree's."""
    for tags, rule in RULES:
        assert callable(rule)
        assert all(tag == tag.lower() for tag in tags)


def test_specific_rules_override_block() -> None:
    """Tables and captions keep their own rule even though they are also block tags."""
    assert RULE_BY_TAG["div"] is block
    assert RULE_BY_TAG["table"] is not block
    assert "span" not in RULE_BY_TAG
