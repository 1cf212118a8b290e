"""Defuse the markup patterns that make the HTML parser quadratic, before it parses.

Lexbor's tree builder does work proportional to the stack of open elements
for many start tags (the "has a ``p`` element in button scope" walk), to the
attributes already read for each new attribute, and to the options already in
a ``<select>`` for each new option. Ordinary pages are shallow, so this is
cheap; a hostile page of 100,000 nested ``<div>`` or ``<ul><li>`` takes tens
of seconds to minutes to parse (measured: 100,000 ``<ul><li>`` 125 s,
40,000 ``<option>`` in one ``<select>`` 5 s, 20,000 attributes on one tag 0.7 s).

So before parsing, one linear scan over the tags models the nesting, and only
where it goes past a limit does it rewrite the markup:

- a start tag that would nest deeper than the limit is removed, together with
  its end tag (its text stays, in its ancestor: the page is flattened);
- attributes past :data:`MAX_ATTRIBUTES` on one tag are removed;
- options past :data:`MAX_SELECT_OPTIONS` in one ``<select>`` lose their tags.

The model is an estimate (elements that are usually left unclosed, such as
``<p>`` and ``<li>``, do not count), so the depth limit is set well above the
depth the compact tree keeps (``Limits.max_depth``): markup is only rewritten
where the tree would have been flattened anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, AnyStr

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from crawlextract._base.deadline import Deadline

#: Attributes kept on one tag. Real tags carry a few dozen at most; Lexbor's
#: cost grows with the square of the count (20,000 cost 0.7 s), and 256 costs
#: well under a millisecond per tag even when every tag of a page has them.
MAX_ATTRIBUTES = 256
#: Options kept with their tags in one ``<select>``. Lexbor's cost grows with
#: the square of the count (1,000 options: about 2 ms; 40,000: 5 s); long
#: country or product lists stay well under it.
MAX_SELECT_OPTIONS = 2000
#: How much deeper than ``Limits.max_depth`` the markup may nest before it is
#: flattened here. The scan over-counts depth where the parser closes elements
#: implicitly, so this keeps the rewrite far from anything the tree would keep;
#: at 1,000 levels the parser's scope walks still cost only about 1 µs per tag.
DEPTH_FACTOR = 5
#: Pages with at most this many start tags are not scanned: even if every tag
#: nested, the parser's quadratic cost stays under about 0.2 s at this size
#: (measured on 8,000 nested ``<ul><li>``, the worst pattern found), while the
#: scan costs about 1 µs per tag. The 181 benchmark pages have at most 3,229
#: ``<``, so none pays for it.
SCAN_FROM_TAGS = 8000
#: A page with fewer tags is still scanned when its long tags together could
#: hold enough attributes to be slow: Lexbor checks each new attribute against
#: the tag's others, so its work grows with the square of a tag's attribute
#: count, and an attribute takes at least two characters. The check sums the
#: squared lengths (bytes, when it reads UTF-8) of the tags longer than
#: :data:`SHORT_TAG`, then, if that is high, of the attributes they can hold
#: (two characters each), and scans when the sum passes that of one tag this
#: long (about 10 ms of parsing at worst; 200 tags of 1,550 attributes each,
#: every one under the limit alone, took 0.8 s before the sum was checked).
LONG_TAG = 8192
#: Tags up to this long are left out of that sum: at most about 40 attributes
#: each, so even :data:`SCAN_FROM_TAGS` of them cost the parser ~20 ms at worst.
SHORT_TAG = 128
_SLOW_TAG_WORK = LONG_TAG * LONG_TAG
# Start tags between deadline checks: cheap to check, fine-grained enough.
_CHECK_EVERY = 4096

# HTML whitespace, the only characters allowed between "=" and a quoted value
# (a vertical tab is not one), and a quoted value itself: as the tokenizer
# reads them, an unterminated value runs to the end of the text. Every pattern
# below is built from these, so they all read tags alike.
_SPACE = r"[\t\n\f\r ]"
_QUOTED = r"""(?:"[^"]*"?|'[^']*'?)"""
_QUOTED_POSSESSIVE = r"""(?:"[^"]*+"?+|'[^']*+'?+)"""
# A comment, or a start or end tag with its attributes: a quote opens a value
# only after "=" and whitespace; a quote anywhere else is part of a name or an
# unquoted value.
_TOKEN = re.compile(
    rf"""<(?:(!--)|(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>=]+|={_SPACE}*{_QUOTED}|=)*)>?)"""
)
# Every start tag with its attributes, read like _TOKEN, for the check that
# decides whether to scan at all: possessive (a failed item never backtracks)
# and unrolled (runs of other characters between "="), as the regex engine
# prefers; findall keeps it in C (about 0.25 ms on a median benchmark page,
# read as UTF-8 bytes). The tag name needs no pattern of its own: its
# characters are run characters.
_START_TAG = rf"""<[A-Za-z][^>=]*+(?:={_SPACE}*+{_QUOTED_POSSESSIVE}?+[^>=]*+)*+"""
_START_TAGS = re.compile(_START_TAG)
START_TAGS_IN_BYTES = re.compile(_START_TAG.encode("ascii"))
# A quoted attribute value with its "=", read as _START_TAG reads it.
_QUOTED_VALUE = rf"""={_SPACE}*+{_QUOTED_POSSESSIVE}"""
_QUOTED_VALUES = re.compile(_QUOTED_VALUE)
_QUOTED_VALUES_IN_BYTES = re.compile(_QUOTED_VALUE.encode("ascii"))
# "/" starts a new attribute as whitespace does (a self-closing slash that is
# not at the end is ignored by the tokenizer).
_SLASH_TO_SPACE = str.maketrans("/", " ")
_SLASH_TO_SPACE_IN_BYTES = bytes.maketrans(b"/", b" ")
_ATTRIBUTE = re.compile(
    rf"""[^\t\n\f\r />=][^\t\n\f\r />=]*(?:{_SPACE}*={_SPACE}*(?:{_QUOTED}|[^\t\n\f\r >]*))?"""
)
# Elements whose content is text up to their end tag (in HTML, not in SVG/MathML).
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
)
# Elements that never have content.
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
     "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)  # fmt: skip
