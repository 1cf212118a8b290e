"""WARC archives in, rows out: the functions behind ``crawlextract warc``.

For people who already run Dask or Spark and want to call the same job from
Python (see ``docs/batch.md``). Importing this module imports neither fastwarc,
pyarrow, dask nor pyspark; they are loaded when first used (``pip install 'crawlextract[warc]'``,
``'crawlextract[dask]'``, ``'crawlextract[spark]'``).
"""

from ._apps.columnar import WARC_COLUMNS, Column, open_writer
from ._apps.dask import extract_warc_dask
from ._apps.spark import spark_schema
from ._apps.warc.jobs import WarcStats, extract_warc, warc_rows
from ._apps.warc.tasks import WarcTask, run_task, warc_tasks

__all__ = [
    "WARC_COLUMNS",
    "Column",
    "WarcStats",
    "WarcTask",
    "extract_warc",
    "extract_warc_dask",
    "open_writer",
    "run_task",
    "spark_schema",
    "warc_rows",
    "warc_tasks",
]
