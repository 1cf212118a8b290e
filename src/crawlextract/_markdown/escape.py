r"""Turning page text into markdown text that can never turn into markup.

The rules escape only what a CommonMark/GFM parser could read as markup:

* always: ``\\``, backticks, ``[`` and ``]``;
* ``*`` and ``~`` unless spaces surround them (then they can neither open nor
  close emphasis or strikethrough; one that only has a space after could still
  close a span the renderer opened);
* ``_`` unless a space follows or it sits between two letters or digits
  (``snake_case`` stays as written: an intraword ``_`` never opens emphasis);
* ``<`` before a letter, ``/``, ``!`` or ``?`` (an HTML tag or an autolink);
* ``&`` that starts an entity reference (``&copy;`` would be decoded);
* at the start of a line (see :func:`escape_line_start`): ``#`` headings,
  ``>`` quotes, ``-``/``+``/``*``/``_`` bullets, rules and setext underlines,
  ``=`` setext underlines, ``1.``/``1)`` ordered items, ``|`` and ``:-`` table
  delimiter rows.
"""

from __future__ import annotations

import re

from crawlextract._base.chars import (
    ASCII_WHITESPACE,
    CARRIAGE_RETURN,
    LINE_FEED,
    SURROGATE_CLASS,
    TAB,
    controls_except,
)

from .tokens import MARKER_CLASS, UNUSED_MARKERS

# Control characters never belong in the output. Tab, LF, FF and CR are HTML
# whitespace (collapsed later); the walk's marker stays; the other high
# surrogates (only a hand-made tree can hold them) and low surrogates cannot be
# encoded as UTF-8.
_TEXT_CONTROL = re.compile(f"[{controls_except(ASCII_WHITESPACE)}{UNUSED_MARKERS}\udc00-\udfff]")
_ANY_CONTROL = re.compile(f"[{controls_except(TAB + LINE_FEED)}{SURROGATE_CLASS}]")
_CODE_CONTROL = re.compile(
    f"[{controls_except(TAB + LINE_FEED + CARRIAGE_RETURN)}{SURROGATE_CLASS}]"
)

# Only the candidate characters are matched (a plain character class lets the
# regex engine skip through text at C speed); _escape_one looks at their
# neighbours. Pages hold a handful of them, so the Python callback is cheap.
_ESCAPE = re.compile(r"[\\`\[\]*~_<&]")
_ENTITY = re.compile(r"#?[A-Za-z0-9]+;")
_ORDERED = re.compile(r"\d{1,9}(?=[.)](?: |$))")
_ATX = re.compile(r"#{1,6}(?: |$)")
_SETEXT = re.compile(r"=+ *$")
_MARKERS = re.compile(MARKER_CLASS)
_BACKTICKS = re.compile("`+")
_HEADING_CLOSE = re.compile(r"(?:^| )(#+)$")

#: First characters of a line that may need :func:`escape_line_start`.
LINE_START_CHARS = frozenset("#>-+*_=|:0123456789")


def _word(char: str) -> bool:
    return char.isalnum()


def _escape_one(match: re.Match[str]) -> str:  # noqa: PLR0911  (one return per character)
    char = match[0]
    if char in "\\`[]":
        return "\\" + char
    text = match.string
    end = match.end()
    after = text[end : end + 1]
    if char in "*~":
        # Between spaces a run neither opens nor closes; elsewhere it could
        # close a span the renderer opened (``<em>*a* </em>``).
        start = match.start()
        if after == " " and (not start or text[start - 1] == " "):
            return char
        return "\\" + char
    if char == "_":
        if after == " ":
            return char
        start = match.start()
        if start and _word(text[start - 1]) and after and _word(after):
            return char  # intraword: never opens emphasis
        return "\\" + char
    if char == "<":
        return "\\<" if after.isascii() and (after.isalpha() or after in "/!?") else char
    # "&": only where it starts an entity reference.
    return "\\&" if _ENTITY.match(text, end) else char


def clean_text(text: str, *, controls: bool = True) -> str:
    """Drop control characters and collapse whitespace in the joined page text.

    The marker survives (it is neither a control character nor whitespace).
    Unicode spaces collapse like ASCII spaces, except the no-break space, which
    a browser keeps (see :func:`collapse_whitespace`). ``controls=False`` says the
    text holds no control characters (nor stray surrogates): the scan for
    them, a third of the cost, is skipped.
    """
    if controls and _TEXT_CONTROL.search(text):
        text = _TEXT_CONTROL.sub("", text)
    return collapse_whitespace(text)


