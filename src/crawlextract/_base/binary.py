"""Tell a plainly binary payload from text, so it becomes an error instead of mojibake.

A crawler stores what the server sent, and servers label images, archives and
PDFs ``text/html`` often enough. Decoding those bytes as windows-1252 gives
markdown full of noise that looks like a page. The rule is deliberately narrow
(a known file signature, or NUL bytes that UTF-16 text cannot explain among
many control bytes), so no real HTML page is turned away.
"""

from __future__ import annotations

import codecs
import re

#: How much of the payload is looked at: signatures sit at the start, and a
#: text page shows no NUL byte in its first kilobyte unless it is UTF-16.
SNIFF_BYTES = 1024

#: File signatures ("magic numbers") that no HTML document starts with, as
#: (pattern matched at the start, what the payload is).
_SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), name)
    for pattern, name in (
        (rb"\x89PNG\r\n\x1a\n", "a PNG image"),
        (rb"\xff\xd8\xff", "a JPEG image"),
        (rb"GIF8[79]a", "a GIF image"),
        (rb"RIFF....WEBP", "a WebP image"),
        (rb"%PDF-", "a PDF document"),
        (rb"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (rb"\x1f\x8b", "a gzip-compressed body that no Content-Encoding declared"),
        (rb"BZh[1-9]1AY&SY", "a bzip2 archive"),
        (rb"\xfd7zXZ\x00", "an xz archive"),
        (rb"\x28\xb5\x2f\xfd", "a zstd-compressed body"),
        (rb"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (rb"Rar!\x1a\x07", "a RAR archive"),
        (rb"\x7fELF", "an ELF executable"),
        (rb"wOF[F2]", "a WOFF font"),
        (rb"OggS", "an Ogg media file"),
        (rb"....ftyp", "an MP4 media file"),
    )
)

#: The C0 control bytes text does not use (all but tab, line feed, form feed,
#: carriage return and escape).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\f\r\x1b")

#: Random bytes are 27/256 (about 10.5 %) such control bytes; a text page has
#: none but the odd stray NUL. Half the random share calls binary data binary
#: and leaves text with a few stray control bytes alone.
_BINARY_CONTROL_SHARE = 0.05

#: ASCII in UTF-16 is one NUL in two bytes; markup-heavy starts of pages stay
#: far above one in eight even with some non-ASCII text among the tags.
_UTF16_NUL_SHARE = 8

_UNICODE_BOMS = (
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
)


def binary_payload(data: bytes, declared_charset: str | None = None) -> str | None:
    """Say what a plainly binary payload is, or return ``None`` for (possibly) text.

    Args:
        data: The payload, content encodings already undone.
        declared_charset: The HTTP ``Content-Type`` charset, if any: a declared
            UTF-16 or UTF-32 explains NUL bytes.

    Returns:
        A short description (``"a PNG image"``), or ``None``.
    """
    head = data[:SNIFF_BYTES]
    for signature, name in _SIGNATURES:
        if signature.match(head):
            return name
    if b"\x00" not in head or head.startswith(_UNICODE_BOMS):
        return None
    if declared_charset is not None and declared_charset.lower().replace("_", "-").startswith(
        ("utf-16", "utf-32", "utf16", "utf32")
    ):
        return None
    if _utf16_like(head):
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= len(head) * _BINARY_CONTROL_SHARE:
        return "binary data (NUL and control bytes in the first kilobyte)"
    return None


def _utf16_like(head: bytes) -> bool:
    # UTF-16 writes each ASCII character (all of HTML's markup) as the byte and
    # a NUL, so its NULs fall on even offsets only or on odd ones only, and
    # there are many of them; the NULs of binary data fall on both.
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return (not even or not odd) and max(even, odd) >= len(head) // _UTF16_NUL_SHARE
