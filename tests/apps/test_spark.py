"""The Spark recipe of docs/batch.md, run as written under pyspark local[2]."""

import datetime as dt
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from crawlextract._apps.columnar import WARC_COLUMNS
from crawlextract._apps.warc.jobs import WarcStats, extract_warc
from crawlextract.warc import spark_schema
from warc_helpers import write_warc

BATCH_DOC = Path(__file__).resolve().parents[2] / "docs" / "batch.md"
MARKER = "<!-- tests/apps/test_spark.py runs the next block as written, under local[2]. -->"

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and os.environ.get("CI") != "true":
    pytest.skip("Spark needs a Java runtime (17 or later)", allow_module_level=True)


def documented_recipe():
    """The first python block after the marker in docs/batch.md."""
    text = BATCH_DOC.read_text(encoding="utf-8")
    after = text[text.index(MARKER) + len(MARKER) :]
    return re.search(r"```python\n(.*?)```", after, flags=re.DOTALL).group(1)


@pytest.fixture(scope="module")
def spark():
    """A local[2] session; the recipe's getOrCreate() picks it up."""
    from pyspark.sql import SparkSession  # noqa: PLC0415

    saved = os.environ.get("PYSPARK_PYTHON")
    # The Python workers must be this interpreter, where crawlextract is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("crawlextract-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()
    if saved is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = saved


def test_spark_schema_matches_the_documented_columns():
    """spark_schema() has the documented columns, in order, every one nullable."""
    schema = spark_schema()
    assert [field.name for field in schema.fields] == [column.name for column in WARC_COLUMNS]
    assert all(field.nullable for field in schema.fields)
    types = {field.name: field.dataType.simpleString() for field in schema.fields}
    assert types["status"] == "int"
    assert types["fetched_at"] == "timestamp"
    assert types["warnings"] == "array<string>"
    assert types["noindex"] == "boolean"


@pytest.mark.slow
@pytest.mark.usefixtures("spark")
def test_documented_recipe_writes_the_local_engine_rows(tmp_path):
    """The recipe, run verbatim, writes the local engine's rows in order, a partition per chunk."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    paths = [tmp_path / "a.warc.gz", tmp_path / "b.warc"]
    write_warc(paths[0], aeb_pages=3)
    write_warc(paths[1], aeb_pages=1)
    paths = [str(path) for path in paths]
    output = str(tmp_path / "out")
    namespace = {"paths": paths, "output": output}
    exec(documented_recipe(), namespace)  # noqa: S102 - the documented recipe is the test
    assert len(namespace["tasks"]) >= 2
    assert namespace["rdd"].getNumPartitions() == len(namespace["tasks"])

    stats = WarcStats()
    local = list(extract_warc(paths, workers=1, stats=stats))
    parts = sorted(Path(output).glob("part-*.parquet"))
    written = [row for part in parts for row in pq.read_table(part).to_pylist()]
    assert len(written) == len(local) == stats.html
    for spark_row, local_row in zip(written, local, strict=True):
        # Spark writes timestamps in UTC without a zone; compare the instants.
        fetched = spark_row.pop("fetched_at")
        expected = local_row.pop("fetched_at")
        assert fetched.replace(tzinfo=dt.timezone.utc) == expected
        assert spark_row == local_row