# Stands for a no-break space while whitespace collapses: a character of the
# unused marker range, which the control-character pass removed from page text
# (and the decoder never produces).
_KEPT_NBSP = "\udbfe"


def collapse_whitespace(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends, keeping no-break spaces.

    A browser keeps every ``&nbsp;`` (it is not HTML whitespace), so the
    markdown does too: ``&nbsp;`` at a paragraph's start or in a code span
    still shows. Other Unicode spaces collapse like ASCII ones.
    """
    if "\xa0" not in text:
        return " ".join(text.split())
    return " ".join(text.replace("\xa0", _KEPT_NBSP).split()).replace(_KEPT_NBSP, "\xa0")


def escape_text(text: str) -> str:
    """Escape markdown metacharacters in text that :func:`clean_text` already cleaned."""
    return _ESCAPE.sub(_escape_one, text)


def escape_inline(text: str) -> str:
    """Clean and escape a short piece of text on its own (an image's alt text)."""
    if _ANY_CONTROL.search(text):
        text = _ANY_CONTROL.sub(" ", text)
    return _ESCAPE.sub(_escape_one, " ".join(text.split()))


# One C-speed pass escapes what would end or change a quoted title.
_TITLE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "&": "\\&"})
_TITLE_ESCAPES_IN_TABLE = str.maketrans({"\\": "\\\\", '"': '\\"', "&": "\\&", "|": "\\|"})


def link_title(title: str | None, *, in_table: bool) -> str:
    r"""The `` "title"`` part of a link or image destination, or ``""`` for no title.

    Whitespace collapses (a blank line would end the paragraph); ``\``, ``"``
    and ``&`` are backslash-escaped so the title reads back exactly, and ``|``
    too inside a table cell (GFM splits cells before it reads links). No regex:
    a page may hold thousands of titled links.
    """
    if not title:
        return ""
    # The usual title is printable, single-spaced and trimmed: no work but the escapes.
    if not title.isprintable() or title[0] == " " or title[-1] == " " or "  " in title:
        if _ANY_CONTROL.search(title):
            title = _ANY_CONTROL.sub(" ", title)
        title = " ".join(title.split())
        if not title:
            return ""
    if '"' in title or "\\" in title or "&" in title or (in_table and "|" in title):
        # str.translate looks up every character: only for titles that need it.
        title = title.translate(_TITLE_ESCAPES_IN_TABLE if in_table else _TITLE_ESCAPES)
    return f' "{title}"'


def escape_line_start(line: str) -> str:  # noqa: PLR0911  (one return per character)
    """Escape what would start a block at the beginning of a line (already stripped)."""
    first = line[0]
    if first.isdigit():
        match = _ORDERED.match(line)
        if match:
            end = match.end()
            return f"{line[:end]}\\{line[end:]}"
        return line
    if first == "#":
        return "\\" + line if _ATX.match(line) else line
    if first == "=":
        return "\\" + line if _SETEXT.match(line) else line
    if first == ":":
        return "\\" + line if line.startswith(":-") else line
    if first in "*_+":
        # A lone marker or one followed by a space starts a bullet or a rule;
        # other cases were escaped with the rest of the text.
        return "\\" + line if len(line) == 1 or line[1] == " " else line
    # ">", "-" and "|" (a quote, a bullet/rule/setext underline, a delimiter row).
    return "\\" + line


def escape_heading_end(text: str) -> str:
    """Keep a heading's trailing ``#`` run from being read as a closing sequence."""
    if "#" not in text:
        return text  # the usual heading: no regex scan
    match = _HEADING_CLOSE.search(text)
    if match is None:
        return text
    start = match.start(1)
    return f"{text[:start]}\\{text[start:]}"


def clean_code(text: str) -> str:
    """Drop control characters from verbatim code, keeping tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CODE_CONTROL.search(text):
        text = _CODE_CONTROL.sub("", text)
    return text


def longest_backtick_run(text: str) -> int:
    """Length of the longest run of backticks in ``text``."""
    if "`" not in text:
        return 0
    return max(len(run) for run in _BACKTICKS.findall(text))


def code_span(text: str, *, in_table: bool) -> str:
    """Render collapsed, non-empty text as a code span that CommonMark reads back exactly."""
    if _ANY_CONTROL.search(text):
        text = _ANY_CONTROL.sub("", text)
    fence = "`" * (longest_backtick_run(text) + 1)
    # A span starting or ending with a backtick needs a space of padding, which
    # CommonMark strips again.
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    if in_table:
        # GFM splits cells on "|" before it looks at code spans.
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def strip_markers(text: str) -> str:
    """Remove marker characters (used when a tree carries stray surrogates)."""
    return _MARKERS.sub("", text)
