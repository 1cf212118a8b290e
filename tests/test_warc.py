import datetime as dt

import pytest

from crawlextract import PageError, extract
from crawlextract._columnar import WARC_COLUMNS
from crawlextract._warc import (
    RecordInfo,
    WarcStats,
    extract_warc,
    iter_html_records,
    make_row,
    record_offsets,
    warc_rows,
)
from warc_helpers import SYNTHETIC, write_warc


@pytest.fixture(scope="module", params=["archive.warc.gz", "archive.warc"])
def archive(request, tmp_path_factory):
    """A small archive, gzipped and not."""
    path = tmp_path_factory.mktemp("warc") / request.param
    write_warc(path, aeb_pages=2)
    return str(path)


def test_reads_html_responses_and_counts_the_rest(archive):
    """Only HTML response records are yielded; requests, warcinfo, revisit and PNG are counted."""
    stats = WarcStats()
    records = list(iter_html_records(archive, stats))
    assert len(records) == len(SYNTHETIC) + 2
    assert stats == WarcStats(records=15, html=6, skipped_non_response=8, skipped_non_html=1)
    assert [r.info.url for r in records[:4]] == [url for url, *_ in SYNTHETIC]
    assert [r.info.status for r in records[:2]] == [200, 404]
    assert all(isinstance(r.info.fetched_at, dt.datetime) for r in records)
    assert all(r.info.fetched_at.tzinfo == dt.timezone.utc for r in records)
    assert records[3].info.content_type is None  # sniffed as HTML


def test_payload_is_decoded_and_headers_are_passed(archive):
    """Gzip content encoding is undone; the Content-Type charset and Link canonical are used."""
    rows = list(extract_warc([archive], workers=1))
    by_url = {row["url"]: row for row in rows}
    assert by_url["https://example.org/a"]["title"] == "Café"  # windows-1252 from the header
    assert by_url["https://example.org/a"]["encoding"] == "windows-1252"
    assert by_url["https://example.org/b"]["canonical"] == "https://example.org/canonical-b"
    assert by_url["https://example.org/b"]["status"] == 404
    assert by_url["https://example.org/c"]["title"] == "Zipped ✓"
    assert by_url["https://example.org/d"]["title"] == "Sniffed"


def test_rows_have_the_schema_and_match_extract(archive):
    """Every row has exactly the documented columns and the values extract() gives."""
    names = [column.name for column in WARC_COLUMNS]
    records = list(iter_html_records(archive, WarcStats()))
    rows = list(extract_warc([archive], workers=2))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert list(row) == names
        page = extract(record.payload, record.info.url, record.headers).to_dict()
        assert row["error"] is None
        assert row["markdown"] == page["markdown"]
        assert row["readable_markdown"] == page["readable_markdown"]
        assert row["boilerpipe_text"] == page["boilerpipe_text"]
        assert row["title"] == page["metadata"]["title"]
        assert row["warc_file"] == archive


def test_local_pool_and_in_process_rows_are_identical(archive):
    """extract_warc on two workers gives the rows warc_rows gives in-process."""
    stats = WarcStats()
    pooled = list(extract_warc([archive, archive], workers=2, stats=stats))
    single, single_stats = warc_rows(archive)
    assert pooled == single + single
    assert stats.html == 2 * single_stats.html
    assert stats.records == 2 * single_stats.records


@pytest.mark.parametrize("size", [1, 3, 5, 100])
def test_chunks_cover_the_file_exactly(archive, size):
    """Chunks from record_offsets give the whole file's rows and counts, in order."""
    whole, whole_stats = warc_rows(archive)
    rows, stats = [], WarcStats()
    offsets = record_offsets(archive, size)
    assert len(offsets) == -(-whole_stats.records // size)
    for offset in offsets:
        chunk_rows, chunk_stats = warc_rows(archive, offset=offset, max_records=size)
        rows.extend(chunk_rows)
        stats.add(chunk_stats)
    assert rows == whole
    assert stats == whole_stats


def test_error_row_keeps_the_record_and_nulls_the_outputs():
    """A failed page is a row with error and error_type set and null outputs."""
    info = RecordInfo("https://x.test/", 200, None, "text/html", "<urn:1>", "f.warc")
    row = make_row(info, None, PageError("PageTimeout", "no result within 1 s", timed_out=True))
    assert row["error"] == "PageTimeout: no result within 1 s"
    assert row["error_type"] == "PageTimeout"
    assert row["markdown"] is None
    assert row["title"] is None
    assert row["url"] == "https://x.test/"
    assert list(row) == [column.name for column in WARC_COLUMNS]


def test_timeout_in_process_uses_the_time_budget(archive):
    """warc_rows turns timeout into Limits.time_budget; a generous one fails nothing."""
    rows, _ = warc_rows(archive, timeout=60.0)
    assert rows
    assert all(row["error"] is None for row in rows)


def test_bad_chunk_size():
    """A chunk of fewer than one record is refused."""
    with pytest.raises(ValueError, match="at least 1"):
        record_offsets("unused.warc", 0)
