import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

from crawlextract._apps.columnar import (
    WARC_COLUMNS,
    JsonlWriter,
    ParquetWriter,
    arrow_schema,
    open_writer,
)

NAMES = [column.name for column in WARC_COLUMNS]


def _row(i, **changes):
    row = dict.fromkeys(NAMES)
    row.update(
        url=f"https://example.org/{i}",
        status=200,
        fetched_at=dt.datetime(2024, 5, 1, 12, 0, i, tzinfo=dt.timezone.utc),
        title=f"T{i}",
        noindex=False,
        markdown="x" * i,
        warnings=[],
    )
    row.update(changes)
    return row


def test_schema_covers_the_documented_columns():
    """The schema has the columns the issue names, in the documented order, uniquely."""
    required = ["url", "status", "fetched_at", "encoding", "title", "description", "canonical",
                "boilerpipe_text", "markdown", "readable_markdown", "error"]  # fmt: skip
    assert set(required) <= set(NAMES)
    assert len(NAMES) == len(set(NAMES))
    assert arrow_schema().names == NAMES


def test_parquet_writes_row_groups_of_chunk_rows(tmp_path):
    """Rows are written a chunk at a time (one row group each) and read back unchanged."""
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path, chunk_rows=4)
    rows = [_row(i) for i in range(10)]
    for row in rows:
        writer.write(row)
    assert writer._buffer == rows[8:]  # only the unfinished chunk is held
    writer.close()
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 3
    assert parquet.read().to_pylist() == rows


def test_parquet_flushes_on_size(tmp_path):
    """A chunk is written early once its text passes chunk_chars."""
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path, chunk_rows=1000, chunk_chars=100)
    for i in range(5):
        writer.write(_row(i, markdown="y" * 60))
    writer.close()
    assert pq.ParquetFile(path).metadata.num_row_groups >= 2


def test_jsonl_round_trip_with_dates_and_surrogates(tmp_path):
    """JSONL lines parse back; dates are ISO 8601; a lone surrogate stays valid UTF-8."""
    path = tmp_path / "out.jsonl"
    writer = JsonlWriter(path)
    writer.write(_row(1, title="bad \udcff surrogate"))
    writer.write(_row(2))
    writer.close()
    raw = path.read_bytes()
    raw.decode("utf-8")  # must not raise
    lines = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert lines[0]["fetched_at"] == "2024-05-01T12:00:01+00:00"
    assert lines[0]["title"] == "bad \udcff surrogate"
    assert lines[1]["title"] == "T2"
    assert writer.rows == 2


def test_open_writer_by_suffix(tmp_path):
    """The output format follows the file name; an unknown one is refused."""
    rows = [_row(1), _row(2)]
    for name in ("a.parquet", "a.jsonl"):
        writer = open_writer(tmp_path / name)
        for row in rows:
            writer.write(row)
        writer.close()
    assert type(open_writer(tmp_path / "b.parquet")) is ParquetWriter
    assert pq.read_table(tmp_path / "a.parquet").to_pylist() == rows  # a Parquet file
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["T1", "T2"]  # JSON lines
    with pytest.raises(ValueError, match=r"parquet or \.jsonl"):
        open_writer(tmp_path / "a.csv")


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch):
    """A missing pyarrow is a MissingDependencyError (a CrawlextractError and an ImportError)."""
    from crawlextract._base.exceptions import CrawlextractError, MissingDependencyError  # noqa: PLC0415

    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"crawlextract\[warc\]") as raised:
        ParquetWriter(tmp_path / "a.parquet")
    assert isinstance(raised.value, CrawlextractError)
    assert isinstance(raised.value, ImportError)
