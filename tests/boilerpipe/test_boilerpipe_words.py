"""boilerpipe's word and wrapped-line counts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from crawlextract._boilerpipe.words import count_words, has_token, wrapped_lines

# The definition, written the slow and obvious way: tokens are runs of word
# characters and "'.,!@-:;$?()/; a word is a token with a letter or digit.
_TOKEN = re.compile(r"[\w\"'.,!@\-:;$?()/]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _reference_words(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text) if _LETTER_OR_DIGIT.search(token))


_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"ab Z09_-.,'\"!?|/()@:;$&*+ \t\n\xa0", "é", "’", "—", "“", "中", "١", "ß", "\u2028"]  # noqa: RUF001
    ),
    max_size=60,
)


@given(_TEXT)
def test_count_words_matches_the_definition(text: str) -> None:
    """The fast counter agrees with the plain regular-expression definition on any text."""
    assert count_words(text) == _reference_words(text)


def test_punctuation_joins_and_other_symbols_split() -> None:
    """Token punctuation keeps a word whole; other symbols (curly quote, dash, bar) split it."""
    assert count_words("U.S. e-mail it's") == 3
    assert count_words("don\u2019t stop\u2014now") == 4
    assert count_words("a|b") == 2
    assert count_words("foo_bar") == 1


def test_punctuation_alone_is_a_token_but_not_a_word() -> None:
    """``--`` is a token without words; ``|`` is no token at all."""
    assert count_words("-- ...") == 0
    assert has_token("--")
    assert not has_token("| » •")


def test_non_latin_scripts_count_words() -> None:
    """Letters of any script are word characters."""
    assert count_words("Привет мир, 中文 ١٢٣") == 4


def test_short_text_is_one_line() -> None:
    """A text that fits in 80 columns is one line holding every word."""
    assert wrapped_lines("eight words in a line of text here") == (8, 1)


def test_long_text_wraps_at_80_columns() -> None:
    """Words are set in 80-column lines; the unfinished last line is left out."""
    text = " ".join(["word"] * 40)  # 16 five-column words fill a line
    assert wrapped_lines(text) == (32, 2)


def test_one_overlong_word_is_one_line() -> None:
    """A single word wider than a line counts as one line of one word."""
    assert wrapped_lines("x" * 200) == (1, 1)


def test_counting_is_linear_on_long_punctuation_runs() -> None:
    """A long run of punctuation with no word is counted without backtracking blow-up."""
    text = "-" * 200_000 + "a" + " ." * 50_000
    assert count_words(text) == 1
    assert wrapped_lines(text) == (1, 1)
