"""Where records start in a raw WARC file: what stepping over damage needs.

In a ``.warc.gz`` written by a crawler each record is its own gzip member, so
the next place a record may start is the next gzip header; in a ``.warc`` it
is the next line starting ``WARC/1.``. A candidate counts only if a record
reads whole from it. These functions move the stream's position freely: call
them between reads, never while fastwarc is iterating over the same stream.
"""

from __future__ import annotations

import zlib
from typing import IO, Any

GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"WARC/1."
#: zlib's wbits for a gzip header and trailer.
_GZIP_WBITS = 31

#: What reading a broken file raises: fastwarc gives OSError; a whole-file
#: gzip read through :class:`gzip.GzipFile` also gives zlib.error and EOFError.
READ_ERRORS = (OSError, EOFError, zlib.error)

#: Bytes read at a time while looking for the next record after damage.
_SCAN_BLOCK = 1 << 20


def gzip_tail(stream: IO[bytes], last: int) -> int | None:
    """Return where the file stops making sense after the gzip member at ``last``.

    That is ``last`` itself when the file ends inside that member, or where
    bytes follow the member that fastwarc read no record from; ``None`` when
    the member ends the file, or when no member starts at ``last`` (in a
    whole-file gzip, fastwarc's positions are not where records start).
    """
    if not gzip_at(stream, last):
        return None
    stream.seek(last)
    decompressor = zlib.decompressobj(wbits=_GZIP_WBITS)
    fed = 0
    while not decompressor.eof:
        block = stream.read(_SCAN_BLOCK)
        if not block:
            return last
        fed += len(block)
        try:
            # The output is not needed, only where the member ends; the cap
            # keeps memory small whatever the member holds.
            decompressor.decompress(block, _SCAN_BLOCK)
            while decompressor.unconsumed_tail and not decompressor.eof:
                decompressor.decompress(decompressor.unconsumed_tail, _SCAN_BLOCK)
        except zlib.error:
            return last
    end = last + fed - len(decompressor.unused_data) - len(decompressor.unconsumed_tail)
    stream.seek(end)
    return end if stream.read(1) else None


def gzip_at(stream: IO[bytes], offset: int) -> bool:
    stream.seek(offset)
    return stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC


def next_start(stream: IO[bytes], after: int, gzipped: bool) -> int | None:  # noqa: FBT001
    """Return the first place at or after ``after`` where a record may start."""
    marker = GZIP_MAGIC if gzipped else _WARC_LINE
    position = after
    while True:
        try:
            stream.seek(position)
            block = stream.read(_SCAN_BLOCK + len(marker))
        except READ_ERRORS:  # a stream gzipped as a whole ends where it breaks
            return None
        if len(block) < len(marker):
            return None
        found = block.find(marker)
        # A WARC header starts a line; a gzip member may start anywhere.
        while found != -1 and not gzipped and not _line_start(stream, position + found):
            found = block.find(marker, found + 1)
        if found != -1:
            return position + found
        position += _SCAN_BLOCK


def _line_start(stream: IO[bytes], at: int) -> bool:
    if at == 0:
        return True
    stream.seek(at - 1)
    return stream.read(1) == b"\n"


def resync(stream: IO[bytes], warc: Any, after: int, gzipped: bool) -> int | None:  # noqa: FBT001
    """Return the start of the next record after ``after`` that reads whole."""
    candidate = next_start(stream, after, gzipped)
    while candidate is not None:
        stream.seek(candidate)
        try:
            record = next(iter(warc.ArchiveIterator(stream, parse_http=False)))
            record.freeze()  # reads its block: a corrupt member fails here
        except (*READ_ERRORS, StopIteration):
            candidate = next_start(stream, candidate + 1, gzipped)
        else:
            return candidate
    return None