# Elements the parser closes by itself when a sibling starts, or that exist
# once: counting them would make ordinary pages with unclosed <p> look deep.
_NOT_NESTING = frozenset(
    {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
     "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body"}
)  # fmt: skip
_FOREIGN = frozenset({"svg", "math"})
# Formatting elements: their end tag runs the adoption agency algorithm.
_FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
     "tt", "u"}
)  # fmt: skip
# Elements an end tag's search for its element does not cross (the standard's
# "has an element in scope" boundaries that the model keeps on its stack).
_SCOPE_BOUNDARIES = frozenset(
    {"applet", "marquee", "object", "table", "template", "svg", "math", "html", "select"}
)
# How far down the modelled stack an end tag looks for its element; keeps each
# end tag O(1) while matching every ordinarily nested page.
_END_TAG_SEARCH = 64


@dataclass(frozen=True, slots=True)
class GuardReport:
    """What :meth:`~crawlextract._html.page_text.PageText.guard` had to rewrite."""

    #: Start tags removed because they nested too deep.
    flattened: int = 0
    #: Attributes removed from tags that had too many.
    attributes: int = 0
    #: ``<option>`` tags removed from selects that had too many.
    options: int = 0

    def warnings(self, max_depth: int) -> list[str]:
        """Say what was rewritten, one line per kind, for ``Page.warnings``."""
        messages = []
        if self.flattened:
            messages.append(
                f"markup nested deeper than {max_depth * DEPTH_FACTOR} levels flattened "
                f"({self.flattened} start tags removed)"
            )
        if self.attributes:
            messages.append(
                f"tags with more than {MAX_ATTRIBUTES} attributes cut "
                f"({self.attributes} attributes removed)"
            )
        if self.options:
            messages.append(
                f"selects with more than {MAX_SELECT_OPTIONS} options simplified "
                f"({self.options} option tags removed)"
            )
        return messages


