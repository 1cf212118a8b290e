"""Link-heavy blocks that are the content's items, not chrome around it."""

from __future__ import annotations

import crawlextract

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "
TITLES = [
    "How the harbour lanterns are cleaned every spring",
    "A short history of the pier and its lamps",
    "Where the old lantern glass was made",
    "Why the council keeps the gas lamps lit",
    "Walking the pier at night: a guide",
    "The keepers who tended the lamps",
    "Lantern oil, wicks and the winter storms",
    "Visiting the lantern museum on the quay",
]


def readable(html: str) -> str:
    """The readable markdown of a page."""
    return crawlextract.extract(html).readable_markdown


def _links(titles: list[str]) -> str:
    return "".join(f"<li><a href='/{n}'>{title}</a></li>" for n, title in enumerate(titles))


def test_a_list_of_links_that_is_the_content_is_kept() -> None:
    """A reading list between an intro and an outro keeps its items."""
    intro = f"<p>{PROSE * 2}</p><p>{PROSE * 2}</p>"
    html = (
        "<body><nav><a href=/>Home</a> <a href=/about>About</a></nav>"
        f"<div class=page><h2>Further reading</h2>{intro}<ul>{_links(TITLES)}</ul>{intro}</div>"
        "<footer><p>Copyright the council, all rights kept.</p></footer></body>"
    )
    text = readable(html)
    assert "keep the old lanterns" in text
    for title in TITLES:
        assert title in text
    assert "Copyright" not in text


def test_a_few_links_after_an_article_are_still_left_out() -> None:
    """A short list of links at the end of a long article is chrome, not items."""
    body = "".join(f"<p>{PROSE * 3}</p>" for _ in range(6))
    html = f"<body><div class=page><p>{PROSE}</p>{body}<ul>{_links(TITLES[:2])}</ul></div></body>"
    text = readable(html)
    assert "keep the old lanterns" in text
    assert TITLES[0] not in text


def test_a_fragment_widens_to_a_chart_of_links_and_labels() -> None:
    """A one-sentence intro above a chart of linked titles and short labels gives the chart."""
    rows = "".join(
        f"<li><a href=/film/{n}>Film {n}</a><span>{1950 + n}</span> <span>1h {n}m</span> "
        f"<span>rated 8.{n % 10}</span></li>"
        for n in range(30)
    )
    html = (
        "<body><nav><a href=/>Home</a> <a href=/charts>Charts</a></nav><main>"
        "<div class=intro><p>The films voted best by readers, ranked by their votes.</p></div>"
        f"<ul class=chart>{rows}</ul></main></body>"
    )
    text = readable(html)
    assert "ranked by their votes" in text
    assert "Film 7" in text
    assert "rated 8.7" in text
