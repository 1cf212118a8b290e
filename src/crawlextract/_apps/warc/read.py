"""Reading WARC files: HTML response records out, damage reported and stepped over.

Records are read with fastwarc (about ten times faster than warcio). Each HTML
response record's URL, HTTP status, headers and WARC-Date come with its
payload, HTTP transfer and content encodings undone. Every other record is
skipped and counted in a :class:`WarcStats`.

A file is never trusted to be whole. A record that cannot be read (a corrupt
gzip member, an invalid header) becomes an ``ArchiveError`` entry naming its
offset, and reading goes on at the next record that can be read: the next gzip
member in a ``.warc.gz``, the next ``WARC/1.`` header line in a ``.warc``. A
record holding fewer bytes than its ``Content-Length`` (the file ends inside
it) is extracted with a warning and also reported as an ``ArchiveError``; one
marked ``WARC-Truncated`` by its crawler just gets the warning. A payload
labelled HTML that is plainly binary gets an error instead of an extraction.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from dataclasses import dataclass, field, fields
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

from crawlextract._apps.batch import PageError
from crawlextract._base.binary import binary_payload
from crawlextract._base.exceptions import MissingDependencyError
from crawlextract._base.headers import Headers

from .places import READ_ERRORS, gzip_at, gzip_tail, next_start, resync

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from fastwarc.warc import WarcRecord

#: Media types extracted as HTML.
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

#: A payload without a Content-Type counts as HTML when its start looks like a
#: document; 1 kB covers a BOM, an XML declaration and a doctype.
_SNIFF_BYTES = 1024
_LOOKS_LIKE_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE
)

_Item = TypeVar("_Item")

#: The ``error_type`` of the entry a file gets where it could not be read.
ARCHIVE_ERROR = "ArchiveError"
#: The ``error_type`` of a record labelled HTML whose payload is plainly binary.
BINARY_PAYLOAD = "BinaryPayload"


@dataclass(slots=True)
class WarcStats:
    """What was read from WARC files: records seen, extracted, skipped and damaged."""

    #: Records read, of every type.
    records: int = 0
    #: HTML response records, each one a row (binary ones included).
    html: int = 0
    #: Records that are not HTTP responses (request, metadata, warcinfo, revisit, ...).
    skipped_non_response: int = 0
    #: Response records whose payload is not HTML (images, PDF, DNS, ...).
    skipped_non_html: int = 0
    #: HTML records whose payload is plainly binary: a row with an error each.
    binary: int = 0
    #: HTML records cut short (fewer bytes than their Content-Length, or marked
    #: ``WARC-Truncated``): extracted, with a warning on the row.
    truncated: int = 0
    #: Places where a file could not be read (a corrupt gzip member, an invalid
    #: header, a file that ends inside a record): an ``ArchiveError`` row each.
    archive_errors: int = 0

    def add(self, other: WarcStats) -> None:
        """Add another file's or chunk's counts to these."""
        for name in fields(self):
            setattr(self, name.name, getattr(self, name.name) + getattr(other, name.name))

    def minus(self, other: WarcStats) -> WarcStats:
        """Return these counts less ``other``'s (what was read since ``other`` was copied)."""
        return WarcStats(
            **{
                name.name: getattr(self, name.name) - getattr(other, name.name)
                for name in fields(self)
            }
        )


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """What a row keeps of a WARC record besides the extraction."""

    #: The WARC-Target-URI.
    url: str | None
    #: The HTTP status code.
    status: int | None
    #: The WARC-Date.
    fetched_at: dt.datetime | None
    #: The HTTP Content-Type's media type (lower case, no parameters).
    content_type: str | None
    #: The WARC-Record-ID.
    record_id: str | None
    #: The file, as given.
    warc_file: str
    #: Where the record starts in the file (compressed bytes for ``.warc.gz``).
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class HtmlRecord:
    """One row to be: an HTML response record, or an entry for a place that could not be read."""

    info: RecordInfo
    #: The HTTP payload, transfer and content encodings undone.
    payload: bytes
    #: The HTTP response headers, in order.
    headers: tuple[tuple[str, str], ...]
    #: Warnings about the record itself (truncation), put first on its row.
    warnings: tuple[str, ...] = ()
    #: Set when the record must not be extracted (binary payload, unreadable place).
    error: PageError | None = None


