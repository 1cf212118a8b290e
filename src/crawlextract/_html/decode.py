"""Bytes to text: the one place that knows about encodings.

The order, first match wins (``docs/decoding.md`` explains each step):

1. a byte-order mark;
2. bytes that are valid UTF-8 are UTF-8, whatever they declare (pages often
   declare latin-1 and send UTF-8);
3. the ``charset`` of the HTTP ``Content-Type`` header;
4. a ``<meta charset>`` / ``http-equiv`` prescan of the start of the page;
5. detection with charset-normalizer;
6. windows-1252, with replacement characters for undecodable bytes.

A declared charset that is unknown, not a web encoding, or fails to decode the
bytes falls through to the next step; nothing here raises on content. A
declared UTF-8 is the exception to "fails to decode": like a browser, we decode
it with U+FFFD for each invalid byte sequence, unless the bytes are plainly
another encoding (see :func:`_declared_utf8`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from crawlextract._base.chars import ASCII_WHITESPACE, SURROGATES, controls_except

#: Python codec name (as ``codecs.lookup`` spells it) -> (web name, codec used).
#: Only the encodings of the WHATWG Encoding Standard are accepted, so a page
#: cannot pick a non-web codec such as ``utf-7`` or ``unicode_escape``. Where the
#: standard decodes a label with a superset (latin-1 as windows-1252, gb2312 as
#: gb18030, shift_jis as cp932, euc-kr as cp949) we do the same.
_WEB_ENCODINGS: dict[str, tuple[str, str]] = {
    "utf-8": ("utf-8", "utf-8"),
    "utf-16-le": ("utf-16le", "utf-16-le"),
    "utf-16-be": ("utf-16be", "utf-16-be"),
    "utf-16": ("utf-16le", "utf-16"),
    "cp866": ("ibm866", "cp866"),
    "koi8-r": ("koi8-r", "koi8-r"),
    "koi8-u": ("koi8-u", "koi8-u"),
    "mac-roman": ("macintosh", "mac-roman"),
    "mac-cyrillic": ("x-mac-cyrillic", "mac-cyrillic"),
    "tis-620": ("windows-874", "cp874"),
    "cp874": ("windows-874", "cp874"),
    "ascii": ("windows-1252", "cp1252"),
    "iso8859-1": ("windows-1252", "cp1252"),
    "iso8859-9": ("windows-1254", "cp1254"),
    "shift_jis": ("shift_jis", "cp932"),
    "cp932": ("shift_jis", "cp932"),
    "euc_jp": ("euc-jp", "euc_jp"),
    "iso2022_jp": ("iso-2022-jp", "iso2022_jp"),
    "gb2312": ("gbk", "gb18030"),
    "gbk": ("gbk", "gb18030"),
    "gb18030": ("gb18030", "gb18030"),
    "big5": ("big5", "big5hkscs"),
    "big5hkscs": ("big5", "big5hkscs"),
    "euc_kr": ("euc-kr", "cp949"),
    "cp949": ("euc-kr", "cp949"),
    **{f"cp125{n}": (f"windows-125{n}", f"cp125{n}") for n in range(9)},
    **{
        f"iso8859-{n}": (f"iso-8859-{n}", f"iso8859-{n}")
        for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)
    },
}
#: Labels of the standard that Python's codec registry does not know.
_EXTRA_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "windows-874": "cp874",
    "iso-8859-8-i": "iso8859-8",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-user-defined": "cp1252",
    "x-gbk": "gbk",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16be", "utf-16-be"),
)
_BOM_PREFIXES = tuple(bom for bom, _, _ in _BOMS)
# How far into the page the <meta> prescan looks. The HTML standard says 1024
# bytes; real pages put long comments and scripts first, so we look further.
_PRESCAN_BYTES = 16 * 1024
# "[^<>]", not "[^>]": a run of "<meta" without ">" would otherwise make every
# match attempt scan to the end of the window (quadratic in the window).
_META_CHARSET = re.compile(
    rb"""<meta\b[^<>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
# charset-normalizer's time grows with the input; a sample decides as well.
_DETECTION_SAMPLE_BYTES = 64 * 1024
# C0 controls other than tab, line feed, form feed and carriage return, DEL and
# the C1 controls: never meaningful in page text, and they break consumers of
# our output. (Form feed is HTML whitespace; _clean turns it into a space.)
_CONTROL_CHARACTERS = re.compile(f"[{controls_except(ASCII_WHITESPACE)}]")
# Numeric character references the parser would turn into those controls (or a
# form feed or carriage return): C0 but tab and LF, DEL, and the five C1 code points the HTML
# standard does not remap to windows-1252 characters. A digit after the match
# would make it another number, hence the look-aheads.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:[0-8bBcCdDeEfF]|1[0-9a-fA-F]|7[fF]|8[1dDfF]|9[0dD])(?![0-9a-fA-F])"
    r"|0*(?:[0-8]|1[1-9]|2[0-9]|3[01]|12[79]|14[134]|157)(?![0-9]));?"
)
# The same, for UTF-8 bytes that are exactly the text: a bytes search is about
# four times faster than one over a str holding non-ASCII text.
_CONTROL_REFERENCE_IN_BYTES = re.compile(_CONTROL_REFERENCE.pattern.encode("ascii"))
# The start of a character reference, at the end of the text searched.
_PARTIAL_REFERENCE = re.compile(r"&(?:#[xX]?[0-9a-fA-F]*)?\Z")
_SURROGATES = SURROGATES
# The bytes of _CONTROL_CHARACTERS and form feed in any ASCII-compatible encoding.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# The C1 controls (U+0080-U+009F) in UTF-8.
_C1_IN_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
# Every byte that is not ASCII: deleting them counts the ASCII bytes.
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
# U+FFFD in UTF-8: a replacement character the page itself holds.
_REPLACEMENT_IN_UTF8 = "\ufffd".encode()


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page as text, and how it was decoded."""

    text: str
    """The page text."""
    encoding: str | None
    """The web name of the encoding used, or ``None`` when the page came as ``str``."""
    source: str
    """Which step decided: ``bom``, ``utf-8``, ``http``, ``meta``, ``detected``, ``fallback`` or
    ``str``.
    """
    truncated: bool
    """Whether the input was cut at ``Limits.max_input_bytes``."""
    utf8: bytes | None = None
    """The input bytes when they are exactly ``text`` in UTF-8, else ``None``.

    Lexbor parses UTF-8 bytes faster than a ``str`` (which it must encode first).
    """
    unchecked: bytes | None = None
    """UTF-8 bytes of a ``text`` whose control characters are not removed yet
    (see :func:`decode_page`), or ``None`` when ``text`` is clean.
    """
    replaced: int = 0
    """How many invalid UTF-8 byte sequences became U+FFFD (a declared UTF-8
    or a UTF-8 byte-order mark on bytes that are not all valid UTF-8).
    """

    def cleaned(self) -> Decoded:
        """This page with its control characters removed (itself when already clean)."""
        if self.unchecked is None:
            return self
        text = _clean(self.text, self.unchecked)
        utf8 = self.utf8 if text is self.text else None
        return Decoded(
            text, self.encoding, self.source, self.truncated, utf8, replaced=self.replaced
        )

    def warnings(self) -> tuple[str, ...]:
        """What the decoding changed in the page, for ``Page.warnings``."""
        if not self.replaced:
            return ()
        where = _DECLARED_IN.get(self.source, "")
        plural = "s" if self.replaced > 1 else ""
        return (f"{self.replaced} invalid UTF-8 byte sequence{plural} replaced with U+FFFD{where}",)


# How a decoding step names where UTF-8 was declared, in the warning.
_DECLARED_IN = {
    "http": " (UTF-8 declared in the HTTP Content-Type)",
    "meta": " (UTF-8 declared in a <meta> charset)",
    "bom": " (UTF-8 byte-order mark)",
}


def web_encoding(label: str) -> tuple[str, str] | None:
    """Return ``(web name, Python codec)`` for a charset label, or ``None``."""
    label = label.strip().strip("\"'").lower()
    codec = _EXTRA_LABELS.get(label, label)
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return None
    return _WEB_ENCODINGS.get(name)


def decode_text(text: str, max_chars: int) -> Decoded:
    """Clean a page that came as ``str``: cut it to size and drop what cannot be text."""
    truncated = len(text) > max_chars
    if truncated:
        text = text[:max_chars]
    return Decoded(_clean(text), None, "str", truncated)


@dataclass(frozen=True, slots=True)
class PendingUTF8:
    """Downloaded bytes to be read as UTF-8 if they are valid UTF-8, not yet checked.

    The parser reads them as UTF-8 at once; :meth:`resolved` checks and, for
    bytes that are not UTF-8 after all, goes on down the decoding order.
    """

    utf8: bytes
    """The bytes, as the parser reads them."""
    declared_charset: str | None
    """The charset of the HTTP ``Content-Type``, for the steps after UTF-8."""
    truncated: bool
    """Whether the input was cut at ``Limits.max_input_bytes``."""

    def resolved(self) -> Decoded:
        """The page decoded by the full order (control characters not yet removed)."""
        return _decoded(self.utf8, self.declared_charset, truncated=self.truncated)


def resolve(page: Decoded | PendingUTF8) -> Decoded:
    """The decoded page, checking pending UTF-8 bytes now."""
    return page.resolved() if isinstance(page, PendingUTF8) else page


def decode_page(data: bytes, declared_charset: str | None, max_bytes: int) -> Decoded | PendingUTF8:
    """Decode a downloaded page, leaving what only some outputs need for later.

    Two checks wait, each worth a tenth of a millisecond per 100 kB to a caller
    that reads only the page details: whether bytes that may be UTF-8 are
    valid UTF-8 (:class:`PendingUTF8`: the parser reads them as UTF-8, which
    gives the same page details whenever those are ASCII), and the
    control-character check of UTF-8 (:meth:`Decoded.cleaned`; the strings of
    the page details are cleaned one by one). Other encodings are decoded and
    cleaned here.
    """
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    if (
        not data.startswith(_BOM_PREFIXES)
        # NUL bytes mark UTF-16, the one encoding detection may find whose
        # ASCII is not ASCII bytes: the parser's reading as UTF-8 would then
        # give other page details than the page's, ASCII or not.
        and b"\x00" not in data
        and not _declared_wins_over_utf8(
            data, web_encoding(declared_charset) if declared_charset else None
        )
    ):
        return PendingUTF8(data, declared_charset, truncated)
    return _decoded(data, declared_charset, truncated=truncated)


def _decoded(data: bytes, declared_charset: str | None, *, truncated: bool) -> Decoded:
    text, encoding, source, replaced = _decode(data, declared_charset)
    if source != "utf-8":
        # Only in UTF-8 are the control characters exactly the control bytes and
        # the C1 sequences (UTF-16 differs, and single-byte encodings such as
        # ISO-8859-2 decode bytes 0x80-0x9F to C1 controls). Text with
        # replacement characters is not its bytes either.
        return Decoded(_clean(text), encoding, source, truncated, replaced=replaced)
    # The bytes are the text when no incomplete character was dropped at the end.
    same = not data or data[-1] < 0x80
    return Decoded(text, encoding, source, truncated, data if same else None, data)


def clean_fragment(text: str) -> str:
    """Remove control characters from a string read from a parse of unchecked bytes.

    The parser has already turned references into characters, so a reference
    to a control arrives here as the control itself.
    """
    if text.isprintable():  # the common case, answered in C without a regex
        return text
    if _CONTROL_CHARACTERS.search(text):
        text = _CONTROL_CHARACTERS.sub("", text)
    return text.replace("\x0c", " ") if "\x0c" in text else text


#: (text, web name of the encoding, the step that decided, sequences replaced)
_Decoding = tuple[str, str, str, int]


def _decode(data: bytes, declared_charset: str | None) -> _Decoding:
    by_bom = _by_bom(data)
    if by_bom is not None:
        return by_bom
    declared = web_encoding(declared_charset) if declared_charset else None
    if not _declared_wins_over_utf8(data, declared):
        text = _as_utf8(data)
        if text is not None:
            return text, "utf-8", "utf-8", 0
    for candidate, source in ((declared, "http"), (_prescan(data), "meta")):
        if candidate is not None and _plausible(data, candidate[0]):
            decoded = _as_declared(data, candidate, source)
            if decoded is not None:
                return decoded
    detected = _detect(data)
    if detected is not None:
        text = _strict(data, detected[1])
        if text is not None:
            return text, detected[0], "detected", 0
    return data.decode("cp1252", "replace"), "windows-1252", "fallback", 0


def _by_bom(data: bytes) -> _Decoding | None:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec == "utf-8":
                text, replaced = _utf8_replacing(body)
                return text, name, "bom", replaced
            return body.decode(codec, "replace"), name, "bom", 0
    return None


def _as_declared(data: bytes, declared: tuple[str, str], source: str) -> _Decoding | None:
    name, codec = declared
    if name == "utf-8":
        # Not valid UTF-8 (step 2 would have taken it), but declared so.
        replacing = _declared_utf8(data)
        return None if replacing is None else (replacing[0], name, source, replacing[1])
    text = _strict(data, codec)
    return None if text is None else (text, name, source, 0)


def _declared_utf8(data: bytes) -> tuple[str, int] | None:
    """Decode bytes declared UTF-8 that are not all valid UTF-8, or ``None`` if they are not UTF-8.

    A browser decodes a declared UTF-8 whatever the bytes, one U+FFFD per invalid
    sequence: a page with a stray byte keeps every other character. But a page in
    a single-byte encoding that declares UTF-8 has almost no valid multi-byte
    sequences (an accented letter is one byte >= 0x80 between ASCII letters), and
    replacing every one of its accented letters would lose them all. So the
    declaration wins when the valid non-ASCII characters are at least as many as
    the invalid sequences; otherwise the bytes go on to detection. (The bound is
    the point where the bytes say "UTF-8" at least as often as "not UTF-8"; no
    page of the benchmarks is affected, as all of them are valid UTF-8.)
    """
    text, replaced = _utf8_replacing(data)
    ascii_bytes = len(data.translate(None, _NON_ASCII_BYTES))
    valid_non_ascii = len(text) - ascii_bytes - replaced
    if valid_non_ascii < replaced:
        return None
    return text, replaced


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """Decode UTF-8 with U+FFFD for invalid sequences; return the text and how many there were.

    An incomplete character at the very end (a cut download) is dropped, as in
    step 2, not replaced.
    """
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=False)
    # Every U+FFFD that the bytes do not spell out is a replaced sequence.
    replaced = text.count("\ufffd") - data.count(_REPLACEMENT_IN_UTF8)
    return text, replaced


def _declared_wins_over_utf8(data: bytes, declared: tuple[str, str] | None) -> bool:
    # Two declared encodings produce bytes that can also be valid UTF-8: UTF-16
    # (ASCII text interleaved with NULs) and ISO-2022-JP (7-bit, with escape
    # sequences). When the header declares one and the bytes show its marks,
    # believe the header.
    if declared is None:
        return False
    if declared[0].startswith("utf-16"):
        return b"\x00" in data
    if declared[0] == "iso-2022-jp":
        return b"\x1b$" in data or b"\x1b(" in data
    return False


def _plausible(data: bytes, encoding: str) -> bool:
    # Almost any even number of bytes "decodes" as UTF-16, into CJK-looking
    # noise. HTML markup is ASCII, which UTF-16 writes with a NUL byte per
    # character, so a declared UTF-16 without a single NUL is a lie.
    return not encoding.startswith("utf-16") or b"\x00" in data


def _as_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A download cut mid-character is still UTF-8: decode incrementally and
    # drop an incomplete final sequence instead of rejecting the page.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        return decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _prescan(data: bytes) -> tuple[str, str] | None:
    match = _META_CHARSET.search(data, 0, _PRESCAN_BYTES)
    if match is None:
        return None
    found = web_encoding(match.group(1).decode("ascii", "replace"))
    if found is not None and found[0].startswith("utf-16"):
        # The standard: a <meta> can only be read if the page is ASCII-compatible,
        # so a UTF-16 declaration there means UTF-8.
        return _WEB_ENCODINGS["utf-8"]
    return found


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # noqa: PLC0415 - slow import, rarely needed

    best = from_bytes(data[:_DETECTION_SAMPLE_BYTES]).best()
    if best is None:
        return None
    return web_encoding(best.encoding)


# Lead bytes of two-byte UTF-8 sequences checked one by one before the regex
# takes over: the 181 AEB pages hold 12 on average (no-break spaces, "©"), at
# most 103, and bytes.find jumps between them at memchr speed, five times
# faster than the regex's scan of every byte; a page with more costs at most
# this many finds more than the regex alone.
_C1_LEAD_CHECKS = 64


def _has_c1_control(raw: bytes) -> bool:
    # Whether the UTF-8 bytes encode a C1 control (U+0080-U+009F): _C1_IN_UTF8.search(raw).
    find = raw.find
    at = find(b"\xc2")
    for _ in range(_C1_LEAD_CHECKS):
        if at < 0:
            return False
        if b"\x80" <= raw[at + 1 : at + 2] < b"\xa0":
            return True
        at = find(b"\xc2", at + 1)
    return at >= 0 and _C1_IN_UTF8.search(raw, at) is not None


# "#" bytes checked one by one before the regex takes over: bytes.find jumps
# between them at memchr speed, and a "#" after "&" is checked with a match at
# the "&"; beyond this many the regex searches the rest (at most this many
# finds lost). Half the AEB pages hold at most 48 (mean 149); over them the
# check takes about 60% of the regex's time with 128 (64: 68%, 256: 57%).
_REFERENCE_HASH_CHECKS = 128
_AMPERSAND = ord("&")


def _has_control_reference(raw: bytes) -> bool:
    # _CONTROL_REFERENCE_IN_BYTES.search(raw) is not None: every match starts with "&#".
    find = raw.find
    match = _CONTROL_REFERENCE_IN_BYTES.match
    at = find(b"#")
    for _ in range(_REFERENCE_HASH_CHECKS):
        if at < 0:
            return False
        if at and raw[at - 1] == _AMPERSAND and match(raw, at - 1):
            return True
        at = find(b"#", at + 1)
    return at >= 0 and _CONTROL_REFERENCE_IN_BYTES.search(raw, max(at - 1, 0)) is not None


def _clean(text: str, raw: bytes | None = None) -> str:
    """Drop control characters and references to them; replace lone surrogates.

    ``raw`` (the bytes ``text`` was decoded from, when they were UTF-8) lets
    the common case skip two scans of the text: a regex character class over
    a ``str`` costs ~0.35 ms per 100 kB, while counting control bytes in
    ``raw`` costs a fifth of that, and decoded bytes never hold surrogates.
    """
    if raw is None or len(raw.translate(None, _CONTROL_BYTES)) != len(raw) or _has_c1_control(raw):
        if _CONTROL_CHARACTERS.search(text):
            text = _CONTROL_CHARACTERS.sub("", text)
        if "\x0c" in text:
            text = text.replace("\x0c", " ")
        # Removing a control can join "&" and "#" into a reference the bytes
        # do not show ("&\x00#1;"): from here on, look at the text.
        raw = None
    has_reference = (
        _has_control_reference(raw)
        if raw is not None
        else "&#" in text and _CONTROL_REFERENCE.search(text) is not None
    )
    if has_reference:
        text = _drop_control_references(text)
    if raw is None and _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text


def _drop_control_references(text: str) -> str:
    # Removing a reference must not create another: in "&#&#1;x7f;" dropping
    # "&#1;" would leave "&#x7f;". Where the text before a reference is the
    # start of one ("&", "&#", "&#x9" ...), a space goes in its place instead.
    # The partial-reference search only looks between two matches, so the
    # whole pass stays linear.
    pieces: list[str] = []
    written = 0
    for match in _CONTROL_REFERENCE.finditer(text):
        start = match.start()
        pieces.append(text[written:start])
        number = match.group(0)[2:].rstrip(";")
        value = int(number[1:], 16) if number[:1] in "xX" else int(number)
        whitespace = value in (0x0C, 0x0D)  # keep the word break
        partial = _PARTIAL_REFERENCE.search(text, written, start) is not None
        pieces.append(" " if whitespace or partial else "")
        written = match.end()
    pieces.append(text[written:])
    return "".join(pieces)