def scan(html: str, max_depth: int, deadline: Deadline) -> tuple[str, GuardReport]:
    """Rewrite ``html`` where it nests, or piles attributes or options, past the limits."""
    return _Scan(html, max_depth * DEPTH_FACTOR, deadline).run()


def needs_scan(markup: str | bytes) -> bool:
    """Whether the page has enough tags, or long enough tags, to be worth scanning."""
    if isinstance(markup, bytes):
        return _needs_scan(START_TAGS_IN_BYTES.findall(markup), _attribute_room_in_bytes)
    return _needs_scan(_START_TAGS.findall(markup), _attribute_room_in_text)


def _needs_scan(tags: list[AnyStr], attribute_room: Callable[[AnyStr], int]) -> bool:
    if len(tags) > SCAN_FROM_TAGS:
        return True
    return _long_tags_may_be_slow(tags) and _attribute_work(
        attribute_room(tag) for tag in tags if len(tag) > SHORT_TAG
    )


def _attribute_room_in_bytes(tag: bytes) -> int:
    # How many attributes the tag can hold: quoted values hold none, and every
    # attribute after the first starts after whitespace, "/" or a value's
    # closing quote (a space here). bytes.split() counts the words in C, a
    # little over (it also splits at a vertical tab), never under.
    unquoted = _QUOTED_VALUES_IN_BYTES.sub(b"= ", tag)
    return len(unquoted.translate(_SLASH_TO_SPACE_IN_BYTES).split())


def _attribute_room_in_text(tag: str) -> int:
    # As _attribute_room_in_bytes; str.split() splits at more whitespace still.
    return len(_QUOTED_VALUES.sub("= ", tag).translate(_SLASH_TO_SPACE).split())


def _long_tags_may_be_slow(tags: list[AnyStr]) -> bool:
    # Cheap first: every tag's length. An attribute takes at least two
    # characters, so the squared lengths bound the parser's work.
    work = 0
    # filter() and map() keep the common short tags out of the Python loop.
    for length in filter(SHORT_TAG.__lt__, map(len, tags)):
        work += length * length
    return work > _SLOW_TAG_WORK


def _attribute_work(attribute_counts: Iterable[int]) -> bool:
    # Then, for the long tags only, the attributes they can hold (so an SVG
    # path, a srcset or a data: URL does not count). Two characters per
    # attribute keep the measure in the units of the first check. Measured
    # this way none of the 181 benchmark pages is scanned; on whole tags, 15
    # were (~10 ms each).
    work = 0
    for count in attribute_counts:
        length = 2 * count  # the shortest tag that holds that many
        if length > SHORT_TAG:
            work += length * length
    return work > _SLOW_TAG_WORK


