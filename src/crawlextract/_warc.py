"""WARC archives in, rows out: read HTML response records and extract each one.

Records are read with fastwarc (about ten times faster than warcio). Each HTML
response record's URL, HTTP status, headers (for the Content-Type charset and a
``Link`` canonical) and WARC-Date go with its payload to
:func:`~crawlextract.extract`; the HTTP transfer and content encodings (chunked,
gzip, ...) are undone first. Every other record is skipped and counted in a
:class:`WarcStats`.

Two ways to run, giving the same rows in the same order:

- :func:`extract_warc` streams the records of many files through
  :func:`~crawlextract.extract_many` (worker processes, wall-clock limits);
- :func:`warc_rows` extracts one file, or one chunk of its records, in the
  calling process: the task a Dask, Spark or Ray worker runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import re
from dataclasses import dataclass, fields
from typing import IO, TYPE_CHECKING, Any

from ._batch import PageError, PageInput, PageResult, extract_dict, extract_many, page_error
from ._options import Options, resolve_options

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from fastwarc.warc import WarcRecord

#: Media types extracted as HTML.
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

#: A payload without a Content-Type counts as HTML when its start looks like a
#: document; 1 kB covers a BOM, an XML declaration and a doctype.
_SNIFF_BYTES = 1024
_LOOKS_LIKE_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE
)


@dataclass(slots=True)
class WarcStats:
    """What was read from WARC files: records seen, extracted and skipped."""

    #: Records read, of every type.
    records: int = 0
    #: HTML response records, each one a row.
    html: int = 0
    #: Records that are not HTTP responses (request, metadata, warcinfo, revisit, ...).
    skipped_non_response: int = 0
    #: Response records whose payload is not HTML (images, PDF, DNS, ...).
    skipped_non_html: int = 0

    def add(self, other: WarcStats) -> None:
        """Add another file's or chunk's counts to these."""
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


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


@dataclass(frozen=True, slots=True)
class HtmlRecord:
    """One HTML response record, ready for :func:`~crawlextract.extract`."""

    info: RecordInfo
    #: The HTTP payload, transfer and content encodings undone.
    payload: bytes
    #: The HTTP response headers, in order.
    headers: tuple[tuple[str, str], ...]


def open_warc(path: str) -> IO[bytes]:
    """Open a local path, or a URL (``s3://``, ``https://``, ...) through fsspec."""
    if "://" in path:
        try:
            import fsspec  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
        except ImportError:
            raise ImportError(f"reading {path!r} needs fsspec: pip install fsspec") from None
        return fsspec.open(path, "rb").open()  # type: ignore[no-any-return]
    return open(path, "rb")  # noqa: PTH123 - the caller closes it


def _fastwarc() -> Any:
    try:
        from fastwarc import warc  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise ImportError(
            "reading WARC files needs fastwarc: pip install 'crawlextract[warc]'"
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

    Args:
        path: A ``.warc`` or ``.warc.gz`` file (compression is detected).
        stats: Counts to add to.
        offset: Where to start reading: 0, or a record's start from :func:`record_offsets`.
        max_records: Read at most this many records (of any type), for chunks.
        gunzip: The file is one gzip stream (not a gzip member per record), and
            ``offset`` counts decompressed bytes (see ``crawlextract.warc.WarcTask``).
    """
    warc = _fastwarc()
    with open_warc(path) as raw:
        # Seeking a GzipFile decompresses up to the offset: the only way into a
        # file compressed as a whole.
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if gunzip else raw
        if offset:
            stream.seek(offset)
        # auto_decode undoes chunked transfer and gzip/deflate/brotli content
        # encodings, which crawlers store as sent.
        records = warc.ArchiveIterator(stream, parse_http=True, auto_decode="all")
        for read, record in enumerate(records):
            if max_records is not None and read >= max_records:
                return
            stats.records += 1
            html = _html_record(record, path, stats, warc)
            if html is not None:
                yield html


def _html_record(record: WarcRecord, path: str, stats: WarcStats, warc: Any) -> HtmlRecord | None:
    if record.record_type != warc.WarcRecordType.response:
        stats.skipped_non_response += 1
        return None
    if not record.is_http:
        stats.skipped_non_html += 1
        return None
    payload = record.reader.read()
    content_type = (record.http_content_type or "").strip().lower() or None
    if content_type not in _HTML_TYPES and not (
        content_type is None and _LOOKS_LIKE_HTML.match(payload[:_SNIFF_BYTES])
    ):
        stats.skipped_non_html += 1
        return None
    stats.html += 1
    headers = record.headers
    info = RecordInfo(
        url=headers.get("WARC-Target-URI"),
        status=record.http_headers.status_code,
        fetched_at=_utc(record.record_date) if headers.get("WARC-Date") else None,
        content_type=content_type,
        record_id=headers.get("WARC-Record-ID"),
        warc_file=path,
    )
    return HtmlRecord(info, payload, tuple(record.http_headers.to_tuples()))


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def record_offsets(path: str, records_per_chunk: int) -> list[int]:
    """Return where each chunk of ``records_per_chunk`` records starts in the file.

    One pass without parsing HTTP; gzip members are record-aligned in
    ``.warc.gz`` files, so each offset can be seeked to.
    """
    if records_per_chunk < 1:
        raise ValueError("records_per_chunk must be at least 1")
    warc = _fastwarc()
    offsets = []
    with open_warc(path) as stream:
        for number, record in enumerate(warc.ArchiveIterator(stream, parse_http=False)):
            if number % records_per_chunk == 0:
                offsets.append(record.stream_pos)
    return offsets


def make_row(
    info: RecordInfo, page: dict[str, Any] | None, error: PageError | None
) -> dict[str, Any]:
    """Flatten one record's extraction into a row of ``WARC_COLUMNS``."""
    row: dict[str, Any] = {
        "url": info.url,
        "status": info.status,
        "fetched_at": info.fetched_at,
        "content_type": info.content_type,
        "encoding": None,
        "title": None,
        "description": None,
        "canonical": None,
        "canonical_status": None,
        "noindex": None,
        "language": None,
        "boilerpipe_text": None,
        "markdown": None,
        "readable_markdown": None,
        "warnings": None,
        "error": None if error is None else str(error),
        "error_type": None if error is None else error.type,
        "record_id": info.record_id,
        "warc_file": info.warc_file,
    }
    if page is not None:
        metadata = page["metadata"]
        row.update(
            encoding=page["encoding"],
            title=metadata["title"],
            description=metadata["description"],
            canonical=metadata["canonical"],
            canonical_status=page["filters"]["canonical"],
            noindex=page["filters"]["noindex"],
            language=metadata["language"],
            boilerpipe_text=page["boilerpipe_text"],
            markdown=page["markdown"],
            readable_markdown=page["readable_markdown"],
            warnings=page["warnings"],
        )
    return row


def extract_warc(
    paths: Iterable[str],
    *,
    options: Options | str | None = None,
    workers: int | None = None,
    timeout: float | None = None,
    stats: WarcStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Extract every HTML response record of ``paths`` on local worker processes.

    Rows come in file order, then record order, one per HTML response record;
    records stream through, so memory does not grow with the archives. A page
    that fails or times out is a row with ``error`` set.

    Args:
        paths: WARC files (``.warc`` or ``.warc.gz``).
        options: As for :func:`~crawlextract.extract`.
        workers: Worker processes, as for :func:`~crawlextract.extract_many`.
        timeout: Wall-clock seconds per page, as for :func:`~crawlextract.extract_many`.
        stats: Counts of records read and skipped are added to it.

    Yields:
        One row (a dict with the keys of ``WARC_COLUMNS``) per HTML response record.
    """
    counts = stats if stats is not None else WarcStats()
    inputs = (
        PageInput(record.payload, record.info.url, record.headers, key=record.info)
        for path in paths
        for record in iter_html_records(path, counts)
    )
    result: PageResult
    for result in extract_many(inputs, workers=workers, options=options, timeout=timeout):
        yield make_row(result.key, result.page, result.error)


def warc_rows(
    path: str,
    *,
    options: Options | str | None = None,
    timeout: float | None = None,
    offset: int = 0,
    max_records: int | None = None,
) -> tuple[list[dict[str, Any]], WarcStats]:
    """Extract one WARC file, or one chunk of its records, in this process.

    The unit of work for a cluster (a Dask task, a Spark partition): it needs
    no worker processes of its own, because cluster workers often may not start
    any. ``timeout`` therefore becomes the cooperative per-stage time budget
    (``Limits.time_budget``) rather than a wall-clock kill.

    Args:
        path: The WARC file (any path or URL its workers can read).
        options: As for :func:`~crawlextract.extract`.
        timeout: Seconds each stage of one page may take.
        offset: Start of the chunk, from :func:`record_offsets`; 0 for the whole file.
        max_records: Records (of any type) in the chunk; ``None`` to the end.

    Returns:
        The rows, in record order, and the counts of what was read.
    """
    chosen = resolve_options(options)
    if timeout is not None and chosen.limits.time_budget is None:
        chosen = chosen.replace(limits=dataclasses.replace(chosen.limits, time_budget=timeout))
    stats = WarcStats()
    rows = [
        make_row(record.info, *_extract_one(record, chosen))
        for record in iter_html_records(path, stats, offset=offset, max_records=max_records)
    ]
    return rows, stats


def _extract_one(
    record: HtmlRecord, options: Options
) -> tuple[dict[str, Any] | None, PageError | None]:
    try:
        page = extract_dict(record.payload, record.info.url, record.headers, options)
    except Exception as error:  # noqa: BLE001 - the page's error goes in its row
        return None, page_error(error)
    return page, None
