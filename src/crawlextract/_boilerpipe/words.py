"""How boilerpipe counts words and wrapped lines in a block's text.

A *token* is a run of word characters and the punctuation ``"'.,!@-:;$?()/``;
a token is a *word* when it holds a letter or digit (a word character other
than ``_``). Wrapped lines simulate setting the block's words in an 80-column
line: text density is the number of words in the full lines over the number
of full lines, so short, broken-up text scores low.
"""

from __future__ import annotations

import re

# The token alphabet of boilerpipe's tokenizer.
_ALPHABET = r"\w\"'.,!@\-:;$?()/"
_TOKEN = re.compile(f"[{_ALPHABET}]+")
_WORD_CHAR = re.compile(r"[^\W_]")
#: Columns of boilerpipe's simulated line.
LINE_WIDTH = 80


# Counting takes a path about five times faster than the regular expression:
# make the text ASCII (a non-ASCII character is a word character exactly when
# it is alphanumeric, so other ones become spaces and runs of the rest become
# "a"), delete the token punctuation and "_", turn every other non-alphanumeric
# byte into a space, and split. Each token with a letter or digit leaves one
# piece; a token of punctuation alone leaves nothing.
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_ASCII_TOKEN_PUNCTUATION = b"_\"'.,!@-:;$?()/"
_ASCII_TO_SPACE = bytes(c if chr(c).isalnum() else 32 for c in range(256))


def count_words(text: str) -> int:
    """Return how many words ``text`` has."""
    if not text.isascii():
        text = _NON_ASCII_RUN.sub("a", _NON_ASCII_NON_WORD.sub(" ", text))
    ascii_text = text.encode("ascii")
    return len(ascii_text.translate(_ASCII_TO_SPACE, _ASCII_TOKEN_PUNCTUATION).split())


def has_token(text: str) -> bool:
    """Tell whether ``text`` has a token at all (a word, or punctuation such as ``--``)."""
    return _TOKEN.search(text) is not None


def wrapped_lines(text: str) -> tuple[int, int]:
    """Return (words in wrapped lines, wrapped lines) of one unmerged block's text.

    The words of the last, unfinished line are left out; a block that never
    wraps counts as one line holding all its words.
    """
    if len(text) <= LINE_WIDTH:
        # Words plus the single spaces between them cannot exceed the text.
        return count_words(text), 1
    words = 0
    lines = 0
    on_line = 0
    column = -1  # the first word on a line has no space before it
    for token in _TOKEN.findall(text):
        if _WORD_CHAR.search(token) is None:
            continue
        words += 1
        on_line += 1
        column += len(token) + 1
        if column > LINE_WIDTH:
            lines += 1
            column = len(token)
            on_line = 1
    if lines == 0:
        return words, 1
    in_wrapped = words - on_line
    if in_wrapped == 0:
        # One over-long word: boilerpipe falls back to "one line of all words".
        return words, 1
    return in_wrapped, lines