@dataclass(frozen=True, slots=True)
class _Walk:
    """What one walk over a file's records needs."""

    path: str
    stats: WarcStats
    warc: Any  # the fastwarc.warc module
    #: Starts of the records already reported as cut by the end of the file.
    cut_at: list[int] = field(default_factory=list)


def open_warc(path: str) -> IO[bytes]:
    """Open a local path, or a URL (``s3://``, ``https://``, ...) through fsspec."""
    if "://" in path:
        from crawlextract._apps.remote import open_remote  # noqa: PLC0415 - needs fsspec

        return open_remote(path)
    return open(path, "rb")  # noqa: PTH123 - the caller closes it


def fastwarc() -> Any:
    """Return ``fastwarc.warc``, or say which extra installs it."""
    try:
        from fastwarc import warc  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise MissingDependencyError(
            "warc", "fastwarc", "warc", feature="reading WARC files"
        ) from None
    return warc


def iter_html_records(
    path: str,
    stats: WarcStats,
    *,
    offset: int = 0,
    max_records: int | None = None,
    gunzip: bool = False,
) -> Iterator[HtmlRecord]:
    """Yield the HTML response records of one WARC file, counting every record in ``stats``.

    Places that cannot be read are yielded too, as records with an
    ``ArchiveError`` error and no URL, and reading goes on after them.

    Args:
        path: A ``.warc`` or ``.warc.gz`` file (compression is detected).
        stats: Counts to add to.
        offset: Where to start reading: 0, or a record's start from :func:`record_starts`.
        max_records: Read at most this many records (of any type), for chunks.
        gunzip: The file is one gzip stream (not a gzip member per record), and
            ``offset`` counts decompressed bytes: the file is read through
            :class:`gzip.GzipFile`, whose seek decompresses up to the offset.
    """
    walk = _Walk(path, stats, fastwarc())
    try:
        raw = open_warc(path)
    except OSError as error:
        stats.archive_errors += 1
        yield archive_error(path, f"cannot open the file: {error}")
        return
    with raw:
        stream = cast("IO[bytes]", gzip.GzipFile(fileobj=raw, mode="rb")) if gunzip else raw
        yield from _walk(stream, walk, offset, max_records, _html_items)


def record_starts(path: str, *, offset: int = 0, gunzip: bool = False) -> Iterator[int]:
    """Yield where each record starts, without parsing HTTP, stepping over damage.

    Damaged places are skipped exactly as :func:`iter_html_records` skips them,
    so chunks planned from these starts read every record a whole-file read
    does. With ``gunzip`` the file is read as one gzip stream and the starts
    are decompressed offsets (as ``iter_html_records(gunzip=True)`` takes them).
    In a whole-file gzip read without ``gunzip``, the positions are not record
    starts (they do not increase): check before seeking to them.
    """
    walk = _Walk(path, WarcStats(), fastwarc())
    with open_warc(path) as raw:
        stream = cast("IO[bytes]", gzip.GzipFile(fileobj=raw, mode="rb")) if gunzip else raw
        for start in _walk(stream, walk, offset, None, lambda record, _walk: [record.stream_pos]):
            if isinstance(start, int):  # not the entry for a damaged place
                yield start


def archive_error(path: str, message: str, offset: int | None = None) -> HtmlRecord:
    """Return the entry for a place in ``path`` that could not be read."""
    info = RecordInfo(None, None, None, None, None, path, offset)
    return HtmlRecord(info, b"", (), error=PageError(ARCHIVE_ERROR, message))


