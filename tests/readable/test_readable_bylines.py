"""The authors and dates of a thread's posts come with the posts; an article's byline does not."""

from __future__ import annotations

import crawlextract

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "
NAMES = ("Ada", "Brendan", "Chiara", "Dmitri")


def _post(number: int, name: str) -> str:
    return (
        "<article class='message'>"
        "<section itemscope itemtype='https://schema.org/Person'>"
        f"<a href='/members/{number}/'><img src='/a/{number}.png' alt='{name}'></a>"
        f"<h4><a href='/members/{number}/' itemprop='name'>{name}</a></h4>"
        f"<div class='extras'><a href='/members/{number}/posts'>Posts</a></div></section>"
        f"<header><a href='/t/1#post-{number}'>"
        f"<time datetime='2025-03-2{number}'>Mar 2{number}, 2025</time></a>"
        f"<a href='/t/1#post-{number}'>#{number}</a></header>"
        f"<div class='body'><p>{name} writes: {PROSE * 3}</p></div>"
        "<footer><a href='#'>Reply</a> <a href='#'>Report</a></footer></article>"
    )


def test_each_post_keeps_its_author_and_date_in_order() -> None:
    """Names in Person microdata and <time> dates are kept, the buttons beside them are not."""
    posts = "".join(_post(number, name) for number, name in enumerate(NAMES, 1))
    html = f"<body><nav><a href=/>Home</a></nav><main><h1>Lanterns</h1>{posts}</main></body>"
    text = crawlextract.extract(html).readable_markdown
    places = [text.index(f"[{name}]") for name in NAMES]
    assert places == sorted(places)
    for number, name in enumerate(NAMES, 1):
        assert text.index(f"Mar 2{number}, 2025") < text.index(f"{name} writes")
    assert "Reply" not in text
    assert "#2" not in text
    assert "Posts" not in text


def test_an_article_byline_stays_out() -> None:
    """One author and one date are an article's byline, which readable markdown leaves out."""
    html = (
        "<body><article><h1>Lanterns</h1>"
        "<div itemscope itemtype='https://schema.org/Person'>"
        "<a href='/by/ada' itemprop='name'>Ada</a></div>"
        "<a href='/2025/03'><time datetime='2025-03-21'>Mar 21, 2025</time></a>"
        f"<p>{PROSE * 6}</p></article></body>"
    )
    text = crawlextract.extract(html).readable_markdown
    assert "The council agreed" in text
    assert "Mar 21, 2025" not in text
    assert "Ada" not in text


def test_a_name_linked_like_the_avatar_before_it_is_an_author() -> None:
    """Without microdata, the text link to the avatar's address is the post's author."""
    posts = "".join(
        f"<div class='post'><div class='user'><a href='/u/{name}'><img src='/a/{name}.png'></a>"
        f"<h4><a href='/u/{name}'>{name}</a></h4><a href='/u/{name}/posts'>All posts</a></div>"
        f"<a href='/t/1#p{number}'><time datetime='2025-03-2{number}'>Mar 2{number}</time></a>"
        f"<p>{name} writes: {PROSE * 3}</p></div>"
        for number, name in enumerate(NAMES, 1)
    )
    text = crawlextract.extract(f"<body><main>{posts}</main></body>").readable_markdown
    for number, name in enumerate(NAMES, 1):
        assert text.index(f"[{name}]") < text.index(f"Mar 2{number}") < text.index(f"{name} writes")
    assert "All posts" not in text


def test_a_quote_keeps_its_attribution_in_a_thread() -> None:
    """A quote's first line that is all link ("Ada said:") comes back with the thread's bylines."""
    quote = (
        "<blockquote><div class='title'><a href='/t/1#post-1'>Ada said:</a></div>"
        "<div class='quoted'>Keep the old lanterns.</div></blockquote>"
    )
    posts = "".join(
        _post(number, name).replace("<div class='body'>", f"<div class='body'>{quote}")
        for number, name in enumerate(NAMES, 1)
    )
    text = crawlextract.extract(f"<body><main>{posts}</main></body>").readable_markdown
    assert text.count("Ada said:") == len(NAMES)
    assert text.index("Ada said:") < text.index("Keep the old lanterns")


def test_a_thread_leaves_out_each_members_counters_and_keeps_one_line_posts() -> None:
    """In a thread, the label group beside each post goes; a post of one short line stays."""
    extras = (
        "<dl><dt>Joined</dt><dd>Jun 29, 2016</dd></dl><dl><dt>Messages</dt><dd>11</dd></dl>"
        "<dl><dt>Reaction score</dt><dd>10</dd></dl><dl><dt>Points</dt><dd>4,726</dd></dl>"
    )
    posts = "".join(
        _post(number, name)
        .replace("<div class='extras'>", f"<div class='extras'>{extras}")
        .replace(f"{name} writes: {PROSE * 3}", "Next stop Paris!" if number == 2 else PROSE)
        for number, name in enumerate(NAMES, 1)
    )
    text = crawlextract.extract(f"<body><main>{posts}</main></body>").readable_markdown
    assert "Next stop Paris!" in text
    assert text.count("The council agreed") == len(NAMES) - 1
    assert "Joined" not in text
    assert "4,726" not in text
    assert "[Brendan]" in text


def test_the_bylines_of_a_left_out_comment_section_stay_out() -> None:
    """Comments left out of an article take their authors and dates with them."""
    comments = "".join(
        f"<li><span itemscope itemtype='https://schema.org/Person'>"
        f"<a href='/u/{number}' itemprop='name'>{name}</a></span>"
        f"<time datetime='2025-03-2{number}'>Mar 2{number}</time>"
        f"<p>{name} thinks: {PROSE}</p></li>"
        for number, name in enumerate(NAMES, 1)
    )
    html = (
        f"<body><article><h1>Lanterns</h1><p>{PROSE * 4}</p><p>{PROSE * 4}</p><p>{PROSE * 4}</p>"
        f"<section class='comments'><ul>{comments}</ul></section></article></body>"
    )
    text = crawlextract.extract(html).readable_markdown
    assert "The council agreed" in text
    assert "thinks" not in text
    for name in NAMES:
        assert name not in text


def test_a_left_out_list_of_related_posts_keeps_its_titles_and_dates_out() -> None:
    """Cards of related posts (picture, title, date) under an article do not make it a thread."""
    cards = "".join(
        f"<li><a href='/p/{number}'><img src='/i/{number}.jpg'></a>"
        f"<a href='/p/{number}'>Another story about lanterns number {number}</a>"
        f"<time datetime='2025-03-2{number}'>Mar 2{number}</time></li>"
        for number in range(1, 6)
    )
    html = (
        f"<body><article><h1>Lanterns</h1><p>{PROSE * 4}</p><p>{PROSE * 4}</p>"
        f"<p>{PROSE * 4}</p><div class='related'><ul>{cards}</ul></div></article></body>"
    )
    text = crawlextract.extract(html).readable_markdown
    assert "The council agreed" in text
    assert "Another story" not in text
    assert "Mar 2" not in text
