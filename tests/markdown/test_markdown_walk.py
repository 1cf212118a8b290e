"""The walk: iteration, hidden/excluded elements, bounded cost on hostile trees."""

from __future__ import annotations

import time

import crawlextract
from crawlextract._base.deadline import NO_DEADLINE
from crawlextract._html.dom import Element
from crawlextract._markdown import RenderContext
from crawlextract._markdown.rules import RULE_BY_TAG
from crawlextract._markdown.tokens import BLOCK, DATA, LINK_END, LINK_OPEN
from crawlextract._markdown.walk import Walker


def make_walker() -> Walker:
    """Helper: a fresh walker."""
    return Walker(
        RenderContext(
            base_url="https://e.com/",
            include_images=True,
            include_links=True,
            max_table_cells=100,
            deadline=NO_DEADLINE,
        )
    )


def test_walk_writes_text_and_markers() -> None:
    """Text is written as is; a block writes boundaries around its content."""
    div = Element("div", {})
    div.children.append("x")
    walker = make_walker()
    walker.walk([div], RULE_BY_TAG, frozenset())
    assert "".join(walker.parts) == f"{DATA}x{DATA}{DATA}"
    assert walker.data == [BLOCK, BLOCK, BLOCK]


def test_payload_per_data_marker() -> None:
    """Every DATA marker has its payload, in order (a link's end carries its target)."""
    a = Element("a", {"href": "/x"})
    a.children.append("t")
    walker = make_walker()
    walker.walk([a], RULE_BY_TAG, frozenset())
    assert "".join(walker.parts) == f"{DATA}t{DATA}{DATA}"
    assert walker.data == [LINK_OPEN, LINK_END, BLOCK]
    assert walker.link_targets == ["https://e.com/x"]


def test_deeply_nested_inline_tags() -> None:
    """100,000 nested inline tags render without recursion errors."""
    html = "<span>" * 100_000 + "x" + "</span>" * 100_000
    assert crawlextract.extract(html).markdown == "x"


def test_wide_page_is_linear() -> None:
    """Sixteen times the page takes about sixteen times as long, far from quadratic's 256."""

    def cost(n: int) -> float:
        # The best of three runs: one preempted run on a loaded machine must
        # not look like quadratic work.
        html = "<div><p>para <b>bold</b> <a href='/x'>l</a></p><ul><li>i</li></ul></div>" * n
        best = float("inf")
        for _ in range(3):
            page = crawlextract.extract(html)
            start = time.perf_counter()
            assert page.markdown
            best = min(best, time.perf_counter() - start)
        return best

    small = cost(1_000)
    large = cost(16_000)
    # Four times the linear ratio and a quarter of the quadratic one: a loaded
    # machine cannot push a linear walk past it, a quadratic one never under it.
    assert large < small * 64
