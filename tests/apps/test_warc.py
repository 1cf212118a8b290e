import datetime as dt
import gzip
import io
import itertools
import shutil
from types import SimpleNamespace

import pytest

from crawlextract import PageError, extract
from crawlextract._apps.columnar import WARC_COLUMNS
from crawlextract._apps.warc.jobs import (
    FileDone,
    RecordInfo,
    WarcStats,
    extract_warc,
    iter_html_records,
    iter_warc_events,
    make_row,
    warc_rows,
)
from crawlextract._apps.warc.kinds import archive_kind
from crawlextract._apps.warc.places import GZIP_MAGIC, gzip_tail, next_start, resync
from crawlextract._apps.warc.tasks import file_tasks
from crawlextract._base import deadline as deadline_module
from warc_helpers import (
    SYNTHETIC,
    damage_warc,
    record_offsets_by_warcio,
    write_records,
    write_warc,
)


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
    """Chunks planned by file_tasks give the whole file's rows and counts, in order."""
    whole, whole_stats = warc_rows(archive)
    rows, stats = [], WarcStats()
    offsets = _chunk_offsets(archive, size)
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


def test_timeout_in_process_uses_the_time_budget(archive, monkeypatch):
    """warc_rows makes timeout the time budget: generous, no page fails; spent, every page does."""
    rows, _ = warc_rows(archive, timeout=60.0)
    assert rows == warc_rows(archive)[0]
    assert all(row["error"] is None for row in rows)
    # A clock that jumps 100 s at every reading: each 60 s budget is spent at its first check.
    ticks = itertools.count(0.0, 100.0)
    monkeypatch.setattr(deadline_module, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    spent, _ = warc_rows(archive, timeout=60.0)
    assert [row["url"] for row in spent] == [row["url"] for row in rows]
    budget_error = "TimeBudgetExceeded: parse ran past its time budget of 60 s"
    assert [row["error"] for row in spent] == [budget_error] * len(rows)


def _chunk_offsets(path, size):
    return [task.offset for task in file_tasks(str(path), size)]


def test_bad_chunk_size():
    """A chunk of fewer than one record is refused."""
    with pytest.raises(ValueError, match="at least 1"):
        file_tasks("unused.warc", 0)


def _urls(rows):
    return [row["url"] for row in rows]


def test_corrupt_member_is_an_entry_and_reading_goes_on(tmp_path):
    """A corrupt gzip member becomes an ArchiveError row with its offset; later records are read."""
    good, bad = tmp_path / "good.warc.gz", tmp_path / "bad.warc.gz"
    write_warc(good, aeb_pages=1)
    shutil.copy(good, bad)
    middle, last = damage_warc(bad)
    good_rows, _ = warc_rows(str(good))
    rows, stats = warc_rows(str(bad))
    entries = [row for row in rows if row["error_type"] == "ArchiveError"]
    assert len(entries) == 2
    assert f"offset {middle}" in entries[0]["error"]
    assert "resumed at" in entries[0]["error"]
    assert f"offset {last}" in entries[1]["error"]
    assert "ends inside" in entries[1]["error"]
    assert all(row["url"] is None and row["warc_file"] == str(bad) for row in entries)
    # Only the page in the corrupt member is lost: every other row is the good file's.
    extracted = [row for row in rows if row["error_type"] is None]
    expected = [row for row in good_rows if row["url"] != "https://example.org/c"]
    assert [{**row, "warc_file": None} for row in extracted] == [
        {**row, "warc_file": None} for row in expected
    ]
    assert stats.archive_errors == 2


def test_plain_warc_resynchronises_at_the_next_header(tmp_path):
    """Garbage inside an uncompressed WARC is stepped over to the next WARC/1. line."""
    path = tmp_path / "plain.warc"
    write_warc(path)
    offsets = record_offsets_by_warcio(path)
    data = path.read_bytes()
    # Overwrite the WARC header of the response for /b (record 4) with garbage.
    broken = data[: offsets[4]] + b"\x00garbage\xff" * 8 + data[offsets[4] + 96 :]
    path.write_bytes(broken)
    rows, stats = warc_rows(str(path))
    assert _urls(rows) == [
        "https://example.org/a",
        None,
        "https://example.org/c",
        "https://example.org/d",
    ]
    assert rows[1]["error_type"] == "ArchiveError"
    assert stats.archive_errors == 1


def test_a_plain_warc_record_starts_only_at_a_line_start():
    """In a .warc, "WARC/1." inside a line is no record start; at the file's start it is."""
    data = b"junk WARC/1.0 in a line\nWARC/1.0\r\n"
    assert next_start(io.BytesIO(data), 0, gzipped=False) == data.index(b"\nWARC/1.0") + 1
    assert next_start(io.BytesIO(b"WARC/1.1\r\n"), 0, gzipped=False) == 0
    assert next_start(io.BytesIO(b"no record here\n"), 0, gzipped=False) is None
    assert next_start(io.BytesIO(b"\x1f"), 0, gzipped=True) is None  # shorter than a header


def test_gzip_tail_says_where_a_member_stops_making_sense():
    """A member ending the file: None; bytes after it: their offset; cut or corrupt: its start."""
    member = gzip.compress(b"x" * 1000)
    corrupt = member[:10] + b"\xff" * 8 + member[18:]  # its deflate data broken
    assert gzip_tail(io.BytesIO(member), 0) is None
    assert gzip_tail(io.BytesIO(member + b"trailing junk"), 0) == len(member)
    assert gzip_tail(io.BytesIO(member[:-5]), 0) == 0
    assert gzip_tail(io.BytesIO(b"prefix" + corrupt), 6) == 6
    assert gzip_tail(io.BytesIO(b"no gzip member here"), 0) is None


def test_resync_skips_a_gzip_header_that_reads_no_record(tmp_path):
    """After damage, reading resumes at the next gzip member that holds a whole record."""
    from fastwarc import warc  # noqa: PLC0415 - the reader resync drives

    path = tmp_path / "two.warc.gz"
    page = [("Content-Type", "text/html")]
    write_records(path, [("https://e.org/1", "200 OK", page, b"<p>one</p>"),
                         ("https://e.org/2", "200 OK", page, b"<p>two</p>")])  # fmt: skip
    data = path.read_bytes()
    second = data.index(GZIP_MAGIC, 1)
    false_start = GZIP_MAGIC + b"\x00" * 20  # a gzip header, then nothing readable
    damaged = b"garbage" + false_start + data[second:]
    assert resync(io.BytesIO(damaged), warc, 0, gzipped=True) == len(b"garbage" + false_start)
    assert resync(io.BytesIO(b"garbage" + false_start), warc, 0, gzipped=True) is None


def test_truncated_record_is_extracted_with_a_warning(tmp_path):
    """A record cut by the end of the file is extracted, warned about, and reported."""
    path = tmp_path / "cut.warc"
    body = b"<html><head><title>Long</title></head><body>" + b"<p>text</p>" * 500
    write_records(
        path, [("https://example.org/long", "200 OK", [("Content-Type", "text/html")], body)]
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    rows, stats = warc_rows(str(path))
    assert _urls(rows) == ["https://example.org/long", None]
    assert rows[0]["title"] == "Long"
    assert rows[0]["warnings"][0].startswith("truncated record:")
    assert rows[1]["error_type"] == "ArchiveError"
    assert stats.truncated == 1
    assert stats.archive_errors == 1


def test_warc_truncated_header_is_a_warning_only(tmp_path):
    """A record the crawler marked WARC-Truncated gets a warning, and no archive error."""
    path = tmp_path / "marked.warc.gz"
    write_records(
        path,
        [
            (
                "https://example.org/",
                "200 OK",
                [("Content-Type", "text/html")],
                b"<title>Cut</title><p>x",
            )
        ],
        warc_headers={"WARC-Truncated": "length"},
    )
    rows, stats = warc_rows(str(path))
    assert rows[0]["title"] == "Cut"
    assert rows[0]["warnings"][0] == (
        "truncated record: WARC-Truncated: length (the crawler cut it)"
    )
    assert stats.truncated == 1
    assert stats.archive_errors == 0


def test_binary_payloads_are_errors_not_text(tmp_path):
    """PNG bytes, noise and an undeclared gzip body labelled text/html get a BinaryPayload row."""
    html = [("Content-Type", "text/html")]
    path = tmp_path / "binary.warc.gz"
    write_records(
        path,
        [
            ("https://example.org/png", "200 OK", html, b"\x89PNG\r\n\x1a\n" + bytes(100)),
            ("https://example.org/noise", "200 OK", html, bytes(range(256)) * 4),
            ("https://example.org/gz", "200 OK", html, gzip.compress(b"<title>Hidden</title>")),
            (
                "https://example.org/utf16",
                "200 OK",
                html,
                "\ufeff<title>Wide</title>".encode("utf-16le"),
            ),
        ],
    )
    rows, stats = warc_rows(str(path))
    assert [row["error_type"] for row in rows] == [
        "BinaryPayload",
        "BinaryPayload",
        "BinaryPayload",
        None,
    ]
    assert "PNG image" in rows[0]["error"]
    assert "gzip" in rows[2]["error"]
    assert all(row["markdown"] is None for row in rows[:3])
    assert rows[3]["title"] == "Wide"
    assert stats.binary == 3
    pooled = list(extract_warc([str(path)], workers=2))
    assert pooled == rows


def test_chunks_of_a_damaged_file_cover_what_a_whole_read_gives(tmp_path):
    """Chunk planning steps over damage as reading does: the chunks give the whole file's rows."""
    path = tmp_path / "bad.warc.gz"
    write_warc(path, aeb_pages=1)
    damage_warc(path)
    whole, whole_stats = warc_rows(str(path))
    rows, stats = [], WarcStats()
    for offset in _chunk_offsets(path, 2):
        chunk, chunk_stats = warc_rows(str(path), offset=offset, max_records=2)
        rows.extend(chunk)
        stats.add(chunk_stats)
    assert [row for row in rows if row["error"] is None] == [
        row for row in whole if row["error"] is None
    ]
    assert stats.records == whole_stats.records


def test_whole_file_gzip_is_read_whole_and_planned_in_decompressed_chunks(tmp_path):
    """A WARC gzipped as one stream reads whole; its chunks are addressed in decompressed bytes."""
    plain, whole = tmp_path / "p.warc", tmp_path / "whole.warc.gz"
    write_warc(plain)
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert warc_rows(str(whole))[0] == [
        {**row, "warc_file": str(whole)} for row in warc_rows(str(plain))[0]
    ]
    tasks = file_tasks(str(whole), 3)
    assert all(task.gunzip for task in tasks)
    assert [task.offset for task in tasks] == _chunk_offsets(plain, 3)


def test_a_missing_file_is_an_entry(tmp_path):
    """A file that cannot be opened is one ArchiveError row, not an exception."""
    rows, stats = warc_rows(str(tmp_path / "gone.warc.gz"))
    assert len(rows) == 1
    assert rows[0]["error_type"] == "ArchiveError"
    assert "cannot open" in rows[0]["error"]
    assert stats.archive_errors == 1


def test_wet_and_wat_files_are_recognised(tmp_path):
    """Conversion records mark a WET file, JSON metadata records a WAT file."""
    from warcio.warcwriter import WARCWriter  # noqa: PLC0415 - tests only

    wet, wat, warc = tmp_path / "x.warc.gz", tmp_path / "y.warc.gz", tmp_path / "z.warc.gz"
    for path, kind, content_type in (
        (wet, "conversion", "text/plain"),
        (wat, "metadata", "application/json"),
    ):
        with path.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "t"}))
            body = b"{}" if kind == "metadata" else b"text"
            writer.write_record(
                writer.create_warc_record(
                    "https://example.org/",
                    kind,
                    payload=__import__("io").BytesIO(body),
                    length=len(body),
                    warc_content_type=content_type,
                )
            )
    write_warc(warc)
    assert archive_kind(str(wet)) == "wet"
    assert archive_kind(str(wat)) == "wat"
    assert archive_kind(str(warc)) == "warc"
    assert archive_kind("CC-MAIN-x.warc.wet.gz") == "wet"


