import json

import pyarrow.parquet as pq
import pytest

from crawlextract._cli import main as cli
from crawlextract._columnar import WARC_COLUMNS
from crawlextract._warc import warc_rows
from warc_helpers import write_warc


def test_warc_to_parquet_and_jsonl_give_the_same_rows(tmp_path, capsys):
    """Parquet and JSONL outputs hold the same rows, with the documented columns."""
    archive = tmp_path / "in.warc.gz"
    pages = write_warc(archive, aeb_pages=1)
    parquet, jsonl = tmp_path / "out.parquet", tmp_path / "out.jsonl"
    assert cli(["warc", str(archive), "-o", str(parquet), "--workers", "2"]) == 0
    assert cli(["warc", str(tmp_path), "-o", str(jsonl), "--workers", "1"]) == 0
    table = pq.read_table(parquet)
    assert table.schema.names == [column.name for column in WARC_COLUMNS]
    from_parquet = table.to_pylist()
    from_jsonl = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(from_parquet) == len(from_jsonl) == pages
    for a, b in zip(from_parquet, from_jsonl, strict=True):
        assert a["fetched_at"].isoformat() == b["fetched_at"]
        assert {k: v for k, v in a.items() if k != "fetched_at"} == {
            k: v for k, v in b.items() if k != "fetched_at"
        }
    expected, _ = warc_rows(str(archive))
    assert [row["title"] for row in from_parquet] == [row["title"] for row in expected]
    err = capsys.readouterr().err
    assert "skipped 7 non-response and 1 non-HTML records" in err


def test_scheduler_needs_the_dask_engine(tmp_path, capsys):
    """--scheduler without --engine dask is a usage error."""
    archive = tmp_path / "in.warc"
    write_warc(archive)
    out = str(tmp_path / "o.jsonl")
    assert cli(["warc", str(archive), "-o", out, "--scheduler", "tcp://x:1"]) == 2
    err = capsys.readouterr().err
    assert "--engine dask" in err
    assert len(err.splitlines()) == 1


def test_unknown_output_format(tmp_path, capsys):
    """An output name that is neither .parquet nor .jsonl fails with status 2."""
    archive = tmp_path / "in.warc"
    write_warc(archive)
    assert cli(["warc", str(archive), "-o", str(tmp_path / "o.csv")]) == 2
    assert "output format" in capsys.readouterr().err
