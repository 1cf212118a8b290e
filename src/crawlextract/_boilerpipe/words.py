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
# A word: a token with a letter or digit. It is matched from the token's
# start only (the look-behind), and its leading punctuation is never given
# back, so a long run of punctuation is read once.
_WORD_TOKEN = re.compile(f"(?<![{_ALPHABET}])[_\"'.,!@\\-:;$?()/]*+[^\\W_][{_ALPHABET}]*")
#: Columns of boilerpipe's simulated line.
LINE_WIDTH = 80


# Counting takes a path about five times faster than the regular expression:
# mark the non-ASCII characters that are no word characters as spaces (every
# other non-ASCII character is alphanumeric, so a word character), encode as
# UTF-8, delete the token punctuation and "_", and turn alphanumeric bytes
# (and all bytes of the non-ASCII letters) into "a" and the rest into spaces.
# Each token with a letter or digit leaves one run of "a"s; a token of
# punctuation alone leaves nothing. Counting " a" counts the runs without
# building a list of them.
#: The non-ASCII characters that are no word characters: spaces, as far as
#: words are concerned.
NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
_ASCII_TOKEN_PUNCTUATION = b"_\"'.,!@-:;$?()/"
_WORD_BYTES = bytes(97 if byte >= 0x80 or chr(byte).isalnum() else 32 for byte in range(256))
# count_words_between() marks word bytes 1, other bytes 0 and NUL, the end of
# a piece, 2. count_words_each() ends each text with a NUL and a space.
_SEPARATOR = "\x00 "
_WORD_BITS = bytes(
    2 if byte == 0 else 1 if word == 97 else 0 for byte, word in enumerate(_WORD_BYTES)
)


def count_words(text: str) -> int:
    """Return how many words ``text`` has."""
    if not text.isascii():
        text = NON_ASCII_NON_WORD.sub(" ", text)
    marked = text.encode().translate(_WORD_BYTES, _ASCII_TOKEN_PUNCTUATION)
    return marked.count(b" a") + marked.startswith(b"a")


def count_words_each(texts: list[str]) -> list[int]:
    """Return how many words each text has, counted in one pass over all of them.

    One pass instead of one :func:`count_words` per text: most blocks are a
    few words long, and the calls cost more than the counting.
    """
    if not texts:
        return []
    # Only the non-ASCII texts need the regular expression; running it over
    # the whole page costs more than the test per text.
    sub = NON_ASCII_NON_WORD.sub
    counts = count_words_between(
        _SEPARATOR.join([text if text.isascii() else sub(" ", text) for text in texts])
    )
    if len(counts) != len(texts):
        # A text holds a NUL of its own: count again with it as the space it stands for.
        return count_words_each([text.replace("\x00", " ") for text in texts])
    return counts


def count_words_between(text: str) -> list[int]:
    """Return how many words each piece of ``text`` has, pieces ending at a NUL.

    A NUL must not follow a NUL, and the pieces must not hold non-ASCII
    characters that are no word characters (make them spaces with
    :data:`NON_ASCII_NON_WORD`).
    """
    marked = text.encode().translate(_WORD_BITS, _ASCII_TOKEN_PUNCTUATION)
    # A word starts at a byte marked 1 after one that is not: with the bytes
    # as one big integer, that is one shift and two bit operations for the
    # whole page. A NUL (2) stays, as the byte before it is never 2. Dropping
    # all other bytes leaves, per piece, one byte per word.
    bits = int.from_bytes(marked, "little")
    starts = (bits & ~(bits << 8)).to_bytes(len(marked), "little")
    return list(map(len, starts.translate(None, b"\x00").split(b"\x02")))


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
    lengths = list(map(len, _WORD_TOKEN.findall(text)))
    words = len(lengths)
    lines = 0
    on_line = 0
    column = -1  # the first word on a line has no space before it
    for length in lengths:
        on_line += 1
        column += length + 1
        if column > LINE_WIDTH:
            lines += 1
            column = length
            on_line = 1
    if lines == 0:
        return words, 1
    in_wrapped = words - on_line
    if in_wrapped == 0:
        # One over-long word: boilerpipe falls back to "one line of all words".
        return words, 1
    return in_wrapped, lines