def test_events_end_each_file_after_its_rows(tmp_path):
    """iter_warc_events puts a FileDone after each file's last row, files without rows included."""
    one, empty, two = tmp_path / "1.warc.gz", tmp_path / "2.warc", tmp_path / "3.warc.gz"
    write_warc(one)
    write_records(
        empty,
        [("https://example.org/i.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG")],
    )
    write_warc(two)
    paths = [str(one), str(empty), str(two)]
    for workers in (1, 2):
        events = list(iter_warc_events(paths, workers=workers))
        shape = [e.index if isinstance(e, FileDone) else e["warc_file"] for e in events]
        assert shape == [paths[0]] * 4 + [0, 1] + [paths[2]] * 4 + [2]
        done = [e for e in events if isinstance(e, FileDone)]
        assert done[1].stats.skipped_non_html == 1
        assert done[0].stats.html == 4


def test_whole_file_gzip_chunks_by_decompressed_offsets(tmp_path):
    """With gunzip=True, a whole-file gzip is read from decompressed offsets, as chunks need."""
    plain, whole = tmp_path / "p.warc", tmp_path / "whole.warc.gz"
    write_warc(plain)
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    offsets = _chunk_offsets(plain, 3)  # the same offsets, decompressed
    expected = list(iter_html_records(str(plain), WarcStats()))
    records = [
        record
        for offset in offsets
        for record in iter_html_records(
            str(whole), WarcStats(), offset=offset, max_records=3, gunzip=True
        )
    ]
    assert [r.payload for r in records] == [r.payload for r in expected]
    assert [r.info.url for r in records] == [r.info.url for r in expected]