class _Scan:
    __slots__ = (
        "attributes_removed",
        "deadline",
        "dropped",
        "flattened",
        "foreign",
        "html",
        "limit",
        "options",
        "options_removed",
        "pieces",
        "stack",
        "written",
    )  # fmt: skip

    def __init__(self, html: str, limit: int, deadline: Deadline) -> None:
        self.html = html
        self.limit = limit
        self.deadline = deadline
        self.stack: list[str] = []  # modelled open elements that count for depth
        self.dropped: dict[str, int] = {}  # removed start tags awaiting their end tag
        self.foreign = 0  # open <svg>/<math> elements on the stack
        self.options = 0  # options seen in the current <select>
        self.flattened = 0
        self.attributes_removed = 0
        self.options_removed = 0
        self.pieces: list[str] = []  # the rewritten text, once something changes
        self.written = 0  # html[:written] is already in pieces

    def run(self) -> tuple[str, GuardReport]:
        html = self.html
        search = _TOKEN.search
        position = 0
        tags = 0
        while True:
            match = search(html, position)
            if match is None:
                break
            position = match.end()
            if match.group(1):  # a comment: skip to its end (or the end of the page)
                end = html.find("-->", position)
                position = len(html) if end < 0 else end + 3
                continue
            tags += 1
            if tags % _CHECK_EVERY == 0:
                self.deadline.check()
            name = match.group(3).lower()
            if match.group(2):
                self._end_tag(name, match)
                continue
            self._start_tag(name, match)
            if name in _RAW_TEXT and not self.foreign:
                position = _raw_text_end(html, name, position)
            elif name == "plaintext" and not self.foreign:
                break  # the rest of the page is text
        if not self.pieces:
            return html, GuardReport()
        self.pieces.append(html[self.written :])
        report = GuardReport(self.flattened, self.attributes_removed, self.options_removed)
        return "".join(self.pieces), report

    def _replace(self, match: re.Match[str], replacement: str) -> None:
        self.pieces.append(self.html[self.written : match.start()])
        self.pieces.append(replacement)
        self.written = match.end()

    def _start_tag(self, name: str, match: re.Match[str]) -> None:
        attributes = match.group(4)
        # A tag has at most one attribute per two characters, so only long tags
        # need counting.
        if len(attributes) > 2 * MAX_ATTRIBUTES:
            self._cut_attributes(name, match)
        if name == "select":
            self.options = 0
        elif name == "option":
            self.options += 1
            if self.options > MAX_SELECT_OPTIONS:
                self.options_removed += 1
                self._replace(match, " ")
                return
        if name in _VOID or name in _NOT_NESTING or attributes.rstrip().endswith("/"):
            return
        if len(self.stack) >= self.limit:
            self.flattened += 1
            self.dropped[name] = self.dropped.get(name, 0) + 1
            self._replace(match, "")
            return
        self.stack.append(name)
        if name in _FOREIGN:
            self.foreign += 1

    def _end_tag(self, name: str, match: re.Match[str]) -> None:
        if name == "option" and self.options > MAX_SELECT_OPTIONS:
            self._replace(match, "")
            return
        waiting = self.dropped.get(name)
        if waiting:
            # Removed start tags are the innermost ones, so in balanced markup
            # their end tags come first.
            self.dropped[name] = waiting - 1
            self._replace(match, "")
            return
        stack = self.stack
        bottom = max(0, len(stack) - _END_TAG_SEARCH)
        for index in range(len(stack) - 1, bottom - 1, -1):
            open_name = stack[index]
            if open_name == name:
                if name in _FORMATTING:
                    # The adoption agency: a block opened inside a formatting
                    # element stays open when the formatting element closes
                    # ("<a><div></a>" leaves the div open). Only the formatting
                    # element leaves the stack (over-counting is the safe side).
                    del stack[index]
                    self.foreign -= name in _FOREIGN
                    return
                self.foreign -= sum(1 for entry in stack[index:] if entry in _FOREIGN)
                del stack[index:]
                return
            if open_name in _SCOPE_BOUNDARIES:
                return  # not in scope: the parser ignores this end tag

    def _cut_attributes(self, name: str, match: re.Match[str]) -> None:
        found = _ATTRIBUTE.findall(match.group(4))
        if len(found) <= MAX_ATTRIBUTES:
            return
        self.attributes_removed += len(found) - MAX_ATTRIBUTES
        closing = "/>" if match.group(0).endswith("/>") else ">"
        self._replace(match, f"<{name} {' '.join(found[:MAX_ATTRIBUTES])}{closing}")


_RAW_TEXT_ENDS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in _RAW_TEXT
}


def _raw_text_end(html: str, name: str, position: int) -> int:
    match = _RAW_TEXT_ENDS[name].search(html, position)
    return len(html) if match is None else match.start()