def _walk(
    stream: IO[bytes],
    walk: _Walk,
    start: int,
    max_records: int | None,
    visit: Callable[[WarcRecord, _Walk], Iterable[_Item]],
) -> Iterator[_Item | HtmlRecord]:
    """Visit each record from ``start``; step over what cannot be read, reporting it."""
    gzipped = gzip_at(stream, start)
    position = start
    read = 0
    while True:
        stream.seek(position)
        last = position - 1  # the start of the last record read whole
        current: int | None = None  # the start of the record being read
        try:
            for record in walk.warc.ArchiveIterator(stream, parse_http=False):
                if max_records is not None and read >= max_records:
                    return
                current = record.stream_pos
                read += 1
                walk.stats.records += 1
                items = list(visit(record, walk))
                last, current = record.stream_pos, None
                yield from items
        except READ_ERRORS as error:
            failed = current if current is not None else next_start(stream, last + 1, gzipped)
            if failed is None:
                failed = last + 1
            walk.stats.archive_errors += 1
            resume = resync(stream, walk.warc, failed + 1, gzipped)
            then = "no readable record follows" if resume is None else f"resumed at {resume}"
            message = f"unreadable record at offset {failed} ({error}); {then}"
            yield archive_error(walk.path, message, failed)
            if resume is None:
                return
            position = resume
        else:
            # fastwarc ends quietly where a gzip member is cut before its
            # record's header is whole: look past the last member read.
            tail = gzip_tail(stream, max(last, position)) if gzipped else None
            if tail is not None and tail not in walk.cut_at:
                walk.stats.archive_errors += 1
                message = f"the file ends inside the gzip member at offset {tail}"
                yield archive_error(walk.path, message, tail)
            return


def _html_items(record: WarcRecord, walk: _Walk) -> list[HtmlRecord]:
    """The rows one record gives: none, its row, and an entry if the file ends inside it."""
    warc, stats = walk.warc, walk.stats
    expected = record.content_length
    if record.record_type != warc.WarcRecordType.response or not record.is_http:
        if record.record_type != warc.WarcRecordType.response:
            stats.skipped_non_response += 1
        else:
            stats.skipped_non_html += 1
        # Read to its end, so that a file cut inside any record is noticed.
        got = record.reader.consume()
        return [_cut_entry(walk, record.stream_pos, got, expected)] if got < expected else []
    record.freeze()  # the raw block, kept to be measured, then parsed as HTTP
    got = len(record.reader.read())
    record.reader.seek(0)
    # auto_decode undoes chunked transfer and gzip/deflate/brotli content
    # encodings, which crawlers store as sent.
    record.parse_http(auto_decode="all")
    payload = record.reader.read()
    content_type = (record.http_content_type or "").strip().lower() or None
    cut = got < expected
    if content_type not in _HTML_TYPES and not (
        content_type is None and _LOOKS_LIKE_HTML.match(payload[:_SNIFF_BYTES])
    ):
        stats.skipped_non_html += 1
        return [_cut_entry(walk, record.stream_pos, got, expected)] if cut else []
    stats.html += 1
    headers = record.headers
    info = RecordInfo(
        url=headers.get("WARC-Target-URI"),
        status=record.http_headers.status_code,
        fetched_at=_utc(record.record_date) if headers.get("WARC-Date") else None,
        content_type=content_type,
        record_id=headers.get("WARC-Record-ID"),
        warc_file=walk.path,
        offset=record.stream_pos,
    )
    http_headers = tuple(record.http_headers.to_tuples())
    warnings = []
    if cut:
        warnings.append(f"truncated record: {got} of {expected} bytes (the file ends inside it)")
    marked = headers.get("WARC-Truncated")
    if marked:
        warnings.append(f"truncated record: WARC-Truncated: {marked} (the crawler cut it)")
    stats.truncated += bool(warnings)
    error = None
    binary = binary_payload(payload, Headers(http_headers).charset())
    if binary is not None:
        stats.binary += 1
        error = PageError(BINARY_PAYLOAD, f"the payload labelled {content_type} is {binary}")
    row = HtmlRecord(info, payload, http_headers, tuple(warnings), error)
    if cut:
        return [row, _cut_entry(walk, record.stream_pos, got, expected)]
    return [row]


def _cut_entry(walk: _Walk, offset: int, got: int, expected: int) -> HtmlRecord:
    walk.stats.archive_errors += 1
    walk.cut_at.append(offset)
    message = f"the file ends inside the record at offset {offset} ({got} of {expected} bytes)"
    return archive_error(walk.path, message, offset)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)