def test_record_row_keeps_a_records_own_error_and_warnings():
    """record_row does not extract a record that carries an error, and puts its warnings first."""
    from crawlextract._apps.warc.jobs import record_row  # noqa: PLC0415 - the function under test
    from crawlextract._apps.warc.read import HtmlRecord  # noqa: PLC0415

    info = RecordInfo("https://x.test/", 200, None, "text/html", "<urn:1>", "f.warc")
    calls = []

    def extract(record):
        calls.append(record)
        return {"encoding": "utf-8", "metadata": dict.fromkeys(["title", "description",
                "canonical", "language"]), "filters": {"canonical": "not set", "noindex": False},
                "boilerpipe_text": "", "markdown": "", "readable_markdown": "",
                "warnings": ["page warning"]}, None  # fmt: skip

    binary = HtmlRecord(info, b"\x89PNG", (), (), PageError("BinaryPayload", "a PNG image"))
    assert record_row(binary, extract)["error_type"] == "BinaryPayload"
    assert calls == []
    cut = HtmlRecord(info, b"<p>x", (), ("truncated record: 1 of 2 bytes",))
    assert record_row(cut, extract)["warnings"] == [
        "truncated record: 1 of 2 bytes",
        "page warning",
    ]


def test_record_starts_step_over_damage_and_read_through_gunzip(tmp_path):
    """record_starts skips a corrupt member; with gunzip it gives decompressed offsets."""
    from crawlextract._apps.warc.read import record_starts  # noqa: PLC0415 - the function under test

    bad, plain, whole = tmp_path / "bad.warc.gz", tmp_path / "p.warc", tmp_path / "w.warc.gz"
    write_warc(bad)
    offsets = record_offsets_by_warcio(bad)
    middle, _ = damage_warc(bad)
    starts = list(record_starts(str(bad)))
    assert middle not in starts
    assert starts == [offset for offset in offsets if offset != middle]
    write_warc(plain)
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert list(record_starts(str(whole), gunzip=True)) == list(record_starts(str(plain)))
