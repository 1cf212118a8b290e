"""A thread's opening post, built unlike the replies, comes with the run of replies."""

from __future__ import annotations

import crawlextract

PROSE = "The council agreed, after a long debate, to keep the old lanterns on the pier. "
QUESTION = "How do I keep the old lanterns lit through a storm, and which oil burns longest? "


def _answer(number: int, repeats: int) -> str:
    return (
        f"<div class='answer'><div class=votes>{number}</div>"
        f"<p>Answer {number}: {PROSE * repeats}</p></div>"
    )


def test_the_question_comes_with_its_answers() -> None:
    """The answers are a run of alike posts; the question before their container is kept too."""
    # Links inside the answers' container (other questions) make one answer
    # the best element, so the answers are found as a run of posts.
    links = "".join(
        f"<p><a href=/q/{n}>Another question about lanterns and piers number {n}</a></p>"
        for n in range(30)
    )
    html = (
        f"<body><div id=mainbar><div id=question><p>{QUESTION * 6}</p></div>"
        f"<div id=answers>{_answer(1, 13)}{_answer(2, 10)}{_answer(3, 10)}"
        f"<div class=more>{links}</div></div></div></body>"
    )
    text = crawlextract.extract(html).readable_markdown
    assert text.index("How do I keep") < text.index("Answer 1") < text.index("Answer 3")
    assert "Another question" not in text
