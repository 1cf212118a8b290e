"""Character classes, defined once: what counts as whitespace, a control or a surrogate.

Each module that removes or refuses characters states which of these it keeps
(``controls_except(TAB + LINE_FEED)``) instead of spelling out ranges again, so
the meaning of "a control character" cannot drift between decoding, headers,
URLs and the markdown escaper. The classes are regex fragments, for use inside
``[...]``.
"""

from __future__ import annotations

import re

TAB = "\t"
LINE_FEED = "\n"
FORM_FEED = "\x0c"
CARRIAGE_RETURN = "\r"

#: The HTML standard's ASCII whitespace: tab, LF, FF, CR and space (no NBSP).
ASCII_WHITESPACE = "\t\n\x0c\r "

#: The control code points: C0 (U+0000-U+001F), DEL and C1 (U+007F-U+009F).
CONTROL_CODE_POINTS = (*range(0x20), *range(0x7F, 0xA0))

#: Surrogate code points, as a class fragment: a lone one cannot be encoded as UTF-8.
SURROGATE_CLASS = "\ud800-\udfff"

#: A lone surrogate.
SURROGATES = re.compile(f"[{SURROGATE_CLASS}]")


def controls_except(kept: str = "") -> str:
    """The control characters but ``kept``, as a regex class fragment (ranges merged)."""
    wanted = [code for code in CONTROL_CODE_POINTS if chr(code) not in kept]
    runs: list[tuple[int, int]] = []
    for code in wanted:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return "".join(
        re.escape(chr(first))
        if first == last
        else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in runs
    )
