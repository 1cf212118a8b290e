"""Block values and subtree scores of the readable extractor."""

from __future__ import annotations

from crawlextract._api import decode_document
from crawlextract._config import Options
from crawlextract._readable.flat import Flat, flatten
from crawlextract._readable.scoring import block_values, score
from crawlextract._readable.tuning import Tuning

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "


def flat_of(html: str) -> Flat:
    """The flat view of a page."""
    return flatten(decode_document(html, None, None, Options()).dom)


def number(flat: Flat, tag: str, nth: int = 0) -> int:
    """The number of the nth element with this tag."""
    return [i for i, e in enumerate(flat.elements) if e.tag == tag][nth]


def test_prose_is_positive_navigation_negative_labels_slightly_negative() -> None:
    """A paragraph scores its text, a link list scores minus its text, a label a little minus."""
    flat = flat_of(
        f"<body><p>{PROSE}</p><div><a href=/>Home</a> <a href=/n>News</a></div>"
        "<span><div>Advertisement</div></span></body>"
    )
    values, paragraphs = block_values(flat, Tuning())
    p = number(flat, "p")
    nav, label = number(flat, "div", 0), number(flat, "div", 1)
    assert values[p] == len(PROSE.strip())
    assert paragraphs[p] == 1
    assert values[nav] == -len("HomeNews")
    assert -len("Advertisement") < values[label] < 0


def test_prose_with_many_links_still_counts_its_own_words() -> None:
    """A sentence-rich block that is mostly link text is prose, valued by its non-link text."""
    linked = (
        "<p><a href=/a>Alexandra Example-Person</a>, the senator, met "
        "<a href=/b>Bartholomew Sample-Name</a>. They spoke, briefly. "
        "<a href=/c>The Committee On Long Names</a></p>"
    )
    flat = flat_of(f"<body>{linked}</body>")
    values, paragraphs = block_values(flat, Tuning())
    p = number(flat, "p")
    assert flat.block_link[p] > 0.5 * flat.block_chars[p]
    assert values[p] == flat.block_chars[p] - flat.block_link[p]
    assert paragraphs[p] == 1


def test_short_table_cells_are_neutral() -> None:
    """Short data cells cost nothing (they are data, not labels)."""
    flat = flat_of("<table><tr><td>3</td><td>Oslo</td></tr></table>")
    values, _ = block_values(flat, Tuning())
    assert values[number(flat, "td")] == 0


def test_hinted_subtree_counts_against_its_ancestors() -> None:
    """A comment thread lowers its container's score instead of raising it."""
    flat = flat_of(
        f"<body><div><p>{PROSE}</p><div class=comments><p>{PROSE}</p></div></div></body>"
    )
    scores = score(flat, Tuning())
    comments = number(flat, "div", 1)
    container = number(flat, "div", 0)
    assert scores.hinted[comments]
    assert scores.net[comments] > 0
    assert scores.net[container] < scores.raw[container]


def test_hint_on_a_wrapper_of_the_article_is_void() -> None:
    """A sidebar-named wrapper whose content is mostly an <article> keeps its content."""
    flat = flat_of(
        f"<body><div class=sidebar-sticky><article><p>{PROSE}</p><p>{PROSE}x</p>"
        "</article></div></body>"
    )
    scores = score(flat, Tuning())
    assert not scores.hinted[number(flat, "div")]
