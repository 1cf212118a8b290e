"""JSON-LD blocks read tolerantly: every object a page declares, never an exception.

Pages get JSON-LD wrong in many ways: HTML comments or CDATA around it,
trailing commas, raw newlines inside strings, several objects one after the
other, references by ``@id`` instead of nested objects. :func:`json_ld_nodes`
reads what it can of each block and drops the rest silently: a broken block is
the page's problem, never the crawler's.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# Objects and arrays walked per page (nested ones included) before the rest is
# ignored: a real page declares tens; this bounds the work on a hostile one.
_MAX_OBJECTS = 5000
# What surrounds a block in the wild and is not JSON.
_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
# A comma right before a closing bracket (JavaScript allows it, JSON does not).
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_DECODER = json.JSONDecoder(strict=False)  # strict=False: raw control characters in strings

#: The types whose page is about one thing (an article, a product, ...): their
#: properties come first. Compared without a vocabulary prefix.
MAIN_ENTITY_TYPES = frozenset(
    {
        "Article",
        "AdvertiserContentArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "Book",
        "Course",
        "DiscussionForumPosting",
        "Event",
        "HowTo",
        "JobPosting",
        "LiveBlogPosting",
        "Movie",
        "NewsArticle",
        "OpinionNewsArticle",
        "PodcastEpisode",
        "Product",
        "ProductGroup",
        "Question",
        "Recipe",
        "Report",
        "ReportageNewsArticle",
        "Review",
        "ReviewNewsArticle",
        "SatiricalArticle",
        "ScholarlyArticle",
        "SocialMediaPosting",
        "SoftwareApplication",
        "TechArticle",
        "VideoObject",
    }
)
#: Types that describe the page as a whole: their properties come second.
PAGE_TYPES = frozenset(
    {
        "AboutPage",
        "CheckoutPage",
        "CollectionPage",
        "ContactPage",
        "FAQPage",
        "ItemPage",
        "MedicalWebPage",
        "ProfilePage",
        "QAPage",
        "RealEstateListing",
        "SearchResultsPage",
        "WebPage",
    }
)


class JsonLd:
    """The objects of a page's JSON-LD blocks."""

    __slots__ = ("_by_id", "_values", "nodes")

    def __init__(self, nodes: tuple[dict[str, Any], ...], values: list[Any]) -> None:
        """Hold the nodes and the parsed blocks (for resolving references)."""
        #: The top-level objects and ``@graph`` members, in document order.
        self.nodes = nodes
        self._values = values
        self._by_id: dict[str, dict[str, Any]] | None = None

    def main_nodes(self) -> list[dict[str, Any]]:
        """The nodes whose properties count, best first: main-entity types, then page types."""
        ranked = [(rank, node) for node in self.nodes if (rank := _rank(node)) is not None]
        ranked.sort(key=lambda pair: pair[0])  # stable: document order within a rank
        return [node for _, node in ranked]

    def of_type(self, names: frozenset[str]) -> list[dict[str, Any]]:
        """The nodes with one of the types ``names``, in document order."""
        return [node for node in self.nodes if names.intersection(types_of(node))]

    def resolve(self, value: Any) -> Any:
        """An ``{"@id": ...}`` reference replaced by the object it names (if the page has it)."""
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("@id"), str):
            if self._by_id is None:  # indexed on the first reference: most pages have none
                self._by_id = _ids(self._values)
            return self._by_id.get(value["@id"], value)
        return value


def json_ld_nodes(blocks: Iterable[str]) -> JsonLd:
    """Read every JSON-LD block; what cannot be read is left out, nothing raises."""
    nodes: list[dict[str, Any]] = []
    values: list[Any] = []
    for block in blocks:
        for value in _values(block):
            nodes.extend(_top_nodes(value))
            values.append(value)
    return JsonLd(tuple(nodes), values)


def types_of(node: dict[str, Any]) -> list[str]:
    """A node's ``@type`` names without a vocabulary prefix (``schema:``, ``https://schema.org/``)."""
    declared = node.get("@type")
    names = declared if isinstance(declared, list) else [declared]
    return [
        re.split(r"[/:#]", name.strip())[-1] for name in names if isinstance(name, str) and name
    ]


def _rank(node: dict[str, Any]) -> int | None:
    types = types_of(node)
    if MAIN_ENTITY_TYPES.intersection(types):
        return 0
    if PAGE_TYPES.intersection(types):
        return 1
    return None


def _values(block: str) -> Iterator[Any]:
    text = block.strip()
    # A wrapper starts with "<" or "/" and ends with ">" (the text is stripped):
    # a block without either skips the regex, which tries its end patterns at
    # every position of the block (a fifth of the page-detail rules' time).
    if text and (text[0] in "</" or text[-1] == ">"):
        text = _WRAPPERS.sub("", text).strip()
    if not text:
        return
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            yield _DECODER.decode(candidate)
        except (ValueError, RecursionError):
            continue
        return
    # Several values one after the other ("{...}{...}"), or junk after one.
    yield from _one_after_another(_TRAILING_COMMA.sub(r"\1", text))


def _one_after_another(text: str) -> Iterator[Any]:
    position = 0
    while True:
        start = text.find("{", position)
        if start < 0:
            return
        try:
            value, position = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            return
        yield value


def _top_nodes(value: Any) -> Iterator[dict[str, Any]]:
    # A block is an object, an array of objects, or an object with a @graph
    # (itself an object or an array); a graph holder with its own @type counts too.
    items = value if isinstance(value, list) else [value]
    for item in items[:_MAX_OBJECTS]:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if graph is not None:
            if item.get("@type") is not None:
                yield item
            yield from (node for node in _listed(graph) if isinstance(node, dict))
        else:
            yield item


def _listed(value: Any) -> list[Any]:
    return value[:_MAX_OBJECTS] if isinstance(value, list) else [value]


def _ids(values: list[Any]) -> dict[str, dict[str, Any]]:
    # Every object with an @id (the first, if several share one), nested ones
    # too. Iterative (a page may nest deeper than Python's recursion limit),
    # and bounded by the object budget.
    by_id: dict[str, dict[str, Any]] = {}
    budget = _MAX_OBJECTS
    stack = list(reversed(values))
    while stack and budget > 0:
        current = stack.pop()
        budget -= 1
        if isinstance(current, dict):
            identifier = current.get("@id")
            if isinstance(identifier, str) and len(current) > 1:
                by_id.setdefault(identifier, current)
            children = [item for item in current.values() if isinstance(item, (dict, list))]
        elif isinstance(current, list):
            children = [item for item in current if isinstance(item, (dict, list))]
        else:
            continue
        stack.extend(reversed(children))  # popped in document order: the first @id wins
    return by_id
